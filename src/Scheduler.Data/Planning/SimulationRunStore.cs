using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Planning;

/// <summary>A simulation refused before it was queued, with the reason in words.</summary>
public sealed class SimulationRunRefusedException(string message) : Exception(message);

/// <summary>
/// The SimulationRuns table: a check by simulation of one roster version is stored here when asked for, and the
/// instance running it writes its progress and its result here, so every instance shows the same run. State changes are
/// conditional updates (only a queued or running run can end), so a run ends once.
/// </summary>
public sealed class SimulationRunStore(IDbContextFactory<SchedulerDbContext> contextFactory, IClock clock)
{
    /// <summary>Most replications one run may ask for: 1000 weeks of a 60-agent centre is minutes of work.</summary>
    public const int MaxReplications = 1000;

    /// <summary>
    /// Stores a run of roster <paramref name="rosterId"/> as it is now, queued, with an audit entry. A run of the same
    /// version already queued or running is returned instead of a second one. Refused whole (nothing stored) when the
    /// roster does not exist or the replications are out of range.
    /// </summary>
    public async Task<(SimulationRunEntity Run, bool Created)> EnqueueAsync(long rosterId, string requestedBy, int replications, long seed, CancellationToken ct)
    {
        if (replications is < 1 or > MaxReplications)
        {
            throw new SimulationRunRefusedException($"Replications: {replications} is outside 1-{MaxReplications}.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var roster = await db.Rosters.AsNoTracking().Where(r => r.Id == rosterId)
            .Select(r => new { r.SiteId, r.FirstDate, r.Number, r.Version }).FirstOrDefaultAsync(ct)
            ?? throw new SimulationRunRefusedException($"Roster {rosterId} does not exist: open the roster page again.");
        var active = await db.SimulationRuns.AsNoTracking()
            .Where(r => r.RosterId == rosterId && r.RosterVersion == roster.Version && r.Rounds == 0 && (r.Status == SimulationRunStatus.Queued || r.Status == SimulationRunStatus.Running))
            .FirstOrDefaultAsync(ct);
        if (active is not null)
        {
            return (active, false);
        }

        var now = clock.GetCurrentInstant();
        var run = new SimulationRunEntity
        {
            Id = Guid.NewGuid(),
            SiteId = roster.SiteId,
            RosterId = rosterId,
            RosterVersion = roster.Version,
            RosterNumber = roster.Number,
            FirstDate = roster.FirstDate,
            RequestedBy = requestedBy,
            RequestedAt = now,
            Replications = replications,
            Seed = seed,
            Status = SimulationRunStatus.Queued,
        };
        db.SimulationRuns.Add(run);
        db.Audit(now, requestedBy, "roster.simulate", $"roster {roster.FirstDate:yyyy-MM-dd} v{roster.Number}", after: $"up to {replications} replications, seed {seed}, run {run.Id}");
        await db.SaveChangesAsync(ct);
        return (run, true);
    }

    /// <summary>Most rounds one improvement may ask for: each is a solve.</summary>
    public const int MaxRounds = 5;

    /// <summary>
    /// Stores an "improve by simulation" of roster <paramref name="rosterId"/> as it is now, queued, with an audit entry:
    /// at most <paramref name="rounds"/> re-solves of <paramref name="timeLimitSeconds"/> each. One of the same version
    /// already queued or running is returned instead. Refused whole (nothing stored) when the rounds are out of range,
    /// the roster does not exist or this version has no finished check by simulation to start from.
    /// </summary>
    public async Task<(SimulationRunEntity Run, bool Created)> EnqueueImprovementAsync(long rosterId, string requestedBy, int rounds, int timeLimitSeconds, int replications, long seed, CancellationToken ct)
    {
        if (rounds is < 1 or > MaxRounds)
        {
            throw new SimulationRunRefusedException($"Rounds: {rounds} is outside 1-{MaxRounds}.");
        }

        if (replications is < 1 or > MaxReplications)
        {
            throw new SimulationRunRefusedException($"Replications: {replications} is outside 1-{MaxReplications}.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var roster = await db.Rosters.AsNoTracking().Where(r => r.Id == rosterId)
            .Select(r => new { r.SiteId, r.FirstDate, r.Number, r.Version }).FirstOrDefaultAsync(ct)
            ?? throw new SimulationRunRefusedException($"Roster {rosterId} does not exist: open the roster page again.");
        if (!await db.SimulationRuns.AnyAsync(r => r.RosterId == rosterId && r.RosterVersion == roster.Version && r.Rounds == 0 && r.Status == SimulationRunStatus.Done, ct))
        {
            throw new SimulationRunRefusedException($"v{roster.Number} as it is now has not been checked by simulation: check it first, then improve it.");
        }

        var active = await db.SimulationRuns.AsNoTracking()
            .Where(r => r.RosterId == rosterId && r.RosterVersion == roster.Version && r.Rounds > 0 && (r.Status == SimulationRunStatus.Queued || r.Status == SimulationRunStatus.Running))
            .FirstOrDefaultAsync(ct);
        if (active is not null)
        {
            return (active, false);
        }

        var now = clock.GetCurrentInstant();
        var run = new SimulationRunEntity
        {
            Id = Guid.NewGuid(),
            SiteId = roster.SiteId,
            RosterId = rosterId,
            RosterVersion = roster.Version,
            RosterNumber = roster.Number,
            FirstDate = roster.FirstDate,
            RequestedBy = requestedBy,
            RequestedAt = now,
            Replications = replications,
            Seed = seed,
            Rounds = rounds,
            TimeLimitSeconds = timeLimitSeconds,
            Status = SimulationRunStatus.Queued,
        };
        db.SimulationRuns.Add(run);
        db.Audit(now, requestedBy, "roster.improve-queue", $"roster {roster.FirstDate:yyyy-MM-dd} v{roster.Number}", after: $"up to {rounds} rounds of {timeLimitSeconds} s, {replications} replications, seed {seed}, run {run.Id}");
        await db.SaveChangesAsync(ct);
        return (run, true);
    }

    /// <summary>The round an improvement is in and what it does there, written by the running instance.</summary>
    public async Task ReportRoundAsync(Guid id, int round, string phase, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await db.SimulationRuns.Where(r => r.Id == id && r.Status == SimulationRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Round, round).SetProperty(r => r.Phase, phase), ct);
    }

    /// <summary>Ends an improvement Done inside the unit of work that saves its draft (the caller saves); false when it had ended already.</summary>
    public async Task<bool> FinishImprovementAsync(SchedulerDbContext db, Guid id, string message, string resultJson, long? draftId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = clock.GetCurrentInstant();
        var updated = await db.SimulationRuns.Where(r => r.Id == id && (r.Status == SimulationRunStatus.Queued || r.Status == SimulationRunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SimulationRunStatus.Done).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Message, message)
                .SetProperty(r => r.ResultJson, resultJson).SetProperty(r => r.DraftRosterId, draftId).SetProperty(r => r.Phase, (string?)null), ct);
        return updated > 0;
    }

    public async Task<SimulationRunEntity?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.SimulationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>The site's runs of the rosters starting on <paramref name="firstDate"/>, newest first.</summary>
    public async Task<IReadOnlyList<SimulationRunEntity>> ForWeekAsync(string siteId, LocalDate firstDate, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var runs = await db.SimulationRuns.AsNoTracking().Where(r => r.SiteId == siteId && r.FirstDate == firstDate).ToListAsync(ct);
        return [.. runs.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id)];
    }

    /// <summary>The newest run that ended with a result for exactly this roster version; null when none did.</summary>
    public async Task<SimulationRunEntity?> LatestDoneAsync(long rosterId, Guid version, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var runs = await db.SimulationRuns.AsNoTracking().Where(r => r.RosterId == rosterId && r.RosterVersion == version && r.Rounds == 0 && r.Status == SimulationRunStatus.Done).ToListAsync(ct);
        return runs.MaxBy(r => r.FinishedAt);
    }

    /// <summary>Marks a run beginning on <paramref name="instance"/>; null when it has ended already (nothing to do).</summary>
    public async Task<SimulationRunEntity?> BeginAsync(Guid id, string instance, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var updated = await db.SimulationRuns.Where(r => r.Id == id && (r.Status == SimulationRunStatus.Queued || r.Status == SimulationRunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, SimulationRunStatus.Running).SetProperty(r => r.Instance, instance)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1).SetProperty(r => r.StartedAt, r => r.StartedAt ?? now).SetProperty(r => r.ReplicationsDone, 0).SetProperty(r => r.Round, 0), ct);
        return updated == 0 ? null : await db.SimulationRuns.AsNoTracking().FirstAsync(r => r.Id == id, ct);
    }

    /// <summary>Replications played so far, written by the running instance.</summary>
    public async Task ReportAsync(Guid id, int replicationsDone, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await db.SimulationRuns.Where(r => r.Id == id && r.Status == SimulationRunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReplicationsDone, replicationsDone), ct);
    }

    /// <summary>Ends a queued or running run with its result or the reason it has none; false when it had ended already.</summary>
    public async Task<bool> FinishAsync(Guid id, SimulationRunStatus status, string? message, string? resultJson, int replicationsDone, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var updated = await db.SimulationRuns.Where(r => r.Id == id && (r.Status == SimulationRunStatus.Queued || r.Status == SimulationRunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Message, message)
                .SetProperty(r => r.ResultJson, resultJson).SetProperty(r => r.ReplicationsDone, replicationsDone).SetProperty(r => r.Phase, (string?)null), ct);
        return updated > 0;
    }
}
