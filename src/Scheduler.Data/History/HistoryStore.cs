using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Domain.History;

namespace Scheduler.Data.History;

/// <summary>
/// Stores and reads interval history. This is the history feature's service, built directly on
/// <see cref="IDbContextFactory{SchedulerDbContext}"/>; there is no repository layer in between.
/// </summary>
public sealed class HistoryStore
{
    /// <summary>Ids per DELETE ... WHERE Id IN (...): well inside SQLite's and PostgreSQL's parameter limits.</summary>
    private const int DeleteChunk = 500;

    private readonly IDbContextFactory<SchedulerDbContext> _contextFactory;
    private readonly IClock _clock;

    public HistoryStore(IDbContextFactory<SchedulerDbContext> contextFactory, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(clock);
        _contextFactory = contextFactory;
        _clock = clock;
    }

    /// <inheritdoc cref="ImportAsync(string, string, IReadOnlyList{IntervalObservation}, DateTimeZone?, CancellationToken)"/>
    public Task<HistoryImportSummary> ImportAsync(string fileName, string format, IReadOnlyList<IntervalObservation> observations, CancellationToken ct) =>
        ImportAsync(fileName, format, observations, zone: null, ct);

    /// <summary>Stores one file's observations and a record of the import, all in one transaction.</summary>
    /// <param name="zone">The zone the file's local times were read in; recorded with the import.</param>
    /// <remarks>
    /// <para>Policy on overlap is <b>replace</b>: an observation whose queue and start are already stored replaces the
    /// stored one (deleted, then the new one inserted). A supervisor re-imports last week's corrected report and the
    /// corrected numbers win; stored intervals the new file does not mention are kept.</para>
    /// <para>All or nothing: the batch is checked first and refused whole with an <see cref="ImportException"/>
    /// (line = position in <paramref name="observations"/>, from 1) when any observation is bad or a queue and start
    /// repeat within it. Any failure or cancellation later rolls the transaction back, replaced rows included.</para>
    /// </remarks>
    /// <param name="by">Who imports it, recorded with the import and in the audit log.</param>
    public async Task<HistoryImportSummary> ImportAsync(
        string fileName, string format, IReadOnlyList<IntervalObservation> observations, DateTimeZone? zone, CancellationToken ct, string by = "system")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(format.Length, StorageLimits.FormatLength, nameof(format));
        var batch = ObservationBatch.Validate(fileName, observations);
        ct.ThrowIfCancellationRequested();

        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var import = new HistoryImportEntity
        {
            FileName = fileName.Length > StorageLimits.FileNameLength ? fileName[^StorageLimits.FileNameLength..] : fileName, // keep the name's end
            Format = format,
            ImportedAt = _clock.GetCurrentInstant(),
            ImportedBy = by,
            RowCount = observations.Count,
            IntervalLength = batch.IntervalLength,
            Zone = zone,
            CoversFrom = batch.From,
            CoversTo = batch.To,
            QueueIds = [.. batch.StartsByQueue.Keys.Order(StringComparer.Ordinal)],
        };
        db.HistoryImports.Add(import);
        await db.SaveChangesAsync(ct);
        var replaced = await ReplaceClashesAsync(db, batch, import.Id, ct);
        import.ReplacedCount = replaced;
        db.Entry(import).Property(i => i.ReplacedCount).IsModified = true;
        db.Audit(import.ImportedAt, by, "history.import", $"file {import.FileName} (import {import.Id})",
            after: $"{import.RowCount} intervals ({replaced} replaced), queues {string.Join(",", import.QueueIds)}, {import.CoversFrom:yyyy-MM-dd}..{import.CoversTo:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        await ObservationWriter.InsertAsync(db, import.Id, observations, ct);
        await transaction.CommitAsync(ct);
        return HistoryImportSummary.Of(import);
    }

