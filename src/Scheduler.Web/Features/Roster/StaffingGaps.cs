using Microsoft.Extensions.Options;
using NodaTime;
using Quartz;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Solver.Hiring;

namespace Scheduler.Web.Features.Roster;

/// <summary>A staffing-gap run as the panel shows it: its row, and its suggestion once it has one.</summary>
public sealed record StaffingGapView(StaffingGapRunEntity Run, HiringSummary? Result)
{
    public bool Running => Run.Status is StaffingGapRunStatus.Queued or StaffingGapRunStatus.Running;

    /// <summary>Why the run has no suggestion, once it has ended without one.</summary>
    public string? Error => Run.Status == StaffingGapRunStatus.Failed ? Run.Error ?? "The suggestion stopped." : null;

    /// <summary>How long it has run: its own time once ended, the time since it began while running, zero while queued.</summary>
    public TimeSpan Elapsed(Instant now) => Run.Elapsed is { } done ? done.ToTimeSpan()
        : Run.StartedAt is { } started && Run.Status == StaffingGapRunStatus.Running ? Duration.Max(Duration.Zero, now - started).ToTimeSpan() : TimeSpan.Zero;
}

/// <summary>
/// The staffing-gap panel's work as a durable job on the solves' Quartz.NET scheduler (decision 022): a request is
/// stored as a row of StaffingGapRuns (with its audit entry) and a job of the group <see cref="JobGroup"/> solves it
/// (<see cref="StaffingGapRun"/>) in one of the solves' slots, on this instance or any other sharing the database; a
/// run cut short by a shutdown is recovered and solved again. The panel polls <see cref="ForAsync"/>.
/// </summary>
public sealed class StaffingGaps(StaffingGapRunStore store, ISchedulerFactory quartz, IClock clock, ILogger<StaffingGaps> logger)
{
    public const string JobGroup = "roster-staffing-gap";
    public const string RunIdKey = "runId";

    /// <summary>How long a suggestion searches: long enough for the demo week on two cores, short enough to wait for.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Queues a suggestion for roster <paramref name="rosterId"/> as it is now. A run of the same version already queued,
    /// running or done is returned instead. Refused with <see cref="StaffingGapRunRefusedException"/> (nothing stored)
    /// when the roster does not exist, the time limit is out of range or the job queue is down.
    /// </summary>
    public async Task<StaffingGapView> StartAsync(long rosterId, string by, TimeSpan? limit = null, CancellationToken ct = default)
    {
        var seconds = (int)Math.Ceiling((limit ?? TimeLimit).TotalSeconds);
        var (run, created) = await store.EnqueueAsync(rosterId, by, seconds, ct);
        if (created)
        {
            await ScheduleAsync(run, by, ct);
            logger.LogInformation("Staffing gap run {StaffingGapRunId} queued for roster {RosterId} (v{Number}, {FirstDate}), {Seconds} s, by {User}", run.Id, rosterId, run.RosterNumber, run.FirstDate, seconds, by);
        }

        return View(run);
    }

    /// <summary>The newest run of exactly this roster version (any state); null when none was asked for.</summary>
    public async Task<StaffingGapView?> ForAsync(long rosterId, Guid rosterVersion, CancellationToken ct = default) =>
        await store.LatestAsync(rosterId, rosterVersion, ct) is { } run ? View(run) : null;

    public async Task<StaffingGapView?> GetAsync(Guid id, CancellationToken ct = default) =>
        await store.GetAsync(id, ct) is { } run ? View(run) : null;

    /// <summary>Now, for the elapsed time of a running run.</summary>
    public Instant Now => clock.GetCurrentInstant();

    private async Task ScheduleAsync(StaffingGapRunEntity run, string by, CancellationToken ct)
    {
        try
        {
            var scheduler = await quartz.GetScheduler(ct);
            var job = JobBuilder.Create<StaffingGapQuartzJob>()
                .WithIdentity(run.Id.ToString(), JobGroup)
                .WithDescription($"Staffing gap of roster {run.FirstDate:yyyy-MM-dd} v{run.RosterNumber} by {by}")
                .UsingJobData(RunIdKey, run.Id.ToString())
                .RequestRecovery()
                .Build();
            var trigger = TriggerBuilder.Create().WithIdentity(run.Id.ToString(), JobGroup).ForJob(job).StartNow()
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            await scheduler.ScheduleJob(job, trigger, default, ct);
        }
        catch (SchedulerException e)
        {
            logger.LogError(e, "Could not queue staffing gap run {StaffingGapRunId}", run.Id);
            await store.FinishAsync(run.Id, StaffingGapRunStatus.Failed, Duration.Zero, null, "The job queue refused the run: " + e.Message, CancellationToken.None);
            throw new StaffingGapRunRefusedException("The job queue is not available: " + e.Message);
        }
    }

