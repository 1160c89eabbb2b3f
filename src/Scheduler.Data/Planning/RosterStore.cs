using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Data.Planning;

/// <summary>A stored roster version: its row, the scenario it was planned for, and its shifts.</summary>
public sealed record StoredRoster(RosterEntity Entity, RosterScenario Scenario, Roster Roster);

/// <summary>Why a save was refused; nothing was stored.</summary>
public class RosterSaveException(string message, IReadOnlyList<Violation>? violations = null) : Exception(message)
{
    public IReadOnlyList<Violation> Violations { get; } = violations ?? [];
}

/// <summary>
/// Publishing refused because versions were published after the draft's base: publishing it would throw their changes
/// away. <see cref="Between"/> names them; <see cref="RosterStore.RebaseAsync"/> re-applies the draft's own edits on the
/// latest one.
/// </summary>
public sealed class RosterStaleException(string message, IReadOnlyList<RosterEntity> between) : RosterSaveException(message)
{
    /// <summary>The versions published since the draft's base, oldest first.</summary>
    public IReadOnlyList<RosterEntity> Between { get; } = between;
}

/// <summary>One horizon's change to publish: the version it starts from, the scenario and the changed roster.</summary>
public sealed record PublishedChange(long BasedOnId, RosterScenario Scenario, Roster Changed);

/// <summary>What a rebase did: the new draft, the edits re-applied, and those dropped because a later version changed the same agent's day.</summary>
public sealed record RebaseResult(RosterEntity Draft, int Reapplied, IReadOnlyList<string> Kept);

/// <summary>
/// Roster versions: a draft from a solve, hand edits, publishing. A published version never changes (an edit of it
/// makes the next draft); every save is checked by the roster validator and refused whole if it breaks a hard rule;
/// a save from an out-of-date copy is refused with a conflict (the row's <see cref="RosterEntity.Version"/>).
/// </summary>
public sealed partial class RosterStore(IDbContextFactory<SchedulerDbContext> contextFactory, IClock clock)
{
    /// <summary>
    /// Saves a solved roster as the next draft of its week. <paramref name="basedOnPublishedId"/> is the latest published
    /// version when the solve began (what the solver planned against); publishing the draft is refused once a newer one exists.
    /// </summary>
    public async Task<RosterEntity> SaveDraftAsync(string siteId, RosterScenario scenario, Roster roster, long? bound, string by, CancellationToken ct, long? basedOnPublishedId = null) =>
        await SaveDraftAsync(siteId, scenario, roster, bound, by, basedOnPublishedId, alongside: null, ct);

    /// <summary>
    /// As above, with <paramref name="alongside"/> writing in the same transaction once the draft has its id (a solve
    /// job marks itself done): both are saved or neither. A version published meanwhile that took the draft's number
    /// makes the draft the next number; a finished solve is never thrown away for it.
    /// </summary>
    public async Task<RosterEntity> SaveDraftAsync(string siteId, RosterScenario scenario, Roster roster, long? bound, string by, long? basedOnPublishedId, Func<SchedulerDbContext, RosterEntity, CancellationToken, Task>? alongside, CancellationToken ct) =>
        await SaveDraftAsync(siteId, scenario, roster, bound, by, basedOnPublishedId, "solve", alongside, ct);

