using NodaTime;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Simulation;

/// <summary>
/// One queue as the simulator plays it: expected arrivals and mean handle time per interval of the horizon, the
/// shapes of handle time and patience, and what counts as good service.
/// </summary>
/// <param name="ThresholdSeconds">Answered within this counts towards the service level (0 for ASA and abandonment
/// targets, as in <see cref="ServiceProjection"/>); for email, the response deadline.</param>
/// <param name="TargetFraction">The service level aimed at (for marking intervals below it); null when the target
/// is not a service level.</param>
/// <param name="Priority">Lower is served first by an agent who could take several queues; among equals, the queue
/// whose oldest contact has waited longest.</param>
/// <param name="Overdispersion">Coefficient of variation of a per-day factor on the arrival rate (0: Poisson).</param>
public sealed record SimulatedQueue(
    string Id,
    Channel Channel,
    double ThresholdSeconds,
    double? TargetFraction,
    IReadOnlyList<double> Arrivals,
    IReadOnlyList<double> AhtSeconds,
    HandleTimeModel HandleTime,
    PatienceModel Patience,
    ConcurrencyCurve? Concurrency = null,
    int Priority = 0,
    double Overdispersion = 0)
{
    /// <summary>Email waits for its answer and is worked after live contacts; voice and chat first.</summary>
    public static int DefaultPriority(Channel channel) => channel == Channel.Email ? 1 : 0;
}

/// <summary>When an agent can take contacts, in seconds from the horizon's start (breaks already cut out).</summary>
public readonly record struct DutySpan(double Start, double End);

/// <summary>An agent: the queues they may serve, and when they are on duty.</summary>
public sealed record SimulatedAgent(string Id, IReadOnlyList<string> Queues, IReadOnlyList<DutySpan> Duty);

/// <summary>Everything one simulated horizon needs; intervals are consecutive, each <see cref="IntervalLength"/> of elapsed time.</summary>
/// <param name="Zone">The site's zone: days (for the daily arrival factor) are its local days, 23 or 25 hours long
/// across a clock change. Null: days of 24 elapsed hours from <see cref="Start"/>.</param>
public sealed record SimulationModel(Instant Start, Duration IntervalLength, int Intervals, IReadOnlyList<SimulatedQueue> Queues, IReadOnlyList<SimulatedAgent> Agents, DateTimeZone? Zone = null);

/// <summary>How many replications, the seed, and when to stop early.</summary>
/// <param name="Replications">The most replications to run.</param>
/// <param name="TargetHalfWidth">Stop once the 95 % confidence interval of the horizon's service level (all live
/// queues) is at most this wide on each side, e.g. 0.005 for ± 0.5 points; null runs every replication.</param>
/// <param name="MinReplications">Never stop before this many.</param>
/// <param name="Parallelism">Threads; null uses every core. The results do not depend on it.</param>
public sealed record SimulationSettings(int Replications = 100, ulong Seed = 1, double? TargetHalfWidth = null, int MinReplications = 10, int? Parallelism = null)
{
    /// <summary>Replications run together before the stopping rule is checked; fixed so a seed gives one answer on any machine.</summary>
    public const int BatchSize = 10;
}

/// <summary>Input the simulator cannot play: the message says what and where.</summary>
public sealed class SimulationInputException(string message) : Exception(message);
