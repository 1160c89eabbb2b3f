using NodaTime;
using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Staffing;

/// <summary>The staffing of one queue in one interval.</summary>
/// <param name="Agents">Agents needed on-line (handling or ready for contacts).</param>
/// <param name="ScheduledAgents">Agents to schedule so that <paramref name="Agents"/> remain after shrinkage.</param>
/// <param name="ServiceLevel">Share of offered contacts answered within the threshold (1 when there is no threshold target).</param>
/// <param name="Asa">Average speed of answer in seconds.</param>
/// <param name="Occupancy">Share of on-line time spent handling contacts (slot utilisation for chat).</param>
/// <param name="Abandonment">Share of offered calls abandoning; null when the model has no abandonment.</param>
/// <param name="Model">"Erlang C", "Erlang A" or "Chat".</param>
public readonly record struct StaffingResult(
    int Agents, int ScheduledAgents, double ServiceLevel, double Asa, double Occupancy, double? Abandonment, string Model);

/// <summary>The one entry point planners use: a policy, a forecast, and out comes the staffing.</summary>
/// <remarks>
/// Voice uses Erlang A when the policy has a mean patience and Erlang C otherwise; chat uses the concurrency chain;
/// email is not independent from one interval to the next (work can wait until its deadline), so it goes through
/// <see cref="RequiredForBacklog"/> over the whole series instead. The service level reported for an ASA or
/// abandonment target is measured at a zero threshold (the share answered without waiting). Backlog results report
/// ServiceLevel 1 (every item within its deadline by construction) and Asa 0 (not modelled for deferred work).
/// </remarks>
public static class StaffingCalculator
{
    /// <summary>Agents needed for one interval of a voice or chat queue.</summary>
    /// <param name="policy">The queue's staffing policy.</param>
    /// <param name="contacts">Contacts forecast to arrive in the interval.</param>
    /// <param name="ahtSeconds">Average handle time in seconds.</param>
    /// <param name="interval">Interval length.</param>
    public static StaffingResult Required(StaffingPolicy policy, double contacts, double ahtSeconds, Duration interval)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!(contacts >= 0) || double.IsInfinity(contacts)) throw new ArgumentOutOfRangeException(nameof(contacts), contacts, "Contacts must be finite and non-negative.");
        if (!(ahtSeconds > 0) || double.IsInfinity(ahtSeconds)) throw new ArgumentOutOfRangeException(nameof(ahtSeconds), ahtSeconds, "AHT must be positive and finite.");
        if (interval <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "Interval must be positive.");

        var rate = contacts / interval.TotalSeconds;
        var load = rate * ahtSeconds;
        var maxOcc = policy.MaxOccupancy ?? 1.0;
        var (threshold, targetSl, maxAsa) = policy.Target switch
        {
            ServiceTarget.ServiceLevel sl => (sl.Threshold.TotalSeconds, sl.Fraction, double.PositiveInfinity),
            ServiceTarget.AverageSpeedOfAnswer asa => (0.0, 0.0, asa.Maximum.TotalSeconds),
            ServiceTarget.MaximumAbandonment => (0.0, 0.0, double.PositiveInfinity),
            _ => throw new ArgumentException($"Target '{policy.Target}' needs the whole series: use {nameof(RequiredForBacklog)}.", nameof(policy)),
        };

        switch (policy.Channel)
        {
            case Channel.Voice when policy.MeanPatience is { } patience:
                {
                    var (goal, target) = policy.Target switch
                    {
                        ServiceTarget.ServiceLevel => (ErlangAGoal.ServiceLevel, targetSl),
                        ServiceTarget.AverageSpeedOfAnswer => (ErlangAGoal.Asa, maxAsa),
                        ServiceTarget.MaximumAbandonment ab => (ErlangAGoal.Abandonment, ab.Fraction),
                        _ => throw new ArgumentException("Unsupported target.", nameof(policy)),
                    };
                    var r = ErlangA.RequiredAgents(load, ahtSeconds, patience.TotalSeconds, threshold, goal, target, maxOcc);
                    return Result(policy, r.Agents, r.ServiceLevel, r.Asa, r.Occupancy, r.Abandonment, "Erlang A");
                }

            case Channel.Voice:
                {
                    if (policy.Target is ServiceTarget.MaximumAbandonment) throw new ArgumentException("An abandonment target needs MeanPatience (Erlang A).", nameof(policy));
                    var r = policy.Target is ServiceTarget.ServiceLevel
                        ? ErlangC.RequiredAgents(load, ahtSeconds, threshold, targetSl, maxOcc)
                        : ErlangC.RequiredAgentsForAsa(load, ahtSeconds, maxAsa, maxOcc);
                    return Result(policy, r.Agents, r.ServiceLevel, r.Asa, r.Occupancy, null, "Erlang C");
                }

            case Channel.Chat:
                {
                    if (policy.Target is ServiceTarget.MaximumAbandonment) throw new ArgumentException("The chat model has no abandonment; use a service-level or ASA target.", nameof(policy));
                    var r = ChatStaffing.RequiredAgents(rate, ahtSeconds, policy.Concurrency ?? ConcurrencyCurve.Single, threshold, targetSl, maxAsa, maxOcc);
                    return Result(policy, r.Agents, r.ServiceLevel, r.Asa, r.SlotUtilisation, null, "Chat");
                }

            default:
                throw new ArgumentException("Email is planned over the whole series: use RequiredForBacklog.", nameof(policy));
        }
    }

    /// <summary>Agents per interval for an email (deferred) queue with a <see cref="ServiceTarget.ResponseWithin"/> target.</summary>
    /// <param name="policy">An email policy with a response deadline that is a whole number of intervals.</param>
    /// <param name="arrivals">Contacts arriving in each interval.</param>
    /// <param name="ahtSeconds">Average handle time in seconds.</param>
    /// <param name="interval">Interval length.</param>
    /// <param name="openingBacklog">Contacts waiting at the start of the series.</param>
    /// <returns>One result per interval, including the trailing intervals after the series where its last contacts are worked.</returns>
    public static IReadOnlyList<StaffingResult> RequiredForBacklog(
        StaffingPolicy policy, ReadOnlySpan<double> arrivals, double ahtSeconds, Duration interval, double openingBacklog = 0)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Target is not ServiceTarget.ResponseWithin within) throw new ArgumentException("Backlog staffing needs a ResponseWithin target.", nameof(policy));

        var plan = BacklogStaffing.Required(arrivals, ahtSeconds, interval, within.Deadline, openingBacklog, policy.MaxOccupancy ?? 1.0);
        var results = new StaffingResult[plan.Agents.Length];
        for (var i = 0; i < results.Length; i++)
        {
            var agents = plan.Agents[i];
            var occupancy = agents == 0 ? 0 : plan.WorkSeconds[i] / (agents * interval.TotalSeconds);
            results[i] = new StaffingResult(agents, policy.Shrinkage.Scheduled(agents), 1, 0, occupancy, null, "Backlog");
        }

        return results;
    }

    private static StaffingResult Result(StaffingPolicy policy, int agents, double sl, double asa, double occupancy, double? abandonment, string model) =>
        new(agents, policy.Shrinkage.Scheduled(agents), sl, asa, occupancy, abandonment, model);
}
