using NodaTime;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Staffing;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Coverage;

/// <summary>One quarter-hour of one skill in a published week: required, scheduled, expected contacts, projected service level.</summary>
public sealed record CoveragePoint(Instant Start, string Skill, int Required, int Scheduled, double Contacts, double? ServiceLevel)
{
    public int Short => Math.Max(0, Required - Scheduled);
}

/// <summary>A published week's coverage for the manager.</summary>
public sealed record CoverageWeek(StoredRoster Roster, IReadOnlyList<CoveragePoint> Points);

/// <summary>
/// After-hours coverage: for a published week, per skill and interval, agents scheduled on duty against agents
/// required, the contacts forecast then, and the service level those agents would give (Erlang A / C, chat).
/// </summary>
public sealed class CoverageService(RosterStore rosters, PlanningService planning, QueueService queues, SiteSettings site)
{
    public async Task<CoverageWeek?> WeekAsync(LocalDate firstDate, CancellationToken ct)
    {
        var published = await rosters.PublishedAsync(site.SiteId, firstDate, ct);
        if (published is null)
        {
            return null;
        }

        var report = RosterValidator.Validate(published.Scenario, published.Roster);
        var plan = await planning.PlanWeekAsync(firstDate, published.Scenario.Days, ct);
        var staffing = await queues.StaffingAsync(ct);
        var forecast = plan.Forecast.ToDictionary(f => (f.QueueId, f.Start));
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

    /// <summary>True for a local time inside the night window [from, to) (the window may wrap past midnight).</summary>
    public static bool IsNight(LocalTime time, LocalTime from, LocalTime to) => from <= to ? time >= from && time < to : time >= from || time < to;

    /// <summary>The worst gaps first: agents short, then contacts expected.</summary>
    public static IReadOnlyList<CoveragePoint> Gaps(IEnumerable<CoveragePoint> points, int take = 25) =>
        [.. points.Where(p => p.Short > 0).OrderByDescending(p => p.Short).ThenByDescending(p => p.Contacts).Take(take)];
}
