using Microsoft.Extensions.Options;
using Quartz;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;

namespace Scheduler.Web.Features.Roster;

/// <summary>A simulation run as a page shows it: its row, and its result once it has one.</summary>
public sealed record SimulationView(SimulationRunEntity Run, SimulationSummary? Result)
{
    public bool Running => Run.Status is SimulationRunStatus.Queued or SimulationRunStatus.Running;

    /// <summary>Whether this run checked exactly <paramref name="roster"/> as it is now (same row, not edited since).</summary>
    public bool IsFor(RosterEntity roster) => roster is not null && Run.RosterId == roster.Id && Run.RosterVersion == roster.Version;
}

/// <summary>An "improve by simulation" run as a page shows it: its row, and its rounds once it has them.</summary>
public sealed record ImprovementView(SimulationRunEntity Run, ImprovementSummary? Result)
{
    public bool Running => Run.Status is SimulationRunStatus.Queued or SimulationRunStatus.Running;
}

/// <summary>
/// "Check by simulation" as a durable job on the solves' Quartz.NET scheduler: a request is stored as a row of
/// SimulationRuns (with its audit entry) and a job of the group <see cref="JobGroup"/> runs it (<see cref="RosterSimulationRun"/>),
/// on this instance or any other sharing the database; a run cut short by a shutdown is recovered and played again.
/// </summary>
public sealed class RosterSimulations(SimulationRunStore store, ISchedulerFactory quartz, IOptions<SchedulerWebOptions> options, ILogger<RosterSimulations> logger)
{
    public const string JobGroup = "roster-simulate";
    public const string RunIdKey = "runId";

    /// <summary>At most this many replications; the run stops earlier once every service level is known to ±0.5 point.</summary>
    public const int DefaultReplications = 100;

    /// <summary>The half-width (95 %) of the service level at which a run stops early.</summary>
    public const double TargetHalfWidth = 0.005;

    /// <summary>One fixed seed: asking again for the same roster and forecast gives the same numbers, not new noise.</summary>
    public const long DefaultSeed = 16;

    /// <summary>
    /// Queues a simulation of roster <paramref name="rosterId"/> as it is now. A run of the same version already queued
    /// or running is returned instead. Refused with <see cref="SimulationRunRefusedException"/> (nothing stored) when the
    /// roster does not exist or the replications are out of range.
    /// </summary>
    public async Task<SimulationRunEntity> StartAsync(long rosterId, string by, int replications = DefaultReplications, CancellationToken ct = default)
    {
        var (run, created) = await store.EnqueueAsync(rosterId, by, replications, DefaultSeed, ct);
        if (!created)
        {
            return run;
        }

        await ScheduleAsync<RosterSimulationQuartzJob>(run, $"Simulation of roster {run.FirstDate:yyyy-MM-dd} v{run.RosterNumber} by {by}", ct);
        logger.LogInformation("Simulation run {SimulationRunId} queued for roster {RosterId} (v{Number}, {FirstDate}), up to {Replications} replications, by {User}", run.Id, rosterId, run.RosterNumber, run.FirstDate, replications, by);
        return run;
    }

    /// <summary>
    /// Queues an "improve by simulation" of roster <paramref name="rosterId"/> as it is now: at most <paramref name="rounds"/>
    /// re-solves, each of <paramref name="limit"/> (brought within the solves' minimum and maximum). It runs on the solves'
    /// scheduler, in one of their slots. One of the same version already queued or running is returned instead. Refused
    /// with <see cref="SimulationRunRefusedException"/> (nothing stored) when the rounds are out of range, the roster does
    /// not exist or this version has no finished check by simulation.
    /// </summary>
    public async Task<SimulationRunEntity> ImproveAsync(long rosterId, string by, int rounds, TimeSpan limit, int replications = DefaultReplications, CancellationToken ct = default)
    {
        var jobs = options.Value.Jobs;
        var seconds = (int)Math.Clamp(Math.Round(limit.TotalSeconds), jobs.MinSolveSeconds, Math.Max(jobs.MinSolveSeconds, jobs.MaxSolveSeconds));
        var (run, created) = await store.EnqueueImprovementAsync(rosterId, by, rounds, seconds, replications, DefaultSeed, ct);
        if (!created)
        {
            return run;
        }

        await ScheduleAsync<RosterImprovementQuartzJob>(run, $"Improvement of roster {run.FirstDate:yyyy-MM-dd} v{run.RosterNumber} by {by}", ct);
        logger.LogInformation("Improvement {SimulationRunId} queued for roster {RosterId} (v{Number}, {FirstDate}), up to {Rounds} rounds of {Seconds} s, by {User}", run.Id, rosterId, run.RosterNumber, run.FirstDate, rounds, seconds, by);
        return run;
    }

