using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Audit;
using Scheduler.Data.Planning;
using Scheduler.Solver;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Roster;

public enum RosterJobState
{
    Planning,
    Solving,
    Saved,
    NoRoster,
    Failed,
}

/// <summary>One roster generation running in the background; pages subscribe to <see cref="Changed"/>.</summary>
public sealed class RosterJob
{
    private readonly CancellationTokenSource _cancel = new();
    private RosterSolveJob? _solve;

    public RosterJob(LocalDate firstDate, int days, string startedBy, Instant startedAt)
    {
        FirstDate = firstDate;
        Days = days;
        StartedBy = startedBy;
        StartedAt = startedAt;
    }

    public Guid Id { get; } = Guid.NewGuid();

    public LocalDate FirstDate { get; }

    public int Days { get; }

    public string StartedBy { get; }

    public Instant StartedAt { get; }

    public RosterJobState State { get; private set; } = RosterJobState.Planning;

    public SolveProgress? Latest { get; private set; }

    /// <summary>Objective and elapsed seconds of every improvement, for the progress chart.</summary>
    public List<SolveProgress> History { get; } = [];

    public long? RosterId { get; private set; }

    public string? Message { get; private set; }

    public bool Running => State is RosterJobState.Planning or RosterJobState.Solving;

    public event Action? Changed;

    /// <summary>Stops the search; the best roster found so far is kept and saved.</summary>
    public void Cancel()
    {
        _cancel.Cancel();
        _solve?.Cancel();
    }

    internal CancellationToken Token => _cancel.Token;

    internal void Solving(RosterSolveJob solve)
    {
        _solve = solve;
        if (_cancel.IsCancellationRequested)
        {
            solve.Cancel();
        }

        Set(RosterJobState.Solving, null);
    }

    internal void Report(SolveProgress progress)
    {
        lock (History)
        {
            History.Add(progress);
            Latest = progress;
        }

        Changed?.Invoke();
    }

    internal void Set(RosterJobState state, string? message, long? rosterId = null)
    {
        State = state;
        Message = message;
        RosterId = rosterId ?? RosterId;
        Changed?.Invoke();
    }
}

/// <summary>
/// Runs roster generation as background jobs (never on a UI circuit): plan the week, solve with live progress, save
/// the best roster as a draft version. One job per week at a time.
/// </summary>
public sealed class RosterJobs(PlanningService planning, RosterStore store, SiteSettings site, IClock clock, IOptions<SchedulerWebOptions> options, IDbContextFactory<SchedulerDbContext> contexts, ILogger<RosterJobs> logger)
{
    private readonly Lock _gate = new();
    private readonly List<RosterJob> _jobs = [];

    public RosterJob? Latest(LocalDate firstDate)
    {
        lock (_gate)
        {
            return _jobs.LastOrDefault(j => j.FirstDate == firstDate);
        }
    }

    public RosterJob Start(LocalDate firstDate, int days, string startedBy, TimeSpan? limit = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, RosterStore.MaxHorizonDays);
        RosterJob job;
        lock (_gate)
        {
            if (_jobs.LastOrDefault(j => j.FirstDate == firstDate && j.Running) is { } running)
            {
                return running;
            }

            job = new RosterJob(firstDate, days, startedBy, clock.GetCurrentInstant());
            _jobs.Add(job);
        }

        var timeLimit = limit ?? TimeSpan.FromSeconds(options.Value.SolveSeconds);
        _ = Task.Run(() => RunAsync(job, timeLimit));
        return job;
    }

    /// <summary>Stops a job on someone's word (the best roster so far is kept), and records who.</summary>
    public async Task StopAsync(RosterJob job, string by)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!job.Running)
        {
            return;
        }

        job.Cancel();
        await AuditAsync(by, "roster.solve-stop", job, $"stopped after {(clock.GetCurrentInstant() - job.StartedAt).TotalSeconds:0} s");
    }

    private async Task AuditAsync(string by, string action, RosterJob job, string what)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            db.Audit(clock.GetCurrentInstant(), by, action, $"roster {job.FirstDate:yyyy-MM-dd}", after: what);
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException)
        {
            logger.LogError(e, "Could not record {Action} in the audit log", action);
        }
    }

    private async Task RunAsync(RosterJob job, TimeSpan limit)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RosterJobId"] = job.Id, ["FirstDate"] = job.FirstDate.ToString() });
        try
        {
            // The solve plans against the week as published now: a version published meanwhile (an approved swap) must
            // not be undone by publishing this draft, so the draft remembers it.
            var basedOn = await store.PublishedIdAsync(site.SiteId, job.FirstDate, CancellationToken.None);
            await AuditAsync(job.StartedBy, "roster.solve-start", job, $"{job.Days} days, limit {limit.TotalSeconds:0} s");
            var plan = await planning.PlanWeekAsync(job.FirstDate, job.Days, job.Token);
            logger.LogInformation("Solving the week of {FirstDate} for {Agents} agents, limit {Seconds} s", job.FirstDate, plan.Scenario.Agents.Count, limit.TotalSeconds);
            using var solve = RosterSolveJob.Start(plan.Scenario, new SolveOptions { TimeLimit = limit, Workers = Math.Max(1, Environment.ProcessorCount) }, new Progress(job));
            job.Solving(solve);
            var result = await solve.Completion;
            if (result.Roster is null)
            {
                var why = result.Conflicts.Count > 0
                    ? "The hard rules cannot all hold: " + string.Join("; ", result.Conflicts.Select(c => $"{c.AgentName}: {string.Join(", ", c.Rules)}"))
                    : "No roster was found in the time given.";
                job.Set(RosterJobState.NoRoster, why);
                return;
            }

            var saved = await store.SaveDraftAsync(site.SiteId, plan.Scenario, result.Roster, result.Bound, job.StartedBy, CancellationToken.None, basedOn);
            logger.LogInformation("Roster {RosterId} saved as draft version {Number}, cost {Cost}", saved.Id, saved.Number, saved.Cost);
            job.Set(RosterJobState.Saved, $"Draft version {saved.Number} saved.", saved.Id);
        }
        catch (OperationCanceledException)
        {
            job.Set(RosterJobState.NoRoster, "Stopped before the first roster.");
        }
        catch (Exception e)
        {
            logger.LogError(e, "Roster generation failed");
            job.Set(RosterJobState.Failed, e.Message);
        }
    }

    /// <summary>Progress straight to the job (not <see cref="Progress{T}"/>, which would post to a captured context).</summary>
    private sealed class Progress(RosterJob job) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => job.Report(value);
    }
}