    /// <summary>
    /// As above, with the draft's <paramref name="reason"/> ("solve", or "improved by simulation, round 2" for instance),
    /// shown beside the version and written in its audit entry (action roster.solve for a solve, roster.improve otherwise).
    /// </summary>
    public async Task<RosterEntity> SaveDraftAsync(string siteId, RosterScenario scenario, Roster roster, long? bound, string by, long? basedOnPublishedId, string reason, Func<SchedulerDbContext, RosterEntity, CancellationToken, Task>? alongside, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var report = Check(scenario, roster);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            if (await OverlapAsync(db, siteId, scenario.FirstDate, scenario.Days, ct) is { } other)
            {
                throw new RosterSaveException(OverlapMessage(scenario.FirstDate, scenario.Days, other));
            }

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
                BasedOnId = basedOnPublishedId,
                Reason = reason,
                Version = Guid.NewGuid(),
                Shifts = [.. Rows(scenario, roster)],
                Activities = [.. ActivityRows(roster)],
            };
            db.Rosters.Add(entity);
            db.Audit(entity.CreatedAt, by, reason == "solve" ? "roster.solve" : reason.StartsWith("sick call", StringComparison.Ordinal) ? "roster.sick-call-solve" : "roster.improve", Subject(entity), after: $"draft, {entity.Shifts.Count} shifts, cost {entity.Cost}{(bound is { } b ? $", bound {b}" : string.Empty)}{(reason == "solve" ? string.Empty : $", {reason}")}");
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                if (alongside is not null)
                {
                    await alongside(db, entity, ct);
                    await db.SaveChangesAsync(ct);
                }