    /// <summary>The newest improvement of exactly this roster version (any state); null when none was asked for.</summary>
    public async Task<ImprovementView?> ImprovementForAsync(RosterEntity roster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var runs = await store.ForWeekAsync(roster.SiteId, roster.FirstDate, ct);
        return runs.FirstOrDefault(r => r.Rounds > 0 && r.RosterId == roster.Id && r.RosterVersion == roster.Version) is { } run ? Improvement(run) : null;
    }

    public async Task<ImprovementView?> GetImprovementAsync(Guid id, CancellationToken ct = default) =>
        await store.GetAsync(id, ct) is { Rounds: > 0 } run ? Improvement(run) : null;

    private ImprovementView Improvement(SimulationRunEntity run)
    {
        try
        {
            return new ImprovementView(run, ImprovementSummary.FromJson(run.ResultJson));
        }
        catch (System.Text.Json.JsonException e)
        {
            logger.LogWarning(e, "Improvement {SimulationRunId}: its result cannot be read", run.Id);
            return new ImprovementView(run, null);
        }
    }

    private async Task ScheduleAsync<TJob>(SimulationRunEntity run, string description, CancellationToken ct)
        where TJob : IJob
    {
        try
        {
            var scheduler = await quartz.GetScheduler(ct);
            var job = JobBuilder.Create<TJob>()
                .WithIdentity(run.Id.ToString(), JobGroup)
                .WithDescription(description)
                .UsingJobData(RunIdKey, run.Id.ToString())
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create().WithIdentity(run.Id.ToString(), JobGroup).ForJob(job).StartNow()
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            await scheduler.ScheduleJob(job, trigger, default, ct);
        }
        catch (SchedulerException e)
        {
            logger.LogError(e, "Could not queue simulation run {SimulationRunId}", run.Id);
            await store.FinishAsync(run.Id, SimulationRunStatus.Failed, "The job queue refused the run: " + e.Message, null, 0, CancellationToken.None);
            throw new SimulationRunRefusedException("The job queue is not available: " + e.Message);
        }
    }

    public async Task<SimulationView?> GetAsync(Guid id, CancellationToken ct = default) =>
        await store.GetAsync(id, ct) is { } run ? View(run) : null;

    /// <summary>
    /// For <paramref name="roster"/>: its newest run (any state), and the result to show: this version's newest, or else
    /// the newest among the week's other versions (shown as for that version); either is null when there is none.
    /// </summary>
    public async Task<(SimulationView? Run, SimulationView? Result)> ForRosterAsync(RosterEntity roster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var runs = (await store.ForWeekAsync(roster.SiteId, roster.FirstDate, ct)).Where(r => r.Rounds == 0).ToList();
        bool Same(SimulationRunEntity r) => r.RosterId == roster.Id && r.RosterVersion == roster.Version;
        var run = runs.FirstOrDefault(Same);
        var result = runs.FirstOrDefault(r => Same(r) && r.Status == SimulationRunStatus.Done) ?? runs.FirstOrDefault(r => r.Status == SimulationRunStatus.Done);
        return (run is null ? null : View(run), result is null ? null : result.Id == run?.Id ? View(run) : View(result));
    }

    /// <summary>The newest result of exactly this roster version (the coverage map compares with it); null when none.</summary>
    public async Task<SimulationView?> DoneForAsync(RosterEntity roster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(roster);
        return await store.LatestDoneAsync(roster.Id, roster.Version, ct) is { } run ? View(run) : null;
    }

    private SimulationView View(SimulationRunEntity run)
    {
        try
        {
            return new SimulationView(run, SimulationSummary.FromJson(run.ResultJson));
        }
        catch (System.Text.Json.JsonException e)
        {
            logger.LogWarning(e, "Simulation run {SimulationRunId}: its result cannot be read", run.Id);
            return new SimulationView(run, null);
        }
    }
}
