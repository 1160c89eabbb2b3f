using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.Rostering;

namespace Scheduler.Web.Features.Roster;

/// <summary>A shift as drawn in the grid: where it sits on the viewer's day (percent of 24 h), its label and breaks.</summary>
public sealed record ShiftBar(ShiftAssignment Shift, LocalDate ViewDate, double LeftPercent, double WidthPercent, string Label, string Title, string Kind, IReadOnlyList<(double Left, double Width, string Title)> Breaks)
{
    /// <summary>Training, coaching and meetings inside the bar (percent of the day, like <see cref="Breaks"/>): the agent is off the queues then.</summary>
    public IReadOnlyList<(double Left, double Width, string Title)> Activities { get; init; } = [];
}

/// <summary>One row of the grid: an agent and their bars per viewed day.</summary>
public sealed record AgentRow(RosterAgent Agent, IReadOnlyDictionary<LocalDate, List<ShiftBar>> Bars, Duration Paid, int Shifts);

/// <summary>Required against scheduled per interval for one skill, in the viewer's zone.</summary>
public sealed record CoverageSeries(string Skill, IReadOnlyList<(Instant Start, int Required, int Covered)> Points)
{
    public int Short => Points.Sum(p => Math.Max(0, p.Required - p.Covered));
}

/// <summary>
/// The roster as a supervisor reads it, in a chosen zone: one row per agent, one column per day, shift bars with their
/// breaks; a shift that crosses midnight in the viewer's zone shows on both days.
/// </summary>
public static class RosterView
{
    private static readonly LocalTimePattern Hm = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static IReadOnlyList<LocalDate> Days(RosterScenario scenario, DateTimeZone viewer)
    {
        var first = scenario.Grid.Start.InZone(viewer).Date;
        var last = (scenario.Grid.End - Duration.FromTicks(1)).InZone(viewer).Date;
        var days = new List<LocalDate>();
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            days.Add(d);
        }

        return days;
    }

    public static IReadOnlyList<AgentRow> Rows(RosterScenario scenario, Domain.Rostering.Roster roster, DateTimeZone viewer)
    {
        var catalog = new ShiftCatalog(scenario);
        var byAgent = roster.Shifts.GroupBy(s => s.AgentId).ToDictionary(g => g.Key, g => g.ToList());
        var rows = new List<AgentRow>();
        foreach (var agent in scenario.Agents)
        {
            var bars = new Dictionary<LocalDate, List<ShiftBar>>();
            var paid = Duration.Zero;
            var shifts = byAgent.GetValueOrDefault(agent.Id) ?? [];
            foreach (var shift in shifts)
            {
                var option = catalog.Find(shift);
                if (option is null)
                {
                    continue;
                }

                paid += option.Paid;
                var activities = roster.Activities.Where(a => a.Involves(agent.Id) && a.Start < option.EndInstant && a.End > option.StartInstant).ToList();
                foreach (var bar in Bars(shift, option, viewer, activities))
                {
                    if (!bars.TryGetValue(bar.ViewDate, out var list))
                    {
                        bars[bar.ViewDate] = list = [];
                    }

                    list.Add(bar);
                }
            }

            rows.Add(new AgentRow(agent, bars, paid, shifts.Count));
        }

        return rows;
    }

    public static IReadOnlyList<CoverageSeries> Coverage(ValidationReport report, RosterScenario scenario) =>
        [.. scenario.Skills.Select(skill => new CoverageSeries(skill, [.. report.Coverage.Select(c => (c.Start, c.Required.GetValueOrDefault(skill), c.Covered.GetValueOrDefault(skill)))]))];

    /// <summary>How an activity reads in a tooltip or a list: "coaching Weekly coaching 10:00-10:30 (coach: Rahima)".</summary>
    public static string ActivityTitle(Domain.Rostering.Activities.PlacedActivity a, DateTimeZone viewer, Func<string, string>? name = null)
    {
        var coach = a.CoachId is { } c ? $" (coach: {name?.Invoke(c) ?? c})" : string.Empty;
        return $"{RosterJson.KindText(a.Kind)}: {a.Name} {Hm.Format(a.Start.InZone(viewer).TimeOfDay)}-{Hm.Format(a.End.InZone(viewer).TimeOfDay)}{coach}";
    }

    private static IEnumerable<ShiftBar> Bars(ShiftAssignment shift, ShiftOption option, DateTimeZone viewer, IReadOnlyList<Domain.Rostering.Activities.PlacedActivity> activities)
    {
        var start = option.StartInstant.InZone(viewer);
        var end = option.EndInstant.InZone(viewer);
        var kind = option.IsNight ? "night" : option.IsLate ? "late" : "day";
        var label = $"{Short(start.TimeOfDay)}-{Short(end.TimeOfDay)}";
        var title = $"{shift.TemplateId} {Hm.Format(start.TimeOfDay)}-{Hm.Format(end.TimeOfDay)} ({option.Elapsed.TotalHours:0.#} h, {option.Paid.TotalHours:0.#} h paid{(shift.Overtime > Duration.Zero ? $", {shift.Overtime.TotalHours:0.#} h overtime" : "")})";
        for (var day = start.Date; day <= end.Date; day = day.PlusDays(1))
        {
            var dayStart = day.AtStartOfDayInZone(viewer).ToInstant();
            var dayEnd = day.PlusDays(1).AtStartOfDayInZone(viewer).ToInstant();
            var from = Max(option.StartInstant, dayStart);
            var to = Min(option.EndInstant, dayEnd);
            if (to <= from)
            {
                continue;
            }

            var dayLength = (dayEnd - dayStart).TotalMinutes;
            double Pct(Instant at) => (at - dayStart).TotalMinutes / dayLength * 100;
            var breaks = shift.Breaks.Where(b => b.End > from && b.Start < to)
                .Select(b => (Pct(Max(b.Start, from)), Pct(Min(b.End, to)) - Pct(Max(b.Start, from)), $"{b.Name} {Hm.Format(b.Start.InZone(viewer).TimeOfDay)}-{Hm.Format(b.End.InZone(viewer).TimeOfDay)}{(b.Paid ? "" : " (unpaid)")}"))
                .ToList();
            var busy = activities.Where(a => a.End > from && a.Start < to)
                .Select(a => (Pct(Max(a.Start, from)), Pct(Min(a.End, to)) - Pct(Max(a.Start, from)), ActivityTitle(a, viewer)))
                .ToList();
            var activityText = busy.Count == 0 ? string.Empty : "; " + string.Join("; ", busy.Select(b => b.Item3));
            yield return new ShiftBar(shift, day, Pct(from), Pct(to) - Pct(from), label, title + activityText, kind, breaks) { Activities = busy };
        }
    }

    /// <summary>"08" on the hour, "08:30" otherwise: a bar is narrow, the tooltip has the full times.</summary>
    private static string Short(LocalTime time) => time.Minute == 0 ? time.Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : Hm.Format(time);

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