                await transaction.CommitAsync(ct);
                return entity;
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && attempt < 5)
            {
                // Another version took this number between reading it and saving (a publish): take the next one.
                if (!await NumberTakenAsync(siteId, scenario.FirstDate, entity.Number, ct))
                {
                    throw;
                }
            }
        }
    }

    private async Task<bool> NumberTakenAsync(string siteId, LocalDate firstDate, int number, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Rosters.AnyAsync(r => r.SiteId == siteId && r.FirstDate == firstDate && r.Number == number, ct);
    }

    /// <summary>
    /// The horizon (first date and days) of a site's rosters that holds <paramref name="date"/>, if any: a roster planned
    /// for two or four weeks holds every day of them, so its later weeks open it rather than a week of their own.
    /// </summary>
    public async Task<(LocalDate FirstDate, int Days)?> HorizonHoldingAsync(string siteId, LocalDate date, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var earliest = date.PlusDays(-MaxHorizonDays);
        var candidates = await db.Rosters.AsNoTracking().Where(r => r.SiteId == siteId && r.FirstDate <= date && r.FirstDate > earliest)
            .Select(r => new { r.FirstDate, r.Days, r.Number }).ToListAsync(ct);
        var holding = candidates.Where(r => r.FirstDate.PlusDays(r.Days) > date).OrderByDescending(r => r.FirstDate).ThenByDescending(r => r.Number).FirstOrDefault();
        return holding is null ? null : (holding.FirstDate, holding.Days);
    }

    /// <summary>Why a horizon of <paramref name="days"/> from <paramref name="firstDate"/> cannot be planned (it overlaps
    /// another horizon of the site, which would put two rosters on the same days), or null when it can.</summary>
    public async Task<string?> OverlapRefusalAsync(string siteId, LocalDate firstDate, int days, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await OverlapAsync(db, siteId, firstDate, days, ct) is { } other ? OverlapMessage(firstDate, days, other) : null;
    }

    /// <summary>The longest horizon a roster may have (four weeks).</summary>
    public const int MaxHorizonDays = 28;

    private static async Task<(LocalDate FirstDate, int Days)?> OverlapAsync(SchedulerDbContext db, string siteId, LocalDate firstDate, int days, CancellationToken ct)
    {
        var end = firstDate.PlusDays(days);
        var earliest = firstDate.PlusDays(-MaxHorizonDays);
        var others = await db.Rosters.AsNoTracking().Where(r => r.SiteId == siteId && r.FirstDate != firstDate && r.FirstDate < end && r.FirstDate > earliest)
            .Select(r => new { r.FirstDate, r.Days }).Distinct().ToListAsync(ct);
        var other = others.FirstOrDefault(r => r.FirstDate.PlusDays(r.Days) > firstDate);
        return other is null ? null : (other.FirstDate, other.Days);
    }

    private static string OverlapMessage(LocalDate firstDate, int days, (LocalDate FirstDate, int Days) other) =>
        $"The {days} days from {firstDate:d MMM yyyy} overlap the roster planned for the {other.Days} days from {other.FirstDate:d MMM yyyy}: a day belongs to one roster. Plan from {other.FirstDate.PlusDays(other.Days):d MMM yyyy}, or open that roster.";

    public async Task<StoredRoster?> LoadAsync(long id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var entity = await db.Rosters.AsNoTracking().Include(r => r.Shifts).Include(r => r.Activities).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (entity is null)
        {
            return null;
        }

        var scenario = ScenarioJson.Read(entity.ScenarioJson, $"roster {entity.Id}");
        return new StoredRoster(entity, scenario, ToRoster(entity.Shifts) with { Activities = ToActivities(entity.Activities) });
    }

    /// <summary>The row's concurrency version (changes on every save), or null when the roster does not exist.</summary>
    public async Task<Guid?> VersionAsync(long id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Rosters.Where(r => r.Id == id).Select(r => (Guid?)r.Version).FirstOrDefaultAsync(ct);
    }

    /// <summary>Every version of a site's rosters, newest horizon and version first (without shifts, and with an empty <see cref="RosterEntity.ScenarioJson"/>).</summary>
    public async Task<IReadOnlyList<RosterEntity>> ListAsync(string siteId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        // Every version's row but not its scenario (tens of kilobytes each, and a busy site keeps many): lists need
        // the numbers and states; LoadAsync reads the scenario of the one opened.
        return await db.Rosters.AsNoTracking().Where(r => r.SiteId == siteId)
            .OrderByDescending(r => r.FirstDate).ThenByDescending(r => r.Number)
            .Select(r => new RosterEntity
            {
                Id = r.Id,
                SiteId = r.SiteId,
                FirstDate = r.FirstDate,
                Days = r.Days,
                Number = r.Number,
                Status = r.Status,
                ScenarioJson = string.Empty,
                Cost = r.Cost,
                Bound = r.Bound,
                CreatedAt = r.CreatedAt,
                CreatedBy = r.CreatedBy,
                PublishedAt = r.PublishedAt,
                PublishedBy = r.PublishedBy,
                BasedOnId = r.BasedOnId,
                Reason = r.Reason,
                Version = r.Version,
            })
            .ToListAsync(ct);
    }

    /// <summary>The latest published version of a site's horizon starting on a date, if any.</summary>
    public async Task<StoredRoster?> PublishedAsync(string siteId, LocalDate firstDate, CancellationToken ct) =>
        await PublishedIdAsync(siteId, firstDate, ct) is { } id ? await LoadAsync(id, ct) : null;

    /// <summary>The id of <see cref="PublishedAsync"/>'s version, without loading it.</summary>
    public async Task<long?> PublishedIdAsync(string siteId, LocalDate firstDate, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await PublishedVersions(db, siteId, firstDate)
            .OrderByDescending(r => r.Number).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Saves an edited roster. A draft is changed in place; a published version stays as it is and the edit becomes
    /// the next draft. Refused whole if a hard rule breaks or <paramref name="expectedVersion"/> is out of date.
    /// </summary>
    /// <returns>The draft that now holds the edit.</returns>
    public async Task<RosterEntity> SaveEditAsync(long id, Guid expectedVersion, Roster edited, string by, CancellationToken ct) =>
        await SaveEditAsync(id, expectedVersion, edited, by, "roster.edit", "hand edit", ct);

    /// <summary>
    /// As above, audited as <paramref name="action"/> with <paramref name="reason"/> (activities placed or moved: the
    /// shifts stay, the activities change, and the audit entry says which).
    /// </summary>
    public async Task<RosterEntity> SaveEditAsync(long id, Guid expectedVersion, Roster edited, string by, string action, string reason, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var entity = await db.Rosters.Include(r => r.Shifts).Include(r => r.Activities).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new RosterSaveException($"Roster {id} does not exist.");
        if (entity.Version != expectedVersion)
        {
            throw Conflict(entity);
        }

        var scenario = ScenarioJson.Read(entity.ScenarioJson, $"roster {entity.Id}");
        var report = Check(scenario, edited);
        var diff = RosterDiff.Between(ToRoster(entity.Shifts), edited);
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
                Reason = reason,
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
            db.RosterActivities.RemoveRange(entity.Activities);
            entity.Activities.Clear();
        }

        target.Cost = report.TotalCost;
        target.Version = Guid.NewGuid();
        target.Shifts.AddRange(Rows(scenario, edited));
        target.Activities.AddRange(ActivityRows(edited));
        var activities = ActivityChange(ToActivities(entity.Activities), edited.Activities);
        db.Audit(clock.GetCurrentInstant(), by, action, Subject(target), $"cost {entity.Cost}", $"cost {target.Cost}; {diff.Summary}{activities}");
        await SaveOrConflict(db, entity, ct);
        return target;
    }

    /// <summary>
    /// Freezes a draft: agents see it from now on, and it never changes again. Refused with
    /// <see cref="RosterStaleException"/> when a version was published after the draft's base (an approved swap, say):
    /// publishing would silently undo it.
    /// </summary>
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

        await RefuseIfStaleAsync(db, entity, ct);
        entity.Status = RosterStatus.Published;
        entity.PublishedAt = clock.GetCurrentInstant();
        entity.PublishedBy = by;
        entity.Version = Guid.NewGuid();
        db.Audit(entity.PublishedAt.Value, by, "roster.publish", Subject(entity), "draft", $"published, cost {entity.Cost}");
        await SaveOrConflict(db, entity, ct);
        return entity;
    }

    /// <summary>The versions of the draft's week published after its base, oldest first (none: the draft may be published).</summary>
    public async Task<IReadOnlyList<RosterEntity>> PublishedSinceBaseAsync(long draftId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var draft = await db.Rosters.AsNoTracking().FirstOrDefaultAsync(r => r.Id == draftId, ct);
        return draft is null ? [] : await SinceBaseAsync(db, draft, ct);
    }

    /// <summary>
    /// A new draft holding this draft's own changes (against its base) re-applied on the latest published version and
    /// checked again by the validator. Where a later version changed the same agent's day, the later version's shift stays.
    /// </summary>
    public async Task<RebaseResult> RebaseAsync(long draftId, Guid expectedVersion, string by, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var draft = await db.Rosters.AsNoTracking().Include(r => r.Shifts).Include(r => r.Activities).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == draftId, ct)
            ?? throw new RosterSaveException($"Roster {draftId} does not exist.");
        if (draft.Version != expectedVersion)
        {
            throw Conflict(draft);
        }

        var latest = await PublishedVersions(db, draft.SiteId, draft.FirstDate).Include(r => r.Shifts)
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(ct);
        if (latest is null || latest.Id == draft.BasedOnId || draft.Status == RosterStatus.Published)
        {
            throw new RosterSaveException($"Version {draft.Number} needs no rebase: nothing was published after its base.");
        }

        var basis = draft.BasedOnId is { } b ? ToRoster(await db.RosterShifts.AsNoTracking().Where(s => s.RosterId == b).ToListAsync(ct)) : new Roster([]);
        var mine = RosterDiff.Between(basis, ToRoster(draft.Shifts));
        var theirs = RosterDiff.Between(basis, ToRoster(latest.Shifts));
        var (rebased, applied, kept) = mine.ApplyTo(ToRoster(latest.Shifts), theirs);
        var scenario = ScenarioJson.Read(latest.ScenarioJson, $"roster {latest.Id}");
        rebased = ActivityCarryOver.Keep(scenario, rebased, ToActivities(draft.Activities));
        var report = Check(scenario, rebased);
        var now = clock.GetCurrentInstant();
        var target = new RosterEntity
        {
            SiteId = draft.SiteId,
            FirstDate = draft.FirstDate,
            Days = draft.Days,
            Number = await NextNumber(db, draft.SiteId, draft.FirstDate, ct),
            Status = RosterStatus.Draft,
            ScenarioJson = latest.ScenarioJson,
            Cost = report.TotalCost,
            BasedOnId = latest.Id,
            Reason = $"v{draft.Number} rebased on v{latest.Number}",
            CreatedAt = now,
            CreatedBy = by,
            Version = Guid.NewGuid(),
            Shifts = [.. Rows(scenario, rebased)],
            Activities = [.. ActivityRows(rebased)],
        };
        db.Rosters.Add(target);
        db.Audit(now, by, "roster.rebase", Subject(target), $"v{draft.Number}, cost {draft.Cost}", $"on v{latest.Number}: {applied} change(s) re-applied, {kept.Count} agent-day(s) kept from v{latest.Number}, cost {target.Cost}");
        await db.SaveChangesAsync(ct);
        return new RebaseResult(target, applied, [.. kept.Select(k => k.Describe())]);
    }

    /// <summary>
    /// A change built from shifts alone (a swap, time off, an accepted overtime offer) keeps the activities of the version
    /// it changes wherever they still fit (<see cref="ActivityCarryOver"/>), so publishing it does not silently drop the
    /// week's training, coaching and meetings.
    /// </summary>
    private static async Task<IReadOnlyList<PublishedChange>> WithActivitiesKeptAsync(SchedulerDbContext db, IReadOnlyList<PublishedChange> changes, CancellationToken ct)
    {
        var kept = new List<PublishedChange>(changes.Count);
        foreach (var c in changes)
        {
            if (c.Changed.Activities.Count > 0)
            {
                kept.Add(c);
                continue;
            }

            var rows = await db.RosterActivities.AsNoTracking().Where(a => a.RosterId == c.BasedOnId).ToListAsync(ct);
            kept.Add(rows.Count == 0 ? c : c with { Changed = ActivityCarryOver.Keep(c.Scenario, c.Changed, ToActivities(rows)) });
        }

        return kept;
    }

    private async Task RefuseIfStaleAsync(SchedulerDbContext db, RosterEntity draft, CancellationToken ct)
    {
        var between = await SinceBaseAsync(db, draft, ct);
        if (between.Count == 0)
        {
            return;
        }

        var baseNumber = draft.BasedOnId is { } b ? await db.Rosters.AsNoTracking().Where(r => r.Id == b).Select(r => (int?)r.Number).FirstOrDefaultAsync(ct) : null;
        var from = baseNumber is { } n ? $"began from version {n}" : "was made before any version was published";
        var what = string.Join("; ", between.Select(v => $"version {v.Number} ({v.Reason ?? "published"}, by {v.PublishedBy ?? v.CreatedBy}, {v.PublishedAt?.InUtc().ToString("d MMM HH:mm 'UTC'", null)})"));
        throw new RosterStaleException(
            $"Not published: this draft (version {draft.Number}) {from}, and since then {what} came in. Publishing it would undo that. Rebase it: its own changes are re-applied on version {between[^1].Number} and checked again.",
            between);
    }

    private static async Task<IReadOnlyList<RosterEntity>> SinceBaseAsync(SchedulerDbContext db, RosterEntity draft, CancellationToken ct)
    {
        if (draft.Status == RosterStatus.Published)
        {
            return [];
        }

        var published = await PublishedVersions(db, draft.SiteId, draft.FirstDate)
            .OrderBy(r => r.Number).ToListAsync(ct);
        if (published.Count == 0 || published[^1].Id == draft.BasedOnId)
        {
            return [];
        }

        var baseNumber = draft.BasedOnId is { } b ? published.FirstOrDefault(p => p.Id == b)?.Number ?? 0 : 0;
        return [.. published.Where(p => p.Number > baseNumber)];
    }

    /// <summary>
    /// Publishes a change agreed after publishing (an approved swap or time off) as the next published version of the
    /// horizon of <paramref name="basedOnId"/>, which must still be its latest published version. Checked by the
    /// validator and refused whole like any save. <paramref name="alongside"/> saves its own changes (the request
    /// being approved) in the same transaction, so the request and the version it made are stored together or not at all.
    /// </summary>
    public async Task<RosterEntity> PublishChangeAsync(long basedOnId, RosterScenario scenario, Roster changed, string by, Func<SchedulerDbContext, RosterEntity, CancellationToken, Task> alongside, CancellationToken ct, string reason = "approved change") =>
        (await PublishChangesAsync([new PublishedChange(basedOnId, scenario, changed)], by, reason, (db, versions, token) => alongside(db, versions[0], token), ct))[0];

    /// <summary>
    /// As <see cref="PublishChangeAsync"/> for several horizons (time off across two published weeks) in one transaction:
    /// every week's next version and <paramref name="alongside"/>'s changes are stored together, or nothing is.
    /// </summary>
    public async Task<IReadOnlyList<RosterEntity>> PublishChangesAsync(IReadOnlyList<PublishedChange> changes, string by, string reason, Func<SchedulerDbContext, IReadOnlyList<RosterEntity>, CancellationToken, Task> alongside, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        changes = await WithActivitiesKeptAsync(db, changes, ct);
        var reports = changes.Select(c => Check(c.Scenario, c.Changed)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetCurrentInstant();
        var targets = new List<RosterEntity>();
        for (var i = 0; i < changes.Count; i++)
        {
            var (basedOnId, scenario, changed) = changes[i];
            var basis = await db.Rosters.AsNoTracking().FirstOrDefaultAsync(r => r.Id == basedOnId, ct)
                ?? throw new RosterSaveException($"Roster {basedOnId} does not exist.");
            var latest = await PublishedVersions(db, basis.SiteId, basis.FirstDate)
                .OrderByDescending(r => r.Number).FirstAsync(ct);
            if (latest.Id != basis.Id)
            {
                throw new RosterSaveException($"Not saved: version {latest.Number} of this week was published after version {basis.Number}; judge the change again against it.");
            }

            var target = new RosterEntity
            {
                SiteId = basis.SiteId,
                FirstDate = basis.FirstDate,
                Days = basis.Days,
                Number = await NextNumber(db, basis.SiteId, basis.FirstDate, ct),
                Status = RosterStatus.Published,
                ScenarioJson = ScenarioJson.Write(scenario),
                Cost = reports[i].TotalCost,
                BasedOnId = basis.Id,
                Reason = reason,
                CreatedAt = now,
                CreatedBy = by,
                PublishedAt = now,
                PublishedBy = by,
                Version = Guid.NewGuid(),
                Shifts = [.. Rows(scenario, changed)],
                Activities = [.. ActivityRows(changed)],
            };
            db.Rosters.Add(target);
            var basisShifts = await db.RosterShifts.AsNoTracking().Where(s => s.RosterId == basis.Id).ToListAsync(ct);
            db.Audit(now, by, "roster.publish", Subject(target), $"version {basis.Number}", $"{reason}: {RosterDiff.Between(ToRoster(basisShifts), changed).Summary}");
            targets.Add(target);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await alongside(db, targets, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw new RosterSaveException("Not saved: someone else changed this week or this request at the same moment. Reload and decide again.");
        }

        return targets;
    }

    /// <summary>The published versions of one horizon (site and first date), read-only.</summary>
    private static IQueryable<RosterEntity> PublishedVersions(SchedulerDbContext db, string siteId, LocalDate firstDate) =>
        db.Rosters.AsNoTracking().Where(r => r.SiteId == siteId && r.FirstDate == firstDate && r.Status == RosterStatus.Published);

    /// <summary>How the audit log names a roster version.</summary>
    public static string Subject(RosterEntity r) => $"roster {r.FirstDate:yyyy-MM-dd} v{r.Number}";

    public static Roster ToRoster(IEnumerable<RosterShiftEntity> rows) =>
        new([.. rows.OrderBy(s => s.Start).ThenBy(s => s.AgentId, StringComparer.Ordinal).Select(s => new ShiftAssignment(
            s.AgentId, s.Date, s.TemplateId, s.LocalStart, s.Length, [.. s.Breaks.Select(ParseBreak)]) { Overtime = s.Overtime })]);

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

}
