using NodaTime;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Staffing;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Features.Coverage;

/// <summary>One quarter-hour of one skill in a published week: required, scheduled, expected contacts, projected service level.</summary>
public sealed record CoveragePoint(Instant Start, string Skill, int Required, int Scheduled, double Contacts, double? ServiceLevel)
{
    public int Short => Math.Max(0, Required - Scheduled);
}

/// <summary>One queue over the week: coverage of the requirement and the contact-weighted projected service level.</summary>
public sealed record QueueWeek(string Queue, double Coverage, double? ServiceLevel, double Contacts);

/// <summary>
/// The week at a glance: paid hours, hours beyond a 40-hour week per agent, each queue's coverage and projected service
/// level, and how evenly nights and weekend days are shared (fewest and most per agent who works).
/// </summary>
public sealed record WeekSummary(double PaidHours, double HoursOver40, IReadOnlyList<QueueWeek> Queues, (int Fewest, int Most) Nights, (int Fewest, int Most) WeekendDays, int AgentsWorking);

/// <summary>A published week's coverage for the manager.</summary>
public sealed record CoverageWeek(StoredRoster Roster, IReadOnlyList<CoveragePoint> Points);

/// <summary>
/// After-hours coverage: for a published week, per skill and interval, agents scheduled on duty against agents
/// required, the contacts forecast then, and the service level those agents would give (Erlang A / C, chat).
/// </summary>
public sealed class CoverageService(RosterStore rosters, RosterViewCache views, PlanningService planning, QueueService queues, SiteSettings site)
{
    public async Task<CoverageWeek?> WeekAsync(LocalDate firstDate, CancellationToken ct)
    {
        // The validated roster comes from the roster page's cache (the same version is validated once).
        if (await rosters.PublishedIdAsync(site.SiteId, firstDate, ct) is not { } id || await views.GetAsync(id, site.Zone, ct) is not { } model)
        {
            return null;
        }

        var (published, report) = (model.Stored, model.Report);
        var staffing = await queues.StaffingAsync(ct);
        var forecast = (await planning.ForecastAsync(firstDate, published.Scenario.Days, ct)).ToDictionary(f => (f.QueueId, f.Start));
        var points = new List<CoveragePoint>();
        foreach (var interval in report.Coverage)
        {
            foreach (var skill in published.Scenario.Skills)
            {
                var scheduled = interval.Covered.GetValueOrDefault(skill);
                var f = forecast.GetValueOrDefault((skill, interval.Start));
                var policy = staffing.Find(skill)?.Policy;
                var sl = policy is null || f is null ? null : ServiceProjection.ServiceLevel(policy, scheduled, f.Contacts, f.AhtSeconds, f.Length);
                points.Add(new CoveragePoint(interval.Start, skill, interval.Required.GetValueOrDefault(skill), scheduled, f?.Contacts ?? 0, sl));
            }
        }

        return new CoverageWeek(published, points);
    }

    public static WeekSummary Summarise(CoverageWeek week)
    {
        var scenario = week.Roster.Scenario;
        var catalog = new ShiftCatalog(scenario);
        var options = week.Roster.Roster.Shifts.Select(s => (s.AgentId, Option: catalog.Find(s))).Where(x => x.Option is not null).ToList();
        var perAgent = options.GroupBy(x => x.AgentId).ToList();
        var paid = perAgent.Select(g => g.Sum(x => x.Option!.Paid.TotalHours)).ToList();
        var working = scenario.Agents.Where(a => perAgent.Any(g => g.Key == a.Id)).ToList();
        int Count(string agent, Func<ShiftOption, bool> which) => options.Count(x => x.AgentId == agent && which(x.Option!));
        var nights = working.Select(a => Count(a.Id, o => o.IsNight)).ToList();
        var weekends = working.Select(a => Count(a.Id, o => scenario.Rules.WeekendDays.Contains(o.Date.DayOfWeek))).ToList();
        var queues = week.Points.GroupBy(p => p.Skill).Select(g =>
        {
            var required = g.Sum(p => p.Required);
            var covered = g.Sum(p => Math.Min(p.Required, p.Scheduled));
            var weighted = g.Where(p => p.ServiceLevel is not null && p.Contacts > 0).ToList();
            double? sl = weighted.Count == 0 ? null : weighted.Sum(p => p.ServiceLevel!.Value * p.Contacts) / weighted.Sum(p => p.Contacts);
            return new QueueWeek(g.Key, required == 0 ? 1 : (double)covered / required, sl, g.Sum(p => p.Contacts));
        }).OrderBy(q => q.Queue, StringComparer.Ordinal).ToList();
        return new WeekSummary(
            paid.Sum(),
            paid.Sum(h => Math.Max(0, h - 40)),
            queues,
            nights.Count == 0 ? (0, 0) : (nights.Min(), nights.Max()),
            weekends.Count == 0 ? (0, 0) : (weekends.Min(), weekends.Max()),
            working.Count);
    }

    /// <summary>True for a local time inside the night window [from, to) (the window may wrap past midnight).</summary>
    public static bool IsNight(LocalTime time, LocalTime from, LocalTime to) => from <= to ? time >= from && time < to : time >= from || time < to;

    /// <summary>The worst gaps first: agents short, then contacts expected.</summary>
    public static IReadOnlyList<CoveragePoint> Gaps(IEnumerable<CoveragePoint> points, int take = 25) =>
        [.. points.Where(p => p.Short > 0).OrderByDescending(p => p.Short).ThenByDescending(p => p.Contacts).Take(take)];
}
