using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;

namespace Scheduler.Data.Planning;

/// <summary>A stored roster version: its row, the scenario it was planned for, and its shifts.</summary>
public sealed record StoredRoster(RosterEntity Entity, RosterScenario Scenario, Roster Roster);

/// <summary>Why a save was refused; nothing was stored.</summary>
public sealed class RosterSaveException(string message, IReadOnlyList<Violation>? violations = null) : Exception(message)
{
    public IReadOnlyList<Violation> Violations { get; } = violations ?? [];
}

/// <summary>
/// Roster versions: a draft from a solve, hand edits, publishing. A published version never changes (an edit of it
/// makes the next draft); every save is checked by the roster validator and refused whole if it breaks a hard rule;
/// a save from an out-of-date copy is refused with a conflict (the row's <see cref="RosterEntity.Version"/>).
/// </summary>
public sealed class RosterStore(IDbContextFactory<SchedulerDbContext> contextFactory, IClock clock)
{
    public async Task<RosterEntity> SaveDraftAsync(string siteId, RosterScenario scenario, Roster roster, long? bound, string by, CancellationToken ct)
    {
        var report = Check(scenario, roster);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var entity = new RosterEntity
        {
            SiteId = siteId,
            FirstDate = scenario.FirstDate,
            Days = scenario.Days,
            Number = await NextNumber(db, siteId, scenario.FirstDate, ct),
            Status = RosterStatus.Draft,
            ScenarioJson = ScenarioJson.Write(scenario),
            Cost = report.TotalCost,
            Bound = bound,
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = by,
            Version = Guid.NewGuid(),
            Shifts = [.. Rows(scenario, roster)],
        };
        db.Rosters.Add(entity);
        await db.SaveChangesAsync(ct);
        return entity;
    }

    public async Task<StoredRoster?> LoadAsync(long id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var entity = await db.Rosters.AsNoTracking().Include(r => r.Shifts).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (entity is null)
        {
            return null;
        }

        var scenario = ScenarioJson.Read(entity.ScenarioJson, $"roster {entity.Id}");
        return new StoredRoster(entity, scenario, ToRoster(entity.Shifts));
    }

