using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Quartz;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Simulation;
using Scheduler.Solver;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Roster;

/// <summary>One queue in one round: its simulated service level over the horizon, and its target.</summary>
public sealed record ImprovedQueue(string Queue, double? Target, Estimate ServiceLevel);

/// <summary>One round of an improvement as the page shows it (round 0 is the roster itself).</summary>
/// <param name="Cost">The validator's cost against the original requirement.</param>
/// <param name="Added">Agent-intervals added to the requirement before this round's solve.</param>
/// <param name="Below">Queue-intervals simulated below their queue's target.</param>
public sealed record ImprovementRound(int Round, long Cost, int Added, int Below, bool MeetsTargets, double WorstMargin, IReadOnlyList<ImprovedQueue> Queues);

/// <summary>What an "improve by simulation" run keeps (its SimulationRuns row's ResultJson).</summary>
/// <param name="FromNumber">The version improved (v3).</param>
/// <param name="Asked">Rounds asked for; fewer ran when a round met every target.</param>
/// <param name="Best">The best round: the cheapest meeting every target, or else the closest to them.</param>
/// <param name="DraftNumber">The draft the best round was saved as; null when round 0 was best.</param>
public sealed record ImprovementSummary(int FromNumber, int Asked, IReadOnlyList<ImprovementRound> Rounds, int Best, int? DraftNumber)
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public ImprovementRound BestRound => Rounds.First(r => r.Round == Best);

    public static ImprovementSummary From(int fromNumber, int asked, FeedbackResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rounds = result.Rounds.Select(r => new ImprovementRound(r.Round, r.Cost, r.Added, r.Below, r.MeetsTargets, r.WorstMargin,
            [.. r.Simulation.Queues.Select(q => new ImprovedQueue(q.QueueId, q.TargetFraction, q.ServiceLevel))])).ToList();
        return new ImprovementSummary(fromNumber, asked, rounds, result.BestRound, null);
    }

    /// <summary>
    /// The outcome in a sentence: "Round 2 meets every target at cost 412,300 (+18 % over v3); saved as draft v5." or
    /// "No round meets every target; round 3 comes closest: voice-bn 76 ± 1 % of 80 %. More agents with voice-bn are needed."
    /// </summary>
    public string Sentence()
    {
        var best = BestRound;
        var start = Rounds[0];
        var saved = DraftNumber is { } n ? $"saved as draft v{n}." : $"v{FromNumber} itself is best: no draft saved.";
        if (best.MeetsTargets)
        {
            if (best.Round == 0)
            {
                return $"v{FromNumber} itself meets every target at cost {Money(best.Cost)}: no draft saved.";
            }

            var change = start.Cost == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" ({(best.Cost - start.Cost) * 100.0 / start.Cost:+0;-0;0} % over v{FromNumber})");
            return $"Round {best.Round} meets every target at cost {Money(best.Cost)}{change}; {saved}";
        }

        var short_ = best.Queues.Where(q => q.Target is not null && q.ServiceLevel.Mean < q.Target).OrderBy(q => q.ServiceLevel.Mean - q.Target!.Value).ToList();
        var worst = short_.Count == 0 ? string.Empty
            : ": " + string.Join(", ", short_.Select(q => $"{q.Queue} {SimulationSummary.Percent(q.ServiceLevel.Mean)} ± {SimulationSummary.HalfWidth(q.ServiceLevel.HalfWidth)} % of {SimulationSummary.Percent(q.Target!.Value)} %"));
        var need = short_.Count == 0 ? string.Empty : $" More agents with {string.Join(" or ", short_.Select(q => q.Queue))} are needed.";
        var which = best.Round == 0 ? $"v{FromNumber} itself (round 0) comes closest" : $"round {best.Round} comes closest";
        return $"No round meets every target; {which}{worst}.{need} {(DraftNumber is null ? (best.Round == 0 ? "No draft saved." : string.Empty) : char.ToUpperInvariant(saved[0]) + saved[1..])}".TrimEnd();
    }

    public static string Money(long cost) => cost.ToString("N0", CultureInfo.InvariantCulture);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImprovementSummary? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<ImprovementSummary>(json, Json);
}

/// <summary>The Quartz.NET job of an improvement: the run id in its data map, the work in <see cref="RosterImprovementRun"/>.</summary>
[DisallowConcurrentExecution]
public sealed class RosterImprovementQuartzJob(RosterImprovementRun run) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Guid.Parse(context.MergedJobDataMap.GetString(RosterSimulations.RunIdKey)!);
        await run.RunAsync(id, context.Scheduler.SchedulerInstanceId, cancellationToken);
    }
}

