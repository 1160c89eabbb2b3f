using Microsoft.Extensions.Options;
using NodaTime;
using Quartz;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Solver;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Roster;

public enum RosterJobState
{
    /// <summary>Waiting for a free solver slot (<see cref="RosterJob.QueuePosition"/>).</summary>
    Queued,
    Planning,
    Solving,
    Saved,
    NoRoster,
    Failed,
    Cancelled,
}

/// <summary>
/// What a page shows of one solve job: read from its row in the SolveJobs table (any instance may run it), with live
/// progress pushed when it runs in this instance. Pages subscribe to <see cref="Changed"/>.
/// </summary>
public sealed class RosterJob
{
    private readonly Lock _gate = new();

    internal RosterJob(SolveJobEntity row) => Apply(row, 0);

    public Guid Id { get; private set; }

    public LocalDate FirstDate { get; private set; }

    public int Days { get; private set; }

    public string StartedBy { get; private set; } = string.Empty;

    public Instant StartedAt { get; private set; }

    public RosterJobState State { get; private set; }

    /// <summary>1 when it runs next, 2 after that...; 0 when not queued.</summary>
    public int QueuePosition { get; private set; }

    /// <summary>The instance running it (or that ran it last).</summary>
    public string? Instance { get; private set; }

    /// <summary>Runs begun: above 1 when it was resumed after a restart or on another instance.</summary>
    public int Attempts { get; private set; }

    /// <summary>Whether a roster was saved as the job's checkpoint (a resumed run starts from it).</summary>
    public bool HasCheckpoint { get; private set; }

    public SolveProgress? Latest { get; private set; }

    /// <summary>Objective and elapsed seconds of every improvement seen here, for the progress chart.</summary>
    public List<SolveProgress> History { get; } = [];

    public long? RosterId { get; private set; }

    public string? Message { get; private set; }

    public bool Running => State is RosterJobState.Queued or RosterJobState.Planning or RosterJobState.Solving;

    public event Action? Changed;

    internal void Apply(SolveJobEntity row, int queuePosition)
    {
        lock (_gate)
        {
            Id = row.Id;
            FirstDate = row.FirstDate;
            Days = row.Days;
            StartedBy = row.RequestedBy;
            StartedAt = row.RequestedAt;
            Instance = row.Instance;
            Attempts = row.Attempts;
            HasCheckpoint = row.CheckpointJson is not null;
            QueuePosition = queuePosition;
            RosterId = row.RosterId ?? RosterId;
            Message = row.Message;
            State = row.Status switch
            {
                SolveJobStatus.Queued => RosterJobState.Queued,
                SolveJobStatus.Running => row.BestObjective is null ? RosterJobState.Planning : RosterJobState.Solving,
                SolveJobStatus.Done => row.RosterId is null ? RosterJobState.NoRoster : RosterJobState.Saved,
                SolveJobStatus.Failed => RosterJobState.Failed,
                _ => row.RosterId is null ? RosterJobState.Cancelled : RosterJobState.Saved,
            };
            if (row.BestObjective is { } objective && (Latest is null || Latest.Elapsed.TotalSeconds < row.ElapsedSeconds - 0.5 || Latest.Objective != objective))
            {
                Latest = new SolveProgress(objective, row.Bound ?? 0, row.Gap ?? 1, TimeSpan.FromSeconds(row.ElapsedSeconds), row.Solutions);
            }
        }

        Changed?.Invoke();
    }

    internal void Report(SolveProgress progress)
    {
        lock (_gate)
        {
            History.Add(progress);
            Latest = progress;
            State = RosterJobState.Solving;
        }

        Changed?.Invoke();
    }
}

/// <summary>
/// Roster solves as durable jobs: a request is checked against the limits and stored as a row of SolveJobs, and
/// Quartz.NET runs it from its job store in the same database (<see cref="RosterSolveRun"/>), on this instance or on
/// any other sharing the database. Pages watch a job through <see cref="RosterJob"/>, refreshed from the row by
/// <see cref="RosterJobWatcher"/> and pushed by the run when it is here.
/// </summary>
public sealed class RosterJobs(SolveJobStore store, RosterStore rosters, SiteSettings site, ISchedulerFactory quartz, IOptions<SchedulerWebOptions> options, ILogger<RosterJobs> logger)
{
    public const string JobGroup = "roster-solve";
    public const string JobIdKey = "jobId";
    private const int MaxWatched = 500;

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, RosterJob> _watched = [];

    public SolveJobLimits Limits
    {
        get
        {
            var jobs = options.Value.Jobs;
            return new SolveJobLimits(jobs.MinSolveSeconds, jobs.MaxSolveSeconds, Math.Max(1, Environment.ProcessorCount), jobs.MaxQueuedPerUser);
        }
    }

    /// <summary>The latest job of the site's horizon starting on <paramref name="firstDate"/>, watched; null when none was asked for.</summary>
    public async Task<RosterJob?> LatestAsync(LocalDate firstDate, CancellationToken ct = default)
    {
        var row = await store.LatestAsync(site.SiteId, firstDate, ct);
        return row is null ? null : await WatchAsync(row, ct);
    }

