using System.Diagnostics;
using Microsoft.Extensions.Options;
using Quartz;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;
using Scheduler.Solver;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Roster;

/// <summary>The Quartz.NET job of a roster solve: the job id in its data map, the work in <see cref="RosterSolveRun"/>.</summary>
[DisallowConcurrentExecution]
public sealed class RosterSolveQuartzJob(RosterSolveRun run) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Guid.Parse(context.MergedJobDataMap.GetString(RosterJobs.JobIdKey)!);
        await run.RunAsync(id, context.Scheduler.SchedulerInstanceId, context.Recovering, cancellationToken);
    }
}

/// <summary>
/// One run of a solve job: plan the week, solve from the last checkpoint if there is one, report progress and save
/// checkpoints to the job row, poll it for a stop asked from any instance, and save the best roster as the next draft
/// in the same transaction that ends the job, so a job ends once with one draft even when it was resumed.
/// </summary>
public sealed class RosterSolveRun(SolveJobStore store, RosterStore rosters, SickCallStore sickCalls, PlanningService planning, RosterJobs jobs, IOptions<SchedulerWebOptions> options, ILogger<RosterSolveRun> logger)
{
    public async Task RunAsync(Guid id, string instance, bool recovering, CancellationToken shutdown)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SolveJobId"] = id, ["Instance"] = instance });
        var row = await store.BeginAsync(id, instance, CancellationToken.None);
        if (row is null)
        {
            logger.LogInformation("Solve job {SolveJobId} has ended already: nothing to run", id);
            return;
        }

        await jobs.WatchAsync(row, CancellationToken.None);
        logger.LogInformation("Solve job {SolveJobId} begins on {Instance} (attempt {Attempt}{Recovering}) for {FirstDate}, {Days} days", id, instance, row.Attempts, recovering ? ", recovered" : string.Empty, row.FirstDate, row.Days);
        try
        {
            await SolveAsync(row, shutdown);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // The instance is shutting down: Quartz hands the firing back for recovery, and the next run resumes from
            // the checkpoint just saved.
            logger.LogInformation("Solve job {SolveJobId} handed back at shutdown; it resumes from its checkpoint", id);
            throw;
        }
        catch (Exception e) when (e is InvalidOperationException or RosterSaveException or ArgumentException)
        {
            // No forecast, no agents, a horizon overlapping another: said in words, on the page and in the row.
            logger.LogWarning(e, "Solve job {SolveJobId} failed: {Reason}", id, e.Message);
            await store.FinishAsync(id, SolveJobStatus.Failed, e.Message, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Solve job {SolveJobId} failed", id);
            await store.FinishAsync(id, SolveJobStatus.Failed, "The solve stopped on an error; the log has the details (job " + id + ").", CancellationToken.None);
        }
        finally
        {
            await jobs.RefreshAsync([id], CancellationToken.None);
        }
    }

