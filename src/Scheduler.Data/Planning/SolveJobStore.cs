using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Planning;

/// <summary>A solve asked for: which site and days, by whom, with which options.</summary>
public sealed record SolveJobRequest(string SiteId, LocalDate FirstDate, int Days, string RequestedBy, int TimeLimitSeconds, int Workers, int Seed = 0);

/// <summary>The limits a solve request is held to (the "Scheduler:Jobs" configuration).</summary>
public sealed record SolveJobLimits(int MinSeconds, int MaxSeconds, int MaxWorkers, int MaxQueuedPerUser);

/// <summary>A solve refused before it was queued, with the reason in words for the page or the API.</summary>
public sealed class SolveJobRefusedException(string message) : Exception(message);

/// <summary>Where a solve job's progress stands, as the running instance reports it.</summary>
public sealed record SolveJobProgress(long Objective, long Bound, double Gap, double ElapsedSeconds, int Solutions);

/// <summary>
/// The SolveJobs table: every instance reads a job's state and progress from here, and writes it when it runs the job.
/// State changes are conditional updates (only a queued or running job can end), so a job ends once even when two
/// instances touch it.
/// </summary>
public sealed class SolveJobStore(IDbContextFactory<SchedulerDbContext> contextFactory, IClock clock)
{
    public static string ActiveKeyOf(string siteId, LocalDate firstDate) => $"{siteId}|{firstDate:yyyy-MM-dd}";

    /// <summary>Checks a request against the limits and stores it as queued; refused whole with a reason otherwise.</summary>
    public async Task<SolveJobEntity> EnqueueAsync(SolveJobRequest request, SolveJobLimits limits, CancellationToken ct) =>
        await EnqueueAsync(request, limits, alongside: null, ct);

    /// <summary>As above, with <paramref name="alongside"/> adding rows (a sick call) saved in the same transaction as the job.</summary>
    public async Task<SolveJobEntity> EnqueueAsync(SolveJobRequest request, SolveJobLimits limits, Action<SchedulerDbContext, SolveJobEntity>? alongside, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        if (request.Days is < 1 or > RosterStore.MaxHorizonDays)
        {
            throw new SolveJobRefusedException($"Weeks: a roster plans 1 to {RosterStore.MaxHorizonDays / 7} weeks ({RosterStore.MaxHorizonDays} days); {request.Days} days were asked for.");
        }

        if (request.TimeLimitSeconds < limits.MinSeconds || request.TimeLimitSeconds > limits.MaxSeconds)
        {
            throw new SolveJobRefusedException($"Time limit: {request.TimeLimitSeconds} s is outside {limits.MinSeconds}-{limits.MaxSeconds} s (Scheduler:Jobs:MaxSolveSeconds caps it).");
        }

        if (request.Workers < 1 || request.Workers > limits.MaxWorkers)
        {
            throw new SolveJobRefusedException($"Workers: {request.Workers} is outside 1-{limits.MaxWorkers}.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var key = ActiveKeyOf(request.SiteId, request.FirstDate);
        if (await db.SolveJobs.AsNoTracking().FirstOrDefaultAsync(j => j.ActiveKey == key, ct) is { } active)
        {
            throw new SolveJobRefusedException($"A solve of the week of {request.FirstDate:d MMM yyyy} is already {(active.Status == SolveJobStatus.Queued ? "queued" : "running")}, asked for by {active.RequestedBy}: stop it or wait for it.");
        }

        var queued = await db.SolveJobs.CountAsync(j => j.RequestedBy == request.RequestedBy && j.Status == SolveJobStatus.Queued, ct);
        if (queued >= limits.MaxQueuedPerUser)
        {
            throw new SolveJobRefusedException($"You have {queued} solves waiting already (at most {limits.MaxQueuedPerUser} each): let them run first.");
        }

        var now = clock.GetCurrentInstant();
        var job = new SolveJobEntity
        {
            Id = Guid.NewGuid(),
            SiteId = request.SiteId,
            FirstDate = request.FirstDate,
            Days = request.Days,
            RequestedBy = request.RequestedBy,
            RequestedAt = now,
            TimeLimitSeconds = request.TimeLimitSeconds,
            Workers = request.Workers,
            Seed = request.Seed,
            Status = SolveJobStatus.Queued,
            ActiveKey = key,
            BasedOnId = await db.Rosters.AsNoTracking()
                .Where(r => r.SiteId == request.SiteId && r.FirstDate == request.FirstDate && r.Status == RosterStatus.Published)
                .OrderByDescending(r => r.Number).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct),
        };
        db.SolveJobs.Add(job);
        alongside?.Invoke(db, job);
        db.Audit(now, request.RequestedBy, "roster.solve-queue", $"roster {request.FirstDate:yyyy-MM-dd}", after: $"{request.Days} days, limit {request.TimeLimitSeconds} s, job {job.Id}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance queued the same week between the check and the save: the unique key refused this one.
            throw new SolveJobRefusedException($"A solve of the week of {request.FirstDate:d MMM yyyy} was queued just now by someone else.");
        }

        return job;
    }

    public async Task<SolveJobEntity?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.SolveJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
    }