/// <summary>
/// One run of "improve by simulation": the roster version asked for, simulated and re-solved round by round
/// (<see cref="SimulationFeedback.Improve"/>) with the forecast, staffing and daily variation the check uses; the round
/// and phase written to the row as it goes; the best round saved as the week's next draft in the same transaction that
/// ends the run. It runs on the solves' scheduler, so it takes one of their slots and the solver threads of one solve.
/// A run cut short by a shutdown is played again from round 0 on recovery. Bad input ends it Failed in words.
/// </summary>
public sealed class RosterImprovementRun(SimulationRunStore store, RosterStore rosters, SimulationSources sources, IOptions<SchedulerWebOptions> options, ILogger<RosterImprovementRun> logger)
{
    public async Task RunAsync(Guid id, string instance, CancellationToken shutdown)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SimulationRunId"] = id, ["Instance"] = instance });
        var run = await store.BeginAsync(id, instance, CancellationToken.None);
        if (run is null)
        {
            logger.LogInformation("Improvement {SimulationRunId} has ended already: nothing to run", id);
            return;
        }

        logger.LogInformation("Improvement {SimulationRunId} begins on {Instance} (attempt {Attempt}) for roster {RosterId}, up to {Rounds} rounds of {Seconds} s", id, instance, run.Attempts, run.RosterId, run.Rounds, run.TimeLimitSeconds);
        try
        {
            await ImproveAsync(run, shutdown);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            logger.LogInformation("Improvement {SimulationRunId} handed back at shutdown; it is played again on recovery", id);
            throw;
        }
        catch (Exception e) when (e is SimulationInputException or InvalidOperationException or RosterSaveException or ArgumentException)
        {
            logger.LogWarning("Improvement {SimulationRunId} failed: {Reason}", id, e.Message);
            await store.FinishAsync(id, SimulationRunStatus.Failed, e.Message, null, 0, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Improvement {SimulationRunId} failed", id);
            await store.FinishAsync(id, SimulationRunStatus.Failed, "The improvement stopped on an error; the log has the details (run " + id + ").", null, 0, CancellationToken.None);
        }
    }

    private async Task ImproveAsync(SimulationRunEntity run, CancellationToken shutdown)
    {
        var source = await sources.LoadAsync(run, "improvement", shutdown);
        var (stored, forecast, staffing, assumptions) = (source.Stored, source.Forecast, source.Staffing, source.Assumptions);
        var seed = unchecked((ulong)run.Seed);
        var solve = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(run.TimeLimitSeconds), Workers = options.Value.Jobs.WorkersPerSolve, Seed = (int)(seed % int.MaxValue) };
        var feedback = new FeedbackOptions(run.Rounds, solve, new SimulationSettings(run.Replications, seed, RosterSimulations.TargetHalfWidth));

        // The loop runs on its own thread; its round and phase are written to the row every half second.
        var state = 0; // round * 2 + (solving ? 1 : 0)
        var reported = -1;
        var work = Task.Run(() => SimulationFeedback.Improve(stored.Scenario, stored.Roster, forecast, staffing.Queues, feedback, assumptions, ct: shutdown,
            phase: (round, p) => Volatile.Write(ref state, round * 2 + (p == FeedbackPhase.Solving ? 1 : 0))), CancellationToken.None);
        while (!work.IsCompleted)
        {
            var now = Volatile.Read(ref state);
            if (now != reported)
            {
                reported = now;
                await store.ReportRoundAsync(run.Id, now / 2, now % 2 == 1 ? "solving" : "simulating", CancellationToken.None);
            }

            await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None));
        }

        var result = await work;
        if (result.Rounds.Count == 1 && SimulationFeedback.Shortfalls(result.Rounds[0].Simulation).Count > 0)
        {
            throw new InvalidOperationException($"The solver found no roster in round 1 within {run.TimeLimitSeconds} s: give it a longer time limit.");
        }

        var summary = ImprovementSummary.From(run.RosterNumber, run.Rounds, result);
        if (result.BestRound == 0)
        {
            await store.FinishAsync(run.Id, SimulationRunStatus.Done, summary.Sentence(), summary.ToJson(), result.Rounds[0].Simulation.Replications, CancellationToken.None);
            logger.LogInformation("Improvement {SimulationRunId} done: {Rounds} rounds, the roster itself is best; no draft saved", run.Id, result.Rounds.Count);
            return;
        }

        var best = result.Best;
        var basedOn = stored.Entity.Status == RosterStatus.Published ? stored.Entity.Id : stored.Entity.BasedOnId;
        var draft = await rosters.SaveDraftAsync(run.SiteId, stored.Scenario, best.Roster, null, run.RequestedBy, basedOn, $"improved by simulation, round {best.Round}", async (db, entity, ct) =>
        {
            var saved = summary with { DraftNumber = entity.Number };
            if (!await store.FinishImprovementAsync(db, run.Id, saved.Sentence(), saved.ToJson(), entity.Id, ct))
            {
                throw new InvalidOperationException("The improvement had ended elsewhere: its roster is not saved a second time.");
            }
        }, CancellationToken.None);
        logger.LogInformation("Improvement {SimulationRunId} done: round {Round} of {Rounds} saved as draft v{Number} (roster {RosterId}), cost {Cost}", run.Id, best.Round, result.Rounds.Count - 1, draft.Number, draft.Id, draft.Cost);
    }
}