    /// <summary>The row's concurrency version (changes on every save), or null when the roster does not exist.</summary>
    public async Task<Guid?> VersionAsync(long id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Rosters.Where(r => r.Id == id).Select(r => (Guid?)r.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>Every version of a site's rosters, newest horizon and version first (without shifts).</summary>
    public async Task<IReadOnlyList<RosterEntity>> ListAsync(string siteId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Rosters.AsNoTracking().Where(r => r.SiteId == siteId)
            .OrderByDescending(r => r.FirstDate).ThenByDescending(r => r.Number).ToListAsync(ct);
    }

    /// <summary>
    /// One agent's published shifts that start in [from, to): for each planned horizon only its latest published
    /// version counts (an older published version is history, not the plan).
    /// </summary>
    public async Task<IReadOnlyList<RosterShiftEntity>> PublishedShiftsAsync(string agentId, Instant from, Instant to, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var published = await db.Rosters.AsNoTracking().Where(r => r.Status == RosterStatus.Published)
            .Select(r => new { r.Id, r.SiteId, r.FirstDate, r.Number }).ToListAsync(ct);
        var latest = published.GroupBy(r => (r.SiteId, r.FirstDate)).Select(g => g.MaxBy(r => r.Number)!.Id).ToList();
        return await db.RosterShifts.AsNoTracking()
            .Where(s => latest.Contains(s.RosterId) && s.AgentId == agentId && s.Start >= from && s.Start < to)
            .OrderBy(s => s.Start).ToListAsync(ct);
    }

    /// <summary>The latest published version of a site's horizon starting on a date, if any.</summary>
    public async Task<StoredRoster?> PublishedAsync(string siteId, LocalDate firstDate, CancellationToken ct) =>
        await PublishedIdAsync(siteId, firstDate, ct) is { } id ? await LoadAsync(id, ct) : null;

    /// <summary>The id of <see cref="PublishedAsync"/>'s version, without loading it.</summary>
    public async Task<long?> PublishedIdAsync(string siteId, LocalDate firstDate, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Rosters.AsNoTracking()
            .Where(r => r.SiteId == siteId && r.FirstDate == firstDate && r.Status == RosterStatus.Published)
            .OrderByDescending(r => r.Number).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Saves an edited roster. A draft is changed in place; a published version stays as it is and the edit becomes
    /// the next draft. Refused whole if a hard rule breaks or <paramref name="expectedVersion"/> is out of date.
    /// </summary>
    /// <returns>The draft that now holds the edit.</returns>
    public async Task<RosterEntity> SaveEditAsync(long id, Guid expectedVersion, Roster edited, string by, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var entity = await db.Rosters.Include(r => r.Shifts).FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new RosterSaveException($"Roster {id} does not exist.");
        if (entity.Version != expectedVersion)
        {
            throw Conflict(entity);
        }

        var scenario = ScenarioJson.Read(entity.ScenarioJson, $"roster {entity.Id}");
        var report = Check(scenario, edited);
        RosterEntity target;
        if (entity.Status == RosterStatus.Published)
        {
            target = new RosterEntity
            {
                SiteId = entity.SiteId,
                FirstDate = entity.FirstDate,
                Days = entity.Days,
                Number = await NextNumber(db, entity.SiteId, entity.FirstDate, ct),
                Status = RosterStatus.Draft,
                ScenarioJson = entity.ScenarioJson,
                BasedOnId = entity.Id,
                CreatedAt = clock.GetCurrentInstant(),
                CreatedBy = by,
            };
            db.Rosters.Add(target);
        }
        else
        {
            target = entity;
            db.RosterShifts.RemoveRange(entity.Shifts);
            entity.Shifts.Clear();
        }

        target.Cost = report.TotalCost;
        target.Version = Guid.NewGuid();
        target.Shifts.AddRange(Rows(scenario, edited));
        await SaveOrConflict(db, entity, ct);
        return target;
    }

    /// <summary>Freezes a draft: agents see it from now on, and it never changes again.</summary>
    public async Task<RosterEntity> PublishAsync(long id, Guid expectedVersion, string by, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var entity = await db.Rosters.FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new RosterSaveException($"Roster {id} does not exist.");
        if (entity.Version != expectedVersion)
        {
            throw Conflict(entity);
        }

        if (entity.Status == RosterStatus.Published)
        {
            throw new RosterSaveException($"Version {entity.Number} is already published.");
        }

        entity.Status = RosterStatus.Published;
        entity.PublishedAt = clock.GetCurrentInstant();
        entity.PublishedBy = by;
        entity.Version = Guid.NewGuid();
        await SaveOrConflict(db, entity, ct);
        return entity;
    }

    /// <summary>
    /// Publishes a change agreed after publishing (an approved swap or time off) as the next published version of the
    /// horizon of <paramref name="basedOnId"/>, which must still be its latest published version. Checked by the
    /// validator and refused whole like any save. <paramref name="alongside"/> saves its own changes (the request
    /// being approved) in the same transaction, so the request and the version it made are stored together or not at all.
    /// </summary>
    public async Task<RosterEntity> PublishChangeAsync(long basedOnId, RosterScenario scenario, Roster changed, string by, Func<SchedulerDbContext, RosterEntity, CancellationToken, Task> alongside, CancellationToken ct)
    {
        var report = Check(scenario, changed);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var basis = await db.Rosters.AsNoTracking().FirstOrDefaultAsync(r => r.Id == basedOnId, ct)
            ?? throw new RosterSaveException($"Roster {basedOnId} does not exist.");
        var latest = await db.Rosters.AsNoTracking()
            .Where(r => r.SiteId == basis.SiteId && r.FirstDate == basis.FirstDate && r.Status == RosterStatus.Published)
            .OrderByDescending(r => r.Number).FirstAsync(ct);
        if (latest.Id != basis.Id)
        {
            throw new RosterSaveException($"Not saved: version {latest.Number} of this week was published after version {basis.Number}; judge the change again against it.");
        }

        var now = clock.GetCurrentInstant();
        var target = new RosterEntity
        {
            SiteId = basis.SiteId,
            FirstDate = basis.FirstDate,
            Days = basis.Days,
            Number = await NextNumber(db, basis.SiteId, basis.FirstDate, ct),
            Status = RosterStatus.Published,
            ScenarioJson = ScenarioJson.Write(scenario),
            Cost = report.TotalCost,
            BasedOnId = basis.Id,
            CreatedAt = now,
            CreatedBy = by,
            PublishedAt = now,
            PublishedBy = by,
            Version = Guid.NewGuid(),
            Shifts = [.. Rows(scenario, changed)],
        };
        db.Rosters.Add(target);
        try
        {
            await db.SaveChangesAsync(ct);
            await alongside(db, target, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new RosterSaveException("Not saved: someone else changed this week or this request at the same moment. Reload and decide again.");
        }

        return target;
    }

    public static Roster ToRoster(IEnumerable<RosterShiftEntity> rows) =>
        new([.. rows.OrderBy(s => s.Start).ThenBy(s => s.AgentId, StringComparer.Ordinal).Select(s => new ShiftAssignment(
            s.AgentId, s.Date, s.TemplateId, s.LocalStart, s.Length, [.. s.Breaks.Select(ParseBreak)]))]);

    private static ValidationReport Check(RosterScenario scenario, Roster roster)
    {
        var report = RosterValidator.Validate(scenario, roster);
        if (!report.IsValid)
        {
            var first = report.Violations[0];
            throw new RosterSaveException($"Not saved: {report.Violations.Count} hard rule(s) broken, first: {first.Rule}: {first.Description}", report.Violations);
        }

        return report;
    }

    private static RosterSaveException Conflict(RosterEntity current) =>
        new($"Not saved: someone else changed this roster (version {current.Number}, by {current.PublishedBy ?? current.CreatedBy}) after you opened it. Reload to see their change, then make yours again.");

    private static async Task SaveOrConflict(SchedulerDbContext db, RosterEntity entity, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Conflict(entity);
        }
    }

    private static async Task<int> NextNumber(SchedulerDbContext db, string siteId, LocalDate firstDate, CancellationToken ct) =>
        (await db.Rosters.Where(r => r.SiteId == siteId && r.FirstDate == firstDate).MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;

    private static IEnumerable<RosterShiftEntity> Rows(RosterScenario scenario, Roster roster)
    {
        foreach (var s in roster.Shifts)
        {
            var start = s.Date.At(s.Start).InZoneLeniently(scenario.Zone).ToInstant();
            var end = s.Date.At(s.Start).PlusMinutes((long)s.Length.TotalMinutes).InZoneLeniently(scenario.Zone).ToInstant();
            yield return new RosterShiftEntity
            {
                AgentId = s.AgentId,
                Date = s.Date,
                TemplateId = s.TemplateId,
                LocalStart = s.Start,
                Length = s.Length,
                Start = start,
                End = end,
                Breaks = [.. s.Breaks.Select(b => $"{b.Name}|{b.Start.ToUnixTimeMilliseconds()}|{b.End.ToUnixTimeMilliseconds()}|{(b.Paid ? "paid" : "unpaid")}")],
            };
        }
    }

    public static BreakAssignment ParseBreak(string text)
    {
        var f = text.Split('|');
        return new BreakAssignment(f[0], Instant.FromUnixTimeMilliseconds(long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)), Instant.FromUnixTimeMilliseconds(long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)), f[3] == "paid");
    }
}