    /// <summary>The most recent job of a site's horizon starting on <paramref name="firstDate"/>.</summary>
    public async Task<SolveJobEntity?> LatestAsync(string siteId, LocalDate firstDate, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var jobs = await db.SolveJobs.AsNoTracking().Where(j => j.SiteId == siteId && j.FirstDate == firstDate).ToListAsync(ct);
        return jobs.MaxBy(j => j.RequestedAt);
    }

    /// <summary>Jobs queued or running, oldest first.</summary>
    public async Task<IReadOnlyList<SolveJobEntity>> ActiveAsync(CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var jobs = await db.SolveJobs.AsNoTracking().Where(j => j.Status == SolveJobStatus.Queued || j.Status == SolveJobStatus.Running).ToListAsync(ct);
        return [.. jobs.OrderBy(j => j.RequestedAt)];
    }

    /// <summary>1 for the next queued job to run, 2 for the one after, ...; 0 when the job is not queued.</summary>
    public async Task<int> QueuePositionAsync(SolveJobEntity job, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status != SolveJobStatus.Queued)
        {
            return 0;
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var queued = await db.SolveJobs.AsNoTracking().Where(j => j.Status == SolveJobStatus.Queued).Select(j => new { j.Id, j.RequestedAt }).ToListAsync(ct);
        // The row as stored (milliseconds), not the caller's copy, which may hold a finer instant than the column keeps.
        var requestedAt = queued.FirstOrDefault(j => j.Id == job.Id)?.RequestedAt ?? job.RequestedAt;
        return queued.Count(j => j.Id != job.Id && (j.RequestedAt < requestedAt || (j.RequestedAt == requestedAt && j.Id.CompareTo(job.Id) < 0))) + 1;
    }

