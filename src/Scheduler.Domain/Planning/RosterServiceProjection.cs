using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Planning;

/// <summary>One quarter-hour of one skill in a roster: required, scheduled, expected contacts, projected service level.</summary>
public sealed record CoveragePoint(Instant Start, string Skill, int Required, int Scheduled, double Contacts, double? ServiceLevel)
{
    public int Short => Math.Max(0, Required - Scheduled);
}

/// <summary>
/// The service level a roster's agents would give by the staffing formulas, per skill and interval: the agents the
/// validator counts on each skill (each agent on one skill, up to the requirement) through
/// <see cref="ServiceProjection.ServiceLevel"/> with the forecast of that interval. The coverage map, the check by
/// simulation and <c>scheduler simulate</c> all set this beside the simulated figures.
/// </summary>
public static class RosterServiceProjection
{
    public static IReadOnlyList<CoveragePoint> Points(IReadOnlyList<string> skills, IReadOnlyList<IntervalCoverage> coverage, IEnumerable<ForecastInterval> forecast, StaffingConfig staffing)
    {
        ArgumentNullException.ThrowIfNull(skills);
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(staffing);
        var byStart = new Dictionary<(string, Instant), ForecastInterval>();
        foreach (var f in forecast)
        {
            byStart[(f.QueueId, f.Start)] = f;
        }

        var points = new List<CoveragePoint>(coverage.Count * skills.Count);
        foreach (var interval in coverage)
        {
            foreach (var skill in skills)
            {
                var scheduled = interval.Covered.GetValueOrDefault(skill);
                var f = byStart.GetValueOrDefault((skill, interval.Start));
                var policy = staffing.Find(skill)?.Policy;
                var sl = policy is null || f is null ? null : ServiceProjection.ServiceLevel(policy, scheduled, f.Contacts, f.AhtSeconds, f.Length);
                points.Add(new CoveragePoint(interval.Start, skill, interval.Required.GetValueOrDefault(skill), scheduled, f?.Contacts ?? 0, sl));
            }
        }

        return points;
    }

    /// <summary>Per skill, the service level weighted by contacts over the horizon.</summary>
    public static IReadOnlyDictionary<string, double?> PerSkill(IEnumerable<CoveragePoint> points) =>
        points.GroupBy(p => p.Skill).ToDictionary(g => g.Key, g => Weighted(g));

    /// <summary>Service level weighted by contacts over points that have one; null when none has.</summary>
    public static double? Weighted(IEnumerable<CoveragePoint> points)
    {
        double weighted = 0, contacts = 0;
        foreach (var p in points)
        {
            if (p.ServiceLevel is { } sl && p.Contacts > 0)
            {
                weighted += sl * p.Contacts;
                contacts += p.Contacts;
            }
        }

        return contacts > 0 ? weighted / contacts : null;
    }
}
