using NodaTime;
using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Staffing;

/// <summary>
/// The service level a queue would get in one interval with a given number of agents on-line: the inverse of
/// staffing, for rosters that are already made (how good is the service we actually scheduled?).
/// </summary>
/// <remarks>
/// Voice uses Erlang A when the policy has a patience, Erlang C otherwise; chat uses the concurrency chain. The
/// threshold is the target's own (80/20 → 20 s); for ASA and abandonment targets it is 0 (answered without waiting),
/// as in <see cref="StaffingCalculator"/>. Email is worked from a backlog against a deadline, not per interval, so it
/// has no per-interval service level (null).
/// </remarks>
public static class ServiceProjection
{
    public static double? ServiceLevel(StaffingPolicy policy, int agents, double contacts, double ahtSeconds, Duration interval)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Channel == Channel.Email)
        {
            return null;
        }

        if (contacts <= 0)
        {
            return 1;
        }

        if (agents <= 0)
        {
            return 0;
        }

        var threshold = policy.Target is ServiceTarget.ServiceLevel sl ? sl.Threshold.TotalSeconds : 0;
        var load = contacts * ahtSeconds / interval.TotalSeconds;
        return policy.Channel switch
        {
            Channel.Voice when policy.MeanPatience is { } patience => ErlangA.Evaluate(agents, load, ahtSeconds, patience.TotalSeconds, threshold).ServiceLevel,
            Channel.Voice => agents <= load ? 0 : ErlangC.Evaluate(agents, load, ahtSeconds, threshold).ServiceLevel,
            Channel.Chat => ChatStaffing.Evaluate(agents, contacts / interval.TotalSeconds, ahtSeconds, policy.Concurrency ?? ConcurrencyCurve.Single, threshold).ServiceLevel,
            _ => null,
        };
    }
}