    /// <summary>
    /// Marks a run beginning on <paramref name="instance"/>; null when the job has ended already (a recovered trigger of
    /// a job that finished, or was cancelled while queued): such a run does nothing.
    /// </summary>
    public async Task<SolveJobEntity?> BeginAsync(Guid id, string instance, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var updated = await db.SolveJobs.Where(j => j.Id == id && (j.Status == SolveJobStatus.Queued || j.Status == SolveJobStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, SolveJobStatus.Running).SetProperty(j => j.Instance, instance)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1).SetProperty(j => j.StartedAt, j => j.StartedAt ?? now).SetProperty(j => j.HeartbeatAt, now), ct);
        return updated == 0 ? null : await db.SolveJobs.AsNoTracking().FirstAsync(j => j.Id == id, ct);
    }

    /// <summary>Progress and a sign of life; with a checkpoint when a better roster is worth keeping. Returns whether a stop was asked for.</summary>
    public async Task<bool> ReportAsync(Guid id, SolveJobProgress? progress, double elapsedBefore, string? checkpointJson, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var running = db.SolveJobs.Where(j => j.Id == id && j.Status == SolveJobStatus.Running);
        if (progress is not null && checkpointJson is not null)
        {
            await running.ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.BestObjective, progress.Objective).SetProperty(j => j.Bound, progress.Bound)
                .SetProperty(j => j.Gap, progress.Gap).SetProperty(j => j.ElapsedSeconds, elapsedBefore + progress.ElapsedSeconds).SetProperty(j => j.Solutions, progress.Solutions)
                .SetProperty(j => j.CheckpointJson, checkpointJson).SetProperty(j => j.CheckpointObjective, progress.Objective), ct);
        }
        else if (progress is not null)
        {
            await running.ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now).SetProperty(j => j.BestObjective, progress.Objective).SetProperty(j => j.Bound, progress.Bound)
                .SetProperty(j => j.Gap, progress.Gap).SetProperty(j => j.ElapsedSeconds, elapsedBefore + progress.ElapsedSeconds).SetProperty(j => j.Solutions, progress.Solutions), ct);
        }
        else
        {
            await running.ExecuteUpdateAsync(s => s.SetProperty(j => j.HeartbeatAt, now), ct);
        }

        return await db.SolveJobs.AsNoTracking().Where(j => j.Id == id).Select(j => j.CancelRequested).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Asks a job to stop, from any instance: a queued job ends at once (returns true); a running one is told through
    /// the flag its run polls, and keeps the best roster it has.
    /// </summary>
    public async Task<bool> RequestCancelAsync(Guid id, string by, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var endedInQueue = await db.SolveJobs.Where(j => j.Id == id && j.Status == SolveJobStatus.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, SolveJobStatus.Cancelled).SetProperty(j => j.ActiveKey, (string?)null).SetProperty(j => j.CancelRequested, true)
                .SetProperty(j => j.CancelledBy, by).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.Message, $"Stopped by {by} before it began."), ct);
        if (endedInQueue == 0)
        {
            await db.SolveJobs.Where(j => j.Id == id && j.Status == SolveJobStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.CancelRequested, true).SetProperty(j => j.CancelledBy, by), ct);
        }

        var job = await db.SolveJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is not null)
        {
            db.Audit(now, by, "roster.solve-stop", $"roster {job.FirstDate:yyyy-MM-dd}", after: $"job {id}, {(endedInQueue > 0 ? "while queued" : $"after {job.ElapsedSeconds:0} s")}");
            await db.SaveChangesAsync(ct);
        }

        return endedInQueue > 0;
    }

    /// <summary>Ends a running (or queued) job; false when it had ended already, in which case nothing changes.</summary>
    public async Task<bool> FinishAsync(Guid id, SolveJobStatus status, string? message, CancellationToken ct) =>
        await FinishAsync(await contextFactory.CreateDbContextAsync(ct), id, status, message, null, ct, dispose: true);

    /// <summary>As above, inside another unit of work (the draft's save): the caller saves.</summary>
    public async Task<bool> FinishAsync(SchedulerDbContext db, Guid id, SolveJobStatus status, string? message, long? rosterId, CancellationToken ct) =>
        await FinishAsync(db, id, status, message, rosterId, ct, dispose: false);

    private async Task<bool> FinishAsync(SchedulerDbContext db, Guid id, SolveJobStatus status, string? message, long? rosterId, CancellationToken ct, bool dispose)
    {
        try
        {
            var now = clock.GetCurrentInstant();
            var updated = await db.SolveJobs.Where(j => j.Id == id && (j.Status == SolveJobStatus.Queued || j.Status == SolveJobStatus.Running))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, status).SetProperty(j => j.ActiveKey, (string?)null).SetProperty(j => j.FinishedAt, now)
                    .SetProperty(j => j.Message, message).SetProperty(j => j.RosterId, j => rosterId ?? j.RosterId).SetProperty(j => j.HeartbeatAt, now), ct);
            return updated > 0;
        }
        finally
        {
            if (dispose)
            {
                await db.DisposeAsync();
            }
        }
    }
}