    /// <summary>
    /// Queues a solve of <paramref name="days"/> days from <paramref name="firstDate"/>. Refused whole with
    /// <see cref="SolveJobRefusedException"/> (the reason in words) when an option is out of range, the week already
    /// has a solve queued or running, or the person has too many waiting.
    /// </summary>
    public async Task<RosterJob> StartAsync(LocalDate firstDate, int days, string startedBy, TimeSpan limit, CancellationToken ct = default) =>
        await StartAsync(firstDate, days, startedBy, limit, alongside: null, ct);

    /// <summary>
    /// As above, with <paramref name="alongside"/> adding rows saved with the job row (a sick call, whose job re-solves
    /// around it: <see cref="RosterSolveRun"/>): both are stored, or neither.
    /// </summary>
    public async Task<RosterJob> StartAsync(LocalDate firstDate, int days, string startedBy, TimeSpan limit, Action<Data.SchedulerDbContext, SolveJobEntity>? alongside, CancellationToken ct = default)
    {
        if (await rosters.OverlapRefusalAsync(site.SiteId, firstDate, days, ct) is { } overlap)
        {
            throw new SolveJobRefusedException(overlap);
        }

        var request = new SolveJobRequest(site.SiteId, firstDate, days, startedBy, (int)Math.Round(limit.TotalSeconds), options.Value.Jobs.WorkersPerSolve);
        var row = await store.EnqueueAsync(request, Limits, alongside, ct);
        try
        {
            var scheduler = await quartz.GetScheduler(ct);
            var job = JobBuilder.Create<RosterSolveQuartzJob>()
                .WithIdentity(row.Id.ToString(), JobGroup)
                .WithDescription($"Roster {firstDate:yyyy-MM-dd}, {days} days, by {startedBy}")
                .UsingJobData(JobIdKey, row.Id.ToString())
                .RequestRecovery() // a run cut short by a crash or a shutdown is handed to the next instance that can take it
                .Build();
            var trigger = TriggerBuilder.Create().WithIdentity(row.Id.ToString(), JobGroup).ForJob(job).StartNow()
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
            await scheduler.ScheduleJob(job, trigger, default, ct);
        }
        catch (SchedulerException e)
        {
            logger.LogError(e, "Could not queue solve job {SolveJobId}", row.Id);
            await store.FinishAsync(row.Id, SolveJobStatus.Failed, "The job queue refused the solve: " + e.Message, CancellationToken.None);
            throw new SolveJobRefusedException("The job queue is not available: " + e.Message);
        }

        logger.LogInformation("Solve job {SolveJobId} queued for {FirstDate}, {Days} days, limit {Seconds} s, by {User}", row.Id, firstDate, days, request.TimeLimitSeconds, startedBy);
        return await WatchAsync(row, ct);
    }

    /// <summary>Stops a job from any instance: a queued one ends at once, a running one keeps the best roster it has.</summary>
    public async Task StopAsync(RosterJob job, string by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (await store.RequestCancelAsync(job.Id, by, ct))
        {
            var scheduler = await quartz.GetScheduler(ct);
            await scheduler.DeleteJob(new JobKey(job.Id.ToString(), JobGroup), ct);
        }

        logger.LogInformation("Solve job {SolveJobId} stop asked by {User}", job.Id, by);
        await RefreshAsync([job.Id], ct);
    }

    /// <summary>The watched view of a job row (one per job in this instance, shared by every page showing it).</summary>
    internal async Task<RosterJob> WatchAsync(SolveJobEntity row, CancellationToken ct)
    {
        RosterJob job;
        lock (_gate)
        {
            if (!_watched.TryGetValue(row.Id, out job!))
            {
                if (_watched.Count >= MaxWatched)
                {
                    // Ended jobs are only kept for the pages showing them; a page asking again reads the row afresh.
                    foreach (var ended in _watched.Where(w => !w.Value.Running).Select(w => w.Key).ToList())
                    {
                        _watched.Remove(ended);
                    }
                }

                job = new RosterJob(row);
                _watched[row.Id] = job;
            }
        }

        job.Apply(row, await store.QueuePositionAsync(row, ct));
        return job;
    }

    /// <summary>Watched jobs still queued or running, whose rows the watcher re-reads.</summary>
    internal IReadOnlyList<Guid> Active()
    {
        lock (_gate)
        {
            return [.. _watched.Values.Where(j => j.Running).Select(j => j.Id)];
        }
    }

    /// <summary>Re-reads the rows of <paramref name="ids"/> into their views (progress from another instance, queue positions).</summary>
    internal async Task RefreshAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        foreach (var id in ids)
        {
            if (await store.GetAsync(id, ct) is { } row)
            {
                await WatchAsync(row, ct);
            }
        }
    }

    /// <summary>Live progress of a run in this instance, pushed to its view.</summary>
    internal void Report(Guid id, SolveProgress progress)
    {
        RosterJob? job;
        lock (_gate)
        {
            _watched.TryGetValue(id, out job);
        }

        job?.Report(progress);
    }
}

/// <summary>Re-reads the rows of watched jobs every second: a job running on another instance shows its progress here too.</summary>
public sealed class RosterJobWatcher(RosterJobs jobs, ILogger<RosterJobWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await jobs.RefreshAsync(jobs.Active(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Could not refresh the solve jobs being watched");
            }
        }
    }
}