    private async Task SolveAsync(SolveJobEntity row, CancellationToken shutdown)
    {
        var settings = options.Value.Jobs;
        var work = await WorkAsync(row, shutdown);
        if (work.Scenario.Agents.Count == 0)
        {
            throw new InvalidOperationException("No active agents to roster: add agents, or make them active again, on the Agents page first.");
        }

        var start = Checkpoint(row);
        var elapsedBefore = row.ElapsedSeconds;
        var limit = TimeSpan.FromSeconds(Math.Max(settings.MinSolveSeconds, row.TimeLimitSeconds - elapsedBefore));
        logger.LogInformation("Solving the week of {FirstDate} for {Agents} agents, limit {Seconds} s{Resumed}", row.FirstDate, work.Scenario.Agents.Count, limit.TotalSeconds, start is null ? string.Empty : $", from the checkpoint of cost {row.CheckpointObjective}");
        var progress = new Checkpoints(row.Id, jobs, TimeSpan.FromSeconds(settings.CheckpointSeconds), TimeSpan.FromSeconds(elapsedBefore));
        using var solve = RosterSolveJob.Start(work.Scenario, new SolveOptions { TimeLimit = limit, Workers = row.Workers, Seed = row.Seed, Start = start, Baseline = work.Baseline }, progress);
        var cancelled = false;
        var every = TimeSpan.FromSeconds(Math.Max(0.1, settings.ReportSeconds));
        while (!solve.Completion.IsCompleted)
        {
            await Task.WhenAny(solve.Completion, Task.Delay(every, CancellationToken.None));
            if (shutdown.IsCancellationRequested)
            {
                solve.Cancel();
                break;
            }

            var (latest, checkpoint) = progress.Take();
            if (await store.ReportAsync(row.Id, Progress(latest), elapsedBefore, checkpoint is null ? null : RosterJson.Write(checkpoint), CancellationToken.None) && !cancelled)
            {
                cancelled = true;
                logger.LogInformation("Solve job {SolveJobId}: a stop was asked; keeping the best roster", row.Id);
                solve.Cancel();
            }
        }

        var result = await solve.Completion;
        if (shutdown.IsCancellationRequested)
        {
            if (result.Roster is { } best)
            {
                var last = progress.Take().Latest;
                await store.ReportAsync(row.Id, Progress(last), elapsedBefore, RosterJson.Write(best), CancellationToken.None);
            }

            throw new OperationCanceledException(shutdown);
        }

        var cancelledBy = cancelled ? (await store.GetAsync(row.Id, CancellationToken.None))?.CancelledBy : null;
        if (result.Roster is null)
        {
            var why = result.Conflicts.Count > 0
                ? "The hard rules cannot all hold: " + string.Join("; ", result.Conflicts.Select(c => $"{c.AgentName}: {string.Join(", ", c.Rules)}"))
                : cancelled ? $"Stopped by {cancelledBy} before the first roster." : "No roster was found in the time given.";
            await store.FinishAsync(row.Id, result.Conflicts.Count > 0 ? SolveJobStatus.Failed : cancelled ? SolveJobStatus.Cancelled : SolveJobStatus.Done, why, CancellationToken.None);
            return;
        }

        var finalProgress = new SolveJobProgress(result.Objective ?? 0, result.Bound ?? 0, result.Gap ?? 1, result.Elapsed.TotalSeconds, progress.Solutions);
        await store.ReportAsync(row.Id, finalProgress, elapsedBefore, checkpointJson: null, CancellationToken.None);
        try
        {
            var saved = await rosters.SaveDraftAsync(row.SiteId, work.Scenario, work.Keep(result.Roster), result.Bound, row.RequestedBy, work.BasedOnId ?? row.BasedOnId, work.Reason, async (db, draft, ct) =>
            {
                var message = cancelled ? $"Stopped by {cancelledBy}; the best roster so far is draft version {draft.Number}." : $"Draft version {draft.Number} saved.";
                if (!await store.FinishAsync(db, row.Id, cancelled ? SolveJobStatus.Cancelled : SolveJobStatus.Done, message, draft.Id, ct))
                {
                    throw new JobEndedException();
                }
            }, CancellationToken.None);
            logger.LogInformation("Solve job {SolveJobId}: roster {RosterId} saved as draft version {Number}, cost {Cost}", row.Id, saved.Id, saved.Number, saved.Cost);
        }
        catch (JobEndedException)
        {
            logger.LogWarning("Solve job {SolveJobId} had ended elsewhere: this run's roster is not saved a second time", row.Id);
        }
    }

