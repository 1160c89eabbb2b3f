using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Planning;

/// <summary>A staffing-gap run refused before it was queued, with the reason in words.</summary>
public sealed class StaffingGapRunRefusedException(string message) : Exception(message);

/// <summary>
/// The StaffingGapRuns table: a hiring suggestion for one roster version is stored here when asked for, and the
/// instance solving it writes its state and result here, so every instance shows the same run and a restart loses
/// none. State changes are conditional updates (only a queued or running run can end), so a run ends once.
/// </summary>
public sealed class StaffingGapRunStore(IDbContextFactory<SchedulerDbContext> contextFactory, IClock clock)
{
    /// <summary>Most seconds one suggestion may search.</summary>
    public const int MaxTimeLimitSeconds = 600;

    /// <summary>
    /// Stores a suggestion for roster <paramref name="rosterId"/> as it is now, queued, with an audit entry. A run of
    /// the same version already queued, running or done is returned instead of a second one (a failed one may be asked
    /// again). Refused whole (nothing stored) when the roster does not exist or the time limit is out of range.
    /// </summary>
    public async Task<(StaffingGapRunEntity Run, bool Created)> EnqueueAsync(long rosterId, string requestedBy, int timeLimitSeconds, CancellationToken ct)
    {
        if (timeLimitSeconds is < 1 or > MaxTimeLimitSeconds)
        {
            throw new StaffingGapRunRefusedException($"Time limit: {timeLimitSeconds} s is outside 1-{MaxTimeLimitSeconds} s.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var roster = await db.Rosters.AsNoTracking().Where(r => r.Id == rosterId)
            .Select(r => new { r.SiteId, r.FirstDate, r.Number, r.Version }).FirstOrDefaultAsync(ct)
            ?? throw new StaffingGapRunRefusedException($"Roster {rosterId} does not exist: open the roster page again.");
        var existing = await db.StaffingGapRuns.AsNoTracking()
            .Where(r => r.RosterId == rosterId && r.RosterVersion == roster.Version && r.Status != StaffingGapRunStatus.Failed)
            .ToListAsync(ct);
        if (existing.MaxBy(r => r.RequestedAt) is { } same)
        {
            return (same, false);
        }

        var now = clock.GetCurrentInstant();
        var run = new StaffingGapRunEntity
        {
            Id = Guid.NewGuid(),
            SiteId = roster.SiteId,
            RosterId = rosterId,
            RosterVersion = roster.Version,
            RosterNumber = roster.Number,
            FirstDate = roster.FirstDate,
            RequestedBy = requestedBy,
            RequestedAt = now,
            TimeLimitSeconds = timeLimitSeconds,
            Status = StaffingGapRunStatus.Queued,
        };
        db.StaffingGapRuns.Add(run);
        db.Audit(now, requestedBy, "roster.staffing-gap", $"roster {roster.FirstDate:yyyy-MM-dd} v{roster.Number}", after: $"hiring suggestion, {timeLimitSeconds} s, run {run.Id}");
        await db.SaveChangesAsync(ct);
        return (run, true);
    }

    public async Task<StaffingGapRunEntity?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.StaffingGapRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>The newest run (any state) of exactly this roster version; null when none was asked for.</summary>
    public async Task<StaffingGapRunEntity?> LatestAsync(long rosterId, Guid version, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var runs = await db.StaffingGapRuns.AsNoTracking().Where(r => r.RosterId == rosterId && r.RosterVersion == version).ToListAsync(ct);
        return runs.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).FirstOrDefault();
    }

    /// <summary>Marks a run beginning on <paramref name="instance"/>; null when it has ended already (nothing to do).</summary>
    public async Task<StaffingGapRunEntity?> BeginAsync(Guid id, string instance, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var updated = await db.StaffingGapRuns.Where(r => r.Id == id && (r.Status == StaffingGapRunStatus.Queued || r.Status == StaffingGapRunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, StaffingGapRunStatus.Running).SetProperty(r => r.Instance, instance)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1).SetProperty(r => r.StartedAt, now), ct);
        return updated == 0 ? null : await db.StaffingGapRuns.AsNoTracking().FirstAsync(r => r.Id == id, ct);
    }

    /// <summary>Ends a queued or running run with its suggestion or the reason it has none; false when it had ended already.</summary>
    public async Task<bool> FinishAsync(Guid id, StaffingGapRunStatus status, Duration elapsed, string? resultJson, string? error, CancellationToken ct)
    {
        if (status is not (StaffingGapRunStatus.Done or StaffingGapRunStatus.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A run ends Done or Failed.");
        }

        var now = clock.GetCurrentInstant();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var updated = await db.StaffingGapRuns.Where(r => r.Id == id && (r.Status == StaffingGapRunStatus.Queued || r.Status == StaffingGapRunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAt, now).SetProperty(r => r.Elapsed, elapsed)
                .SetProperty(r => r.ResultJson, resultJson).SetProperty(r => r.Error, error), ct);
        return updated > 0;
    }
}
