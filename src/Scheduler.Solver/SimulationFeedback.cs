using Scheduler.Domain.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Simulation;

namespace Scheduler.Solver;

/// <summary>How the simulate-and-re-solve loop runs.</summary>
/// <param name="Rounds">Re-solves at most (each after a simulation that found intervals below target).</param>
/// <param name="Solve">Options of each re-solve; its <see cref="SolveOptions.Baseline"/> and Start are set by the loop.</param>
/// <param name="Simulation">Replications and seed of every simulation (the same seed each round, so rounds compare fairly).</param>
public sealed record FeedbackOptions(int Rounds, SolveOptions Solve, SimulationSettings Simulation);

/// <summary>One round: the roster, what the validator says it costs against the original requirement, and how it simulates.</summary>
/// <param name="Added">Agent-intervals added to the requirement before this round's solve (0 for the starting roster).</param>
/// <param name="Below">Queue-intervals whose simulated service level is under the queue's target.</param>
public sealed record FeedbackRound(int Round, Roster Roster, long Cost, SimulationResult Simulation, int Added, int Below)
{
    /// <summary>Every queue with a service-level target meets it over the horizon (the mean of the simulation).</summary>
    public bool MeetsTargets => Simulation.Queues.All(q => q.TargetFraction is not { } t || !(q.ServiceLevel.Mean < t));

    /// <summary>The worst queue's distance to its target (negative: short of it).</summary>
    /// <remarks>Queues with no contacts in the horizon (no service level to speak of) are left out.</remarks>
    public double WorstMargin => Simulation.Queues.Where(q => q.TargetFraction is not null && !double.IsNaN(q.ServiceLevel.Mean)).Select(q => q.ServiceLevel.Mean - q.TargetFraction!.Value).DefaultIfEmpty(0).Min();
}

/// <summary>What the loop is doing in a round: simulating its roster, or solving for it (rounds from 1).</summary>
public enum FeedbackPhase
{
    Simulating,
    Solving,
}

/// <summary>The rounds, and which is best: the cheapest that meets every target, or else the one closest to them.</summary>
public sealed record FeedbackResult(IReadOnlyList<FeedbackRound> Rounds, int BestRound)
{
    public FeedbackRound Best => Rounds[BestRound];
}

/// <summary>
/// Closes the loop between simulation and solver: simulate the roster, raise the requirement of each skill and
/// interval whose simulated service level is below its target, re-solve with the roster as the baseline (so only
/// what must change changes), and repeat a bounded number of times.
/// </summary>
/// <remarks>
/// <para>Erlang per queue, which made the requirement, cannot see agents shared between queues, chats held together,
/// breaks or callers who give up; the simulation can. Where it finds an interval short, the requirement there goes
/// up by one agent per round, the smallest step, so the loop adds staff only where the simulation shows it is
/// needed. Intervals where the simulated level is comfortably above target are left alone: lowering the
/// requirement is a planner's decision, not the loop's.</para>
/// <para>Every round's roster is judged by the validator against the original scenario, so costs compare; the
/// simulations use the same seed (common random numbers), so the difference between rounds is the roster's.</para>
/// </remarks>
public static class SimulationFeedback
{
    public static FeedbackResult Improve(
        RosterScenario scenario,
        Roster start,
        IReadOnlyList<ForecastInterval> forecast,
        IReadOnlyList<StaffedQueue> queues,
        FeedbackOptions options,
        IReadOnlyDictionary<string, QueueAssumptions>? assumptions = null,
        Action<FeedbackRound>? roundDone = null,
        CancellationToken ct = default,
        Action<int, FeedbackPhase>? phase = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Rounds is < 0 or > 20)
        {
            throw new SimulationInputException($"Rounds must be between 0 and 20, not {options.Rounds}.");
        }

        FeedbackRound Judge(int round, Roster roster, int added)
        {
            phase?.Invoke(round, FeedbackPhase.Simulating);
            var simulation = ContactCentreSimulator.Run(RosterSimulation.Build(scenario, roster, forecast, queues, assumptions), options.Simulation, cancellationToken: ct);
            var report = RosterValidator.Validate(scenario, roster);
            var r = new FeedbackRound(round, roster, report.TotalCost, simulation, added, Shortfalls(simulation).Count);
            roundDone?.Invoke(r);
            return r;
        }

        var rounds = new List<FeedbackRound> { Judge(0, start, 0) };
        var requirements = scenario.Requirements.ToDictionary(kv => kv.Key, kv => (int[])kv.Value.Clone());
        for (var round = 1; round <= options.Rounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            var last = rounds[^1];
            var shortfalls = Shortfalls(last.Simulation);
            if (shortfalls.Count == 0)
            {
                break;
            }

            foreach (var (queue, interval) in shortfalls)
            {
                requirements[queue][interval]++;
            }

            phase?.Invoke(round, FeedbackPhase.Solving);
            var raised = scenario with { Requirements = requirements.ToDictionary(kv => kv.Key, kv => (int[])kv.Value.Clone()) };
            var solved = RosterSolver.Solve(raised, options.Solve with { Baseline = last.Roster, Start = last.Roster }, ct: ct);
            if (solved.Roster is null)
            {
                break;
            }

            rounds.Add(Judge(round, solved.Roster, shortfalls.Count));
        }

        var meeting = rounds.Where(r => r.MeetsTargets).OrderBy(r => r.Cost).ThenBy(r => r.Round).FirstOrDefault();
        var best = meeting ?? rounds.OrderByDescending(r => r.WorstMargin).ThenBy(r => r.Round).First();
        return new FeedbackResult(rounds, best.Round);
    }

    /// <summary>Queue-intervals with contacts whose simulated service level is below the queue's target.</summary>
    public static IReadOnlyList<(string Queue, int Interval)> Shortfalls(SimulationResult simulation)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        var result = new List<(string, int)>();
        foreach (var q in simulation.Queues)
        {
            if (q.TargetFraction is not { } target)
            {
                continue;
            }

            for (var i = 0; i < q.Offered.Length; i++)
            {
                // At least one contact on average: below that an interval's level is mostly luck.
                if (q.Offered[i] >= 1 && q.ServiceLevelAt(i) < target)
                {
                    result.Add((q.QueueId, i));
                }
            }
        }

        return result;
    }
}