    /// <summary>
    /// What a job solves: the week as planned now, or for a sick call (<see cref="SickCallStore"/>) the published version
    /// it was entered on with the absence as leave and every shift begun by then locked (<see cref="SickCalls.Plan"/>),
    /// re-solved against that version as the base roster so that as few shifts as possible change.
    /// </summary>
    private async Task<SolveWork> WorkAsync(SolveJobEntity row, CancellationToken ct)
    {
        if (await sickCalls.ForJobAsync(row.Id, ct) is not { } sick)
        {
            var plan = await planning.PlanWeekAsync(row.FirstDate, row.Days, ct);
            return new SolveWork(plan.Scenario, null, null, "solve", r => r);
        }

        var baseline = await rosters.LoadAsync(sick.BaseRosterId, ct)
            ?? throw new InvalidOperationException($"The published version the sick call was entered on (roster {sick.BaseRosterId}) is gone.");
        var absence = SickCallStore.ToAbsence(sick);
        var planned = SickCalls.Plan(baseline.Scenario, baseline.Roster, absence, sick.EnteredAt);
        logger.LogInformation("Solve job {SolveJobId} re-solves around the sick call {SickCallId} of {AgentId}: {Locked} shifts locked, {LeaveDays} days of leave", row.Id, sick.Id, sick.AgentId, planned.Locked.Count, planned.LeaveDays.Count);
        return new SolveWork(planned.Scenario, baseline.Roster, baseline.Entity.Id, SickCalls.Reason(planned.Scenario, absence), r => ActivityCarryOver.Keep(planned.Scenario, SickCalls.KeepWorked(planned, r), baseline.Roster.Activities));
    }

    /// <summary>A job's scenario, its base roster (re-solves only), the version it builds on, the draft's reason, and
    /// what is done to the solved roster before it is saved.</summary>
    private sealed record SolveWork(RosterScenario Scenario, Domain.Rostering.Roster? Baseline, long? BasedOnId, string Reason, Func<Domain.Rostering.Roster, Domain.Rostering.Roster> Keep);

    /// <summary>The roster a resumed run starts from; a checkpoint that cannot be read is logged and the run starts afresh.</summary>
    private Domain.Rostering.Roster? Checkpoint(SolveJobEntity row)
    {
        if (row.CheckpointJson is not { } json)
        {
            return null;
        }

        try
        {
            return RosterJson.Read(json, $"checkpoint of job {row.Id}");
        }
        catch (Exception e) when (e is Domain.History.ImportException or System.Text.Json.JsonException)
        {
            logger.LogWarning(e, "Solve job {SolveJobId}: its checkpoint cannot be read; solving afresh", row.Id);
            return null;
        }
    }

    private static SolveJobProgress? Progress(SolveProgress? p) => p is null ? null : new SolveJobProgress(p.Objective, p.Bound, p.Gap, p.Elapsed.TotalSeconds, p.Solutions);

    private sealed class JobEndedException : Exception;

    /// <summary>
    /// Progress from the solver's thread: pushed to the page here, and every so often the roster itself, taken on the
    /// solver's thread (where the snapshot is consistent) for the next checkpoint.
    /// </summary>
    private sealed class Checkpoints(Guid id, RosterJobs jobs, TimeSpan every, TimeSpan before) : IProgress<SolveProgress>
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _since = Stopwatch.StartNew();
        private SolveProgress? _latest;
        private Domain.Rostering.Roster? _pending;
        private bool _first = true;

        public int Solutions { get; private set; }

        public void Report(SolveProgress value)
        {
            Domain.Rostering.Roster? roster = null;
            if ((_first || _since.Elapsed >= every) && value.Roster is { } extract)
            {
                roster = extract();
                _first = false;
                _since.Restart();
            }

            lock (_gate)
            {
                _latest = value;
                Solutions = value.Solutions;
                _pending = roster ?? _pending;
            }

            jobs.Report(id, value with { Elapsed = before + value.Elapsed }); // the page counts every run's time
        }

        public (SolveProgress? Latest, Domain.Rostering.Roster? Checkpoint) Take()
        {
            lock (_gate)
            {
                var taken = (_latest, _pending);
                _pending = null;
                return taken;
            }
        }
    }
}