    /// <summary>
    /// How many of the observations would meet stored intervals (same queue and start), and the files those came from:
    /// the question to put to the user (replace them, or skip them) before an import that overlaps.
    /// </summary>
    public async Task<(int Count, IReadOnlyList<string> Files)> OverlapAsync(IReadOnlyList<IntervalObservation> observations, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observations);
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var met = await StoredAtAsync(db, StartsByQueue(observations), ct);
        var imports = met.Select(m => m.ImportId).Distinct().ToList();
        var files = await db.HistoryImports.AsNoTracking().Where(i => imports.Contains(i.Id)).Select(i => i.FileName).ToListAsync(ct);
        return (met.Count, files);
    }

    /// <summary>The observations that meet no stored interval (an import told to skip the overlap stores only these).</summary>
    public async Task<IReadOnlyList<IntervalObservation>> WithoutOverlapAsync(IReadOnlyList<IntervalObservation> observations, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(observations);
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var met = (await StoredAtAsync(db, StartsByQueue(observations), ct)).Select(m => (m.QueueId, m.Start)).ToHashSet();
        return [.. observations.Where(o => !met.Contains((o.QueueId, o.Start)))];
    }

    private static Dictionary<string, HashSet<Instant>> StartsByQueue(IEnumerable<IntervalObservation> observations) =>
        observations.GroupBy(o => o.QueueId).ToDictionary(g => g.Key, g => g.Select(o => o.Start).ToHashSet());

    /// <summary>The stored intervals at exactly these queues and starts: one range read per queue, then the exact starts.</summary>
    private static async Task<List<(long Id, string QueueId, Instant Start, long ImportId)>> StoredAtAsync(SchedulerDbContext db, IReadOnlyDictionary<string, HashSet<Instant>> startsByQueue, CancellationToken ct)
    {
        var met = new List<(long, string, Instant, long)>();
        foreach (var (queueId, starts) in startsByQueue)
        {
            var first = starts.Min();
            var last = starts.Max();
            var stored = await db.IntervalObservations.AsNoTracking()
                .Where(o => o.QueueId == queueId && o.Start >= first && o.Start <= last)
                .Select(o => new { o.Id, o.Start, o.ImportId })
                .ToListAsync(ct);
            met.AddRange(stored.Where(o => starts.Contains(o.Start)).Select(o => (o.Id, queueId, o.Start, o.ImportId)));
        }

        return met;
    }

    /// <summary>Observations starting in [<paramref name="from"/>, <paramref name="to"/>), by queue then start.</summary>
    /// <param name="queueId">One queue, or null for every queue.</param>
    public async Task<IReadOnlyList<IntervalObservation>> LoadAsync(string? queueId, Instant from, Instant to, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var rows = db.IntervalObservations.AsNoTracking().Where(o => o.Start >= from && o.Start < to);
        if (queueId is not null) rows = rows.Where(o => o.QueueId == queueId);
        return await rows
            .OrderBy(o => o.QueueId).ThenBy(o => o.Start)
            .Select(o => new IntervalObservation(
                o.QueueId, o.Start, o.Length, o.Offered, o.Answered, o.Abandoned, o.HandleSeconds, o.WaitSeconds, o.AnsweredWithinThreshold))
            .ToListAsync(ct);
    }

    /// <summary>
    /// What the stored history is now, in three numbers: every change to it is an import (a new row) or the roll-back
    /// of one (its RolledBackAt set), so a forecast computed under the same three numbers is computed from the same
    /// observations. Web views cache their forecasts under it.
    /// </summary>
    public async Task<HistoryVersion> VersionAsync(CancellationToken ct)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var imports = db.HistoryImports.AsNoTracking();
        return new HistoryVersion(await imports.CountAsync(ct), await imports.MaxAsync(i => (long?)i.Id, ct) ?? 0, await imports.CountAsync(i => i.RolledBackAt != null, ct));
    }

    /// <summary>Every import, newest first.</summary>
    public async Task<IReadOnlyList<HistoryImportSummary>> ListImportsAsync(CancellationToken ct)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var imports = await db.HistoryImports.AsNoTracking().OrderByDescending(i => i.ImportedAt).ThenByDescending(i => i.Id).ToListAsync(ct);
        return [.. imports.Select(HistoryImportSummary.Of)];
    }

    /// <summary>
    /// Moves the stored observations the batch replaces into ReplacedObservations (so rolling the new import back restores
    /// them) and removes them from the live history; returns how many.
    /// </summary>
    private static async Task<int> ReplaceClashesAsync(SchedulerDbContext db, ObservationBatch batch, long importId, CancellationToken ct)
    {
        var clashing = (await StoredAtAsync(db, batch.StartsByQueue, ct)).Select(m => m.Id).ToList();
        var moved = 0;
        foreach (var chunk in clashing.Chunk(DeleteChunk))
        {
            var rows = await db.IntervalObservations.AsNoTracking().Where(o => chunk.Contains(o.Id)).ToListAsync(ct);
            db.ReplacedObservations.AddRange(rows.Select(o => ReplacedObservationEntity.Of(o, importId)));
            await db.SaveChangesAsync(ct);
            moved += await db.IntervalObservations.Where(o => chunk.Contains(o.Id)).ExecuteDeleteAsync(ct);
        }

        return moved;
    }

    /// <summary>
    /// Rolls an import back whole: its intervals leave the history and the ones it replaced come back as they were, in
    /// one transaction. Refused while a later import that replaced some of its intervals still stands (roll that back
    /// first), so history never holds a mix no import ever made.
    /// </summary>
    public async Task<HistoryImportSummary> RollBackAsync(long importId, string by, CancellationToken ct)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = await db.HistoryImports.FirstOrDefaultAsync(i => i.Id == importId, ct)
            ?? throw new InvalidOperationException($"Import {importId} does not exist.");
        if (import.RolledBackAt is not null)
        {
            throw new InvalidOperationException($"{import.FileName} was already rolled back on {import.RolledBackAt:yyyy-MM-dd HH:mm} UTC by {import.RolledBackBy}.");
        }

        var laterIds = await db.ReplacedObservations.Where(r => r.ImportId == importId).Select(r => r.ReplacedByImportId).Distinct().ToListAsync(ct);
        var standing = await db.HistoryImports.AsNoTracking().Where(i => laterIds.Contains(i.Id) && i.RolledBackAt == null).Select(i => i.FileName).ToListAsync(ct);
        if (standing.Count > 0)
        {
            throw new InvalidOperationException($"{import.FileName} cannot be rolled back while {string.Join(", ", standing)} (imported later) replaces some of its intervals: roll that back first.");
        }

        var removed = await db.IntervalObservations.Where(o => o.ImportId == importId).ExecuteDeleteAsync(ct);
        var restore = await db.ReplacedObservations.AsNoTracking().Where(r => r.ReplacedByImportId == importId).ToListAsync(ct);
        db.IntervalObservations.AddRange(restore.Select(r => r.Restored()));
        await db.ReplacedObservations.Where(r => r.ReplacedByImportId == importId).ExecuteDeleteAsync(ct);
        import.RolledBackAt = _clock.GetCurrentInstant();
        import.RolledBackBy = by;
        db.Audit(import.RolledBackAt.Value, by, "history.rollback", $"file {import.FileName} (import {import.Id})", $"{removed} intervals", $"removed; {restore.Count} replaced intervals restored");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return HistoryImportSummary.Of(import);
    }

    /// <summary>An import against the history it met: per queue, its intervals and contacts, and those it replaced.</summary>
    public async Task<IReadOnlyList<ImportComparison>> CompareAsync(long importId, CancellationToken ct)
    {
        await using var db = await _contextFactory.CreateDbContextAsync(ct);
        var mine = await db.IntervalObservations.AsNoTracking().Where(o => o.ImportId == importId)
            .GroupBy(o => o.QueueId).Select(g => new { Queue = g.Key, Count = g.Count(), Offered = g.Sum(o => o.Offered) }).ToListAsync(ct);
        var replaced = await db.ReplacedObservations.AsNoTracking().Where(r => r.ReplacedByImportId == importId)
            .GroupBy(r => r.QueueId).Select(g => new { Queue = g.Key, Count = g.Count(), Offered = g.Sum(o => o.Offered) }).ToListAsync(ct);
        return [.. mine.Select(m => m.Queue).Union(replaced.Select(r => r.Queue)).Order(StringComparer.Ordinal).Select(q =>
        {
            var m = mine.FirstOrDefault(x => x.Queue == q);
            var r = replaced.FirstOrDefault(x => x.Queue == q);
            return new ImportComparison(q, m?.Count ?? 0, m?.Offered ?? 0, r?.Count ?? 0, r?.Offered ?? 0);
        })];
    }
}