    private StaffingGapView View(StaffingGapRunEntity run)
    {
        try
        {
            return new StaffingGapView(run, HiringSummary.FromJson(run.ResultJson));
        }
        catch (System.Text.Json.JsonException e)
        {
            logger.LogWarning(e, "Staffing gap run {StaffingGapRunId}: its result cannot be read", run.Id);
            return new StaffingGapView(run, null);
        }
    }
}

/// <summary>The Quartz.NET job of a staffing-gap run: the run id in its data map, the work in <see cref="StaffingGapRun"/>.</summary>
[DisallowConcurrentExecution]
public sealed class StaffingGapQuartzJob(StaffingGapRun run) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Guid.Parse(context.MergedJobDataMap.GetString(StaffingGaps.RunIdKey)!);
        await run.RunAsync(id, context.Scheduler.SchedulerInstanceId, cancellationToken);
    }
}

/// <summary>
/// One staffing-gap run: load the roster version asked for, offer <see cref="HireProfiles.For"/> its scenario, solve
/// (<see cref="HiringSolver"/>) and store the suggestion's summary. A roster gone or changed since the request ends the
/// run Failed in words; a shutdown hands it back to Quartz, which solves it again on recovery.
/// </summary>
public sealed class StaffingGapRun(StaffingGapRunStore store, RosterStore rosters, IOptions<SchedulerWebOptions> options, ILogger<StaffingGapRun> logger)
{
    public async Task RunAsync(Guid id, string instance, CancellationToken shutdown)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["StaffingGapRunId"] = id, ["Instance"] = instance });
        var run = await store.BeginAsync(id, instance, CancellationToken.None);
        if (run is null)
        {
            logger.LogInformation("Staffing gap run {StaffingGapRunId} has ended already: nothing to run", id);
            return;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var stored = await rosters.LoadAsync(run.RosterId, CancellationToken.None)
                ?? throw new InvalidOperationException($"Roster v{run.RosterNumber} of {run.FirstDate:yyyy-MM-dd} no longer exists.");
            if (stored.Entity.Version != run.RosterVersion)
            {
                throw new InvalidOperationException($"Roster v{run.RosterNumber} was changed after the suggestion was asked for: ask again.");
            }

            var profiles = HireProfiles.For(stored.Scenario);
            logger.LogInformation("Staffing gap run {StaffingGapRunId} begins on {Instance} (attempt {Attempt}) for roster {RosterId}: {Agents} agents, {Profiles} hire profiles", id, instance, run.Attempts, run.RosterId, stored.Scenario.Agents.Count, profiles.Count);
            var hiring = new HiringOptions { TimeLimit = TimeSpan.FromSeconds(run.TimeLimitSeconds), Workers = options.Value.Jobs.WorkersPerSolve };
            var suggestion = await Task.Run(() => HiringSolver.Suggest(stored.Scenario, stored.Roster, profiles, hiring, null, shutdown), CancellationToken.None);
            shutdown.ThrowIfCancellationRequested(); // stopped early by a shutdown: not a result, solved again on recovery
            var summary = HiringSummary.From(suggestion);
            await store.FinishAsync(id, StaffingGapRunStatus.Done, Duration.FromTimeSpan(clock.Elapsed), summary.ToJson(), null, CancellationToken.None);
            logger.LogInformation("Staffing gap run {StaffingGapRunId} done: {Hires} hires, short {ShortBefore} -> {ShortAfter} agent-intervals in {Seconds:0.0} s ({Status})", id, summary.Hires, summary.ShortBefore, summary.ShortAfter, clock.Elapsed.TotalSeconds, summary.Status);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            logger.LogInformation("Staffing gap run {StaffingGapRunId} handed back at shutdown; it is solved again on recovery", id);
            throw;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            logger.LogWarning("Staffing gap run {StaffingGapRunId} failed: {Reason}", id, e.Message);
            await store.FinishAsync(id, StaffingGapRunStatus.Failed, Duration.FromTimeSpan(clock.Elapsed), null, e.Message, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Staffing gap run {StaffingGapRunId} failed", id);
            await store.FinishAsync(id, StaffingGapRunStatus.Failed, Duration.FromTimeSpan(clock.Elapsed), null, "The suggestion stopped on an error; the log has the details (run " + id + ").", CancellationToken.None);
        }
    }
}
