using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Domain.Staffing;

/// <summary>Deferred-work staffing for a horizon: the work due in each interval and the agents it needs.</summary>
/// <param name="WorkSeconds">Handle-time seconds scheduled into each interval.</param>
/// <param name="Agents">Agents working the queue in each interval (before shrinkage).</param>
/// <remarks>
/// Both arrays are longer than the arrivals by the deadline's number of intervals: the last arrivals are worked
/// after the horizon ends, and those trailing intervals say how much.
/// </remarks>
public sealed record BacklogPlan(ImmutableArray<double> WorkSeconds, ImmutableArray<int> Agents);

/// <summary>Email and other deferred contacts answered within a deadline D (a whole number d of intervals).</summary>
/// <remarks>
/// The contacts arriving during interval i may be worked from the moment they arrive until D later, i.e. in
/// intervals i … i + d. Their work (count × AHT) is spread evenly over those d + 1 intervals; the work planned for an
/// interval is the sum of the shares falling in it, and agents = ⌈work ÷ (interval seconds × max occupancy)⌉.
/// This fluid schedule is feasible when arrivals are spread through their interval: by time f (a fraction of
/// interval i) a share f has arrived, and by f + d the schedule has done (d + f)/(d + 1) ≥ f of the cohort.
/// Since a feasible schedule exists, earliest-deadline-first (which here is first come, first served, because
/// every item has the same deadline) meets every deadline with this staffing. An opening backlog is due by D
/// and spread evenly over the first d intervals. Spreading flattens peaks: a spike needs about 1/(d + 1) of the
/// agents that answering it in its own interval would.
/// </remarks>
public static class BacklogStaffing
{
    /// <summary>Absorbs floating-point noise so that exactly 4 agents of work does not round up to 5.</summary>
    private const double RoundingSlack = 1e-9;

    /// <summary>Plans the work and agents for a series of intervals.</summary>
    /// <param name="arrivals">Contacts arriving in each interval.</param>
    /// <param name="ahtSeconds">Average handle time of one contact.</param>
    /// <param name="interval">Planning interval length.</param>
    /// <param name="deadline">Response deadline; a positive whole number of intervals.</param>
    /// <param name="openingBacklog">Contacts already waiting at the start, due by the deadline.</param>
    /// <param name="maxOccupancy">Share of an agent's time spent on the work, in (0, 1].</param>
    public static BacklogPlan Required(
        ReadOnlySpan<double> arrivals, double ahtSeconds, Duration interval, Duration deadline, double openingBacklog = 0, double maxOccupancy = 1.0)
    {
        if (!(ahtSeconds > 0) || double.IsInfinity(ahtSeconds)) ErlangC.ThrowOutOfRange(nameof(ahtSeconds), ahtSeconds, "AHT must be positive and finite.");
        if (interval <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "Interval must be positive.");
        if (deadline < interval || deadline.TotalTicks % interval.TotalTicks != 0) throw new ArgumentOutOfRangeException(nameof(deadline), deadline, "Deadline must be a positive whole number of intervals.");
        if (!(openingBacklog >= 0) || double.IsInfinity(openingBacklog)) ErlangC.ThrowOutOfRange(nameof(openingBacklog), openingBacklog, "Opening backlog must be finite and non-negative.");
        if (!(maxOccupancy is > 0 and <= 1)) ErlangC.ThrowOutOfRange(nameof(maxOccupancy), maxOccupancy, "Maximum occupancy must be in (0, 1].");

        var d = (int)(deadline.TotalTicks / interval.TotalTicks);
        var work = new double[arrivals.Length + d];
        for (var i = 0; i < arrivals.Length; i++)
        {
            var count = arrivals[i];
            if (!(count >= 0) || double.IsInfinity(count)) ErlangC.ThrowOutOfRange(nameof(arrivals), count, $"Arrivals in interval {i} must be finite and non-negative.");
            var share = count * ahtSeconds / (d + 1);
            for (var j = i; j <= i + d; j++)
            {
                work[j] += share;
            }
        }

        var backlogShare = openingBacklog * ahtSeconds / d;
        for (var j = 0; j < d; j++)
        {
            work[j] += backlogShare;
        }

        var capacity = interval.TotalSeconds * maxOccupancy;
        var agents = new int[work.Length];
        for (var j = 0; j < work.Length; j++)
        {
            agents[j] = (int)Math.Ceiling(work[j] / capacity - RoundingSlack);
        }

        return new BacklogPlan([.. work], [.. agents]);
    }
}
