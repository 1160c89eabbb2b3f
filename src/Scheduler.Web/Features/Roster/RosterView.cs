using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.Rostering;

namespace Scheduler.Web.Features.Roster;

/// <summary>
/// A shift as drawn in the grid: where it sits on the viewer's day (percent of 24 h), its label and breaks, and what its
/// tooltip says (<see cref="Start"/>-<see cref="End"/> in the viewer's zone, <see cref="Elapsed"/>, <see cref="Paid"/>);
/// the page words the tooltip in the reader's language (the view is cached for every reader).
/// </summary>
public sealed record ShiftBar(ShiftAssignment Shift, LocalDate ViewDate, double LeftPercent, double WidthPercent, string Label, string Kind, IReadOnlyList<BarMark> Breaks)
{
    /// <summary>Training, coaching and meetings inside the bar (percent of the day, like <see cref="Breaks"/>): the agent is off the queues then.</summary>
    public IReadOnlyList<BarMark> Activities { get; init; } = [];

    public LocalTime Start { get; init; }

    public LocalTime End { get; init; }

    public Duration Elapsed { get; init; }

    public Duration Paid { get; init; }
}

/// <summary>A break or an activity inside a bar: where (percent of the day), when in the viewer's zone, and which.</summary>
public sealed record BarMark(double Left, double Width, LocalTime Start, LocalTime End)
{
    public BreakAssignment? Break { get; init; }

    public Domain.Rostering.Activities.PlacedActivity? Activity { get; init; }
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

    private static IEnumerable<ShiftBar> Bars(ShiftAssignment shift, ShiftOption option, DateTimeZone viewer, IReadOnlyList<Domain.Rostering.Activities.PlacedActivity> activities)
    {
        var start = option.StartInstant.InZone(viewer);
        var end = option.EndInstant.InZone(viewer);
        var kind = option.IsNight ? "night" : option.IsLate ? "late" : "day";
        var label = $"{Short(start.TimeOfDay)}-{Short(end.TimeOfDay)}";
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
                .Select(b => new BarMark(Pct(Max(b.Start, from)), Pct(Min(b.End, to)) - Pct(Max(b.Start, from)), b.Start.InZone(viewer).TimeOfDay, b.End.InZone(viewer).TimeOfDay) { Break = b })
                .ToList();
            var busy = activities.Where(a => a.End > from && a.Start < to)
                .Select(a => new BarMark(Pct(Max(a.Start, from)), Pct(Min(a.End, to)) - Pct(Max(a.Start, from)), a.Start.InZone(viewer).TimeOfDay, a.End.InZone(viewer).TimeOfDay) { Activity = a })
                .ToList();
            yield return new ShiftBar(shift, day, Pct(from), Pct(to) - Pct(from), label, kind, breaks)
            {
                Activities = busy,
                Start = start.TimeOfDay,
                End = end.TimeOfDay,
                Elapsed = option.Elapsed,
                Paid = option.Paid,
            };
        }
    }

    /// <summary>"08" on the hour, "08:30" otherwise: a bar is narrow, the tooltip has the full times.</summary>
    private static string Short(LocalTime time) => time.Minute == 0 ? time.Hour.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : Hm.Format(time);

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
