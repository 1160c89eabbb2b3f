using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Staffing;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Features.Requests;

/// <summary>A request refused for a reason the person asking can act on; nothing was stored.</summary>
public sealed class RequestRefusedException(string message, IReadOnlyList<Violation>? violations = null) : Exception(message)
{
    public IReadOnlyList<Violation> Violations { get; } = violations ?? [];
}

/// <summary>One queue's projected service level over the quarter-hours a change touches, before and after it.</summary>
public sealed record QueueImpact(string Queue, double? Before, double? After, double Contacts);

/// <summary>What a change would do to the latest published version of its week: the validator's verdict and the service it leaves.</summary>
public sealed record ChangePreview(long RosterId, int RosterNumber, TradeEffect Effect, IReadOnlyList<QueueImpact> Impact)
{
    /// <summary>Every queue the change touches keeps a projected service level of at least <paramref name="floor"/> over the hours it touches.</summary>
    public bool KeepsServiceAbove(double floor) => Impact.All(q => q.After is not { } after || after >= floor);
}

/// <summary>A request as its reader sees it, with names instead of ids.</summary>
public sealed record RequestView(ShiftRequestEntity Entity, string RequesterName, string? ColleagueName);

/// <summary>
/// Swaps, offers to the open-shift board, pick-ups and time off, from the agent's request to the supervisor's
/// decision. Every proposal is judged by the roster validator on the latest published version of its week (both
/// agents' rules, the skills the shift serves, coverage) and shows its service-level impact before it is sent. An
/// approval publishes the week's next version together with the request's new status, or neither.
/// Every method takes the <see cref="Actor"/> from the signed-in user and checks ownership itself.
/// </summary>
public sealed partial class RequestService(
    IDbContextFactory<SchedulerDbContext> contextFactory,
    RosterStore rosters,
    RosterViewCache views,
    PlanningService planning,
    QueueService queues,
    SiteSettings site,
    IClock clock,
    ILogger<RequestService> logger)
{
    /// <summary>The auto-approval rule's name in <see cref="ShiftRequestEntity.DecidedBy"/>.</summary>
    public const string AutoApproval = "auto-approval";

    private const int MaxTimeOffDays = 31;

    // ---- reading ----

    /// <summary>The latest published version whose horizon holds <paramref name="date"/>, validated (from the roster page's cache).</summary>
    public async Task<RosterPageModel?> PublishedWeekAsync(LocalDate date, CancellationToken ct)
    {
        List<RosterEntity> candidates;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            candidates = await db.Rosters.AsNoTracking()
                .Where(r => r.SiteId == site.SiteId && r.Status == RosterStatus.Published).ToListAsync(ct);
        }

        var latest = candidates.Where(r => r.FirstDate <= date && date < r.FirstDate.PlusDays(r.Days))
            .OrderByDescending(r => r.FirstDate).ThenByDescending(r => r.Number).FirstOrDefault();
        return latest is null ? null : await views.GetAsync(latest.Id, site.Zone, ct);
    }

    /// <summary>The actor's own requests and those naming them, newest first.</summary>
    public async Task<IReadOnlyList<RequestView>> MineAsync(Actor actor, CancellationToken ct)
    {
        var me = actor.Agent;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.ShiftRequests.AsNoTracking().Where(r => r.RequesterId == me || r.ColleagueId == me).ToListAsync(ct);
        return await Named(db, rows.OrderByDescending(r => r.CreatedAt), ct);
    }

    /// <summary>The open-shift board: shifts colleagues offered that have not started, earliest first.</summary>
    public async Task<IReadOnlyList<RequestView>> BoardAsync(Actor actor, CancellationToken ct)
    {
        _ = actor.Agent;
        var today = clock.GetCurrentInstant().InZone(site.Zone).Date;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.ShiftRequests.AsNoTracking().Where(r => r.SiteId == site.SiteId && r.Status == ShiftRequestStatus.Open).ToListAsync(ct);
        return await Named(db, rows.Where(r => r.Date >= today).OrderBy(r => r.Date), ct);
    }

    /// <summary>The supervisor's queue: every request waiting for a decision, oldest first, then the latest decided.</summary>
    public async Task<(IReadOnlyList<RequestView> Pending, IReadOnlyList<RequestView> Decided)> QueueAsync(Actor actor, CancellationToken ct)
    {
        RequireSupervisor(actor);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.ShiftRequests.AsNoTracking().Where(r => r.SiteId == site.SiteId).ToListAsync(ct);
        var pending = await Named(db, rows.Where(r => r.Status == ShiftRequestStatus.Pending).OrderBy(r => r.CreatedAt), ct);
        var decided = await Named(db, rows.Where(r => r.DecidedAt is not null).OrderByDescending(r => r.DecidedAt).Take(20), ct);
        return (pending, decided);
    }

    /// <summary>One request, for its requester, its colleague, or a supervisor; anyone else is refused.</summary>
    public async Task<RequestView> GetAsync(Actor actor, long id, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.ShiftRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (row is null || !(actor.IsSupervisor || (actor.AgentId is { } me && (row.RequesterId == me || row.ColleagueId == me
            || (row.Status == ShiftRequestStatus.Open && row.Kind == ShiftRequestKind.Offer)))))
        {
            throw new UnauthorizedAccessException($"Request {id} is not yours to see.");
        }

        return (await Named(db, [row], ct))[0];
    }

    /// <summary>Colleagues an agent may name in a swap (everyone active but themself), by name.</summary>
    public async Task<IReadOnlyList<AgentEntity>> ColleaguesAsync(Actor actor, CancellationToken ct) =>
        [.. (await planning.ActiveAgentsAsync(ct)).Where(a => a.Id != actor.Agent).OrderBy(a => a.Name, StringComparer.Ordinal)];

    // ---- judging ----

    /// <summary>What handing the actor's shift on <paramref name="date"/> to a colleague (and taking theirs on <paramref name="returnDate"/>) would do.</summary>
    public Task<ChangePreview> PreviewSwapAsync(Actor actor, LocalDate date, string colleagueId, LocalDate? returnDate, CancellationToken ct) =>
        JudgeHandOverAsync(actor.Agent, date, colleagueId, returnDate, ct);

    /// <summary>What the actor picking up an offered shift would do.</summary>
    public async Task<ChangePreview> PreviewPickUpAsync(Actor actor, long id, CancellationToken ct)
    {
        var request = (await GetAsync(actor, id, ct)).Entity;
        return await JudgeHandOverAsync(request.RequesterId, request.Date, actor.Agent, null, ct);
    }

    /// <summary>"Who could take this shift?": colleagues who could take the actor's shift without breaking a rule, best first.</summary>
    public async Task<IReadOnlyList<TakeCandidate>> WhoCouldTakeAsync(Actor actor, LocalDate date, CancellationToken ct)
    {
        var week = await PublishedWeekAsync(date, ct) ?? throw new RequestRefusedException($"No published roster holds {date:d MMM yyyy}.");
        var me = actor.Agent;
        if (!week.Stored.Roster.Shifts.Any(s => s.AgentId == me && s.Date == date))
        {
            throw new RequestRefusedException($"You have no published shift on {date:ddd d MMM yyyy}.");
        }

        return await Task.Run(() => ShiftTrade.WhoCouldTake(week.Stored.Scenario, week.Stored.Roster, week.Report, me, date), ct);
    }

    /// <summary>What approving a request now would do (for the supervisor, and for auto-approval).</summary>
    public async Task<ChangePreview> PreviewAsync(Actor actor, long id, CancellationToken ct)
    {
        var request = (await GetAsync(actor, id, ct)).Entity;
        return await JudgeAsync(request, ct);
    }

    // ---- agents acting ----

    /// <summary>Offers the actor's shift to the board (no colleague) or asks a named colleague to take it or swap.</summary>
    public async Task<ShiftRequestEntity> ProposeAsync(Actor actor, LocalDate date, string? colleagueId, LocalDate? returnDate, string? note, CancellationToken ct)
    {
        var me = actor.Agent;
        var week = await PublishedWeekAsync(date, ct) ?? throw new RequestRefusedException($"No published roster holds {date:d MMM yyyy}.");
        if (!week.Stored.Roster.Shifts.Any(s => s.AgentId == me && s.Date == date))
        {
            throw new RequestRefusedException($"You have no published shift on {date:ddd d MMM yyyy}.");
        }

        RequireFuture(date);
        if (colleagueId is not null)
        {
            var preview = await JudgeHandOverAsync(me, date, colleagueId, returnDate, ct);
            if (!preview.Effect.IsAllowed)
            {
                throw Refused("Not sent", preview.Effect.Violations);
            }
        }
        else if (returnDate is not null)
        {
            throw new RequestRefusedException("A shift offered to the board cannot ask for one back; name the colleague to swap with.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        if (await db.ShiftRequests.AnyAsync(r => r.RequesterId == me && r.Date == date && r.Kind != ShiftRequestKind.TimeOff
            && (r.Status == ShiftRequestStatus.Open || r.Status == ShiftRequestStatus.AwaitingColleague || r.Status == ShiftRequestStatus.Pending), ct))
        {
            throw new RequestRefusedException($"You already have an open request for your shift on {date:ddd d MMM}; withdraw it first.");
        }

        var request = new ShiftRequestEntity
        {
            SiteId = site.SiteId,
            Kind = colleagueId is null ? ShiftRequestKind.Offer : ShiftRequestKind.Swap,
            Status = colleagueId is null ? ShiftRequestStatus.Open : ShiftRequestStatus.AwaitingColleague,
            RequesterId = me,
            ColleagueId = colleagueId,
            RosterId = week.Stored.Entity.Id,
            Date = date,
            ReturnDate = returnDate,
            Note = Trim(note),
            CreatedAt = clock.GetCurrentInstant(),
            Version = Guid.NewGuid(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // the request and its audit row together
        db.ShiftRequests.Add(request);
        await db.SaveChangesAsync(ct);
        db.Audit(request.CreatedAt, actor.UserName, "request.create", Subject(request), after: $"{request.Kind} of {date:yyyy-MM-dd}{(colleagueId is null ? " to the board" : $" to {colleagueId}")}{(returnDate is { } back ? $" for {back:yyyy-MM-dd}" : string.Empty)}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Shift request {RequestId} ({Kind}) by {AgentId} for {Date}", request.Id, request.Kind, me, date);
        return request;
    }

    /// <summary>The named colleague accepts (then a supervisor decides) or declines a swap.</summary>
    public async Task<ShiftRequestEntity> AnswerAsync(Actor actor, long id, bool accept, CancellationToken ct)
    {
        var me = actor.Agent;
        var request = await UpdateAsync(id, r => r.ColleagueId == me && r.Kind == ShiftRequestKind.Swap, ShiftRequestStatus.AwaitingColleague, async r =>
        {
            if (accept)
            {
                var preview = await JudgeAsync(r, ct);
                if (!preview.Effect.IsAllowed)
                {
                    throw Refused("Not accepted", preview.Effect.Violations);
                }
            }

            r.Status = accept ? ShiftRequestStatus.Pending : ShiftRequestStatus.Declined;
            r.Decision = accept ? null : $"{actor.UserName} declined";
        }, actor.UserName, accept ? "request.accept" : "request.decline", ct);
        return accept ? await AutoApproveAsync(request, ct) : request;
    }

    /// <summary>The actor picks up a shift a colleague offered to the board; a supervisor then decides.</summary>
    public async Task<ShiftRequestEntity> PickUpAsync(Actor actor, long id, CancellationToken ct)
    {
        var me = actor.Agent;
        var request = await UpdateAsync(id, r => r.Kind == ShiftRequestKind.Offer && r.RequesterId != me, ShiftRequestStatus.Open, async r =>
        {
            var preview = await JudgeHandOverAsync(r.RequesterId, r.Date, me, null, ct);
            if (!preview.Effect.IsAllowed)
            {
                throw Refused("Not picked up", preview.Effect.Violations);
            }

            r.ColleagueId = me;
            r.Status = ShiftRequestStatus.Pending;
        }, actor.UserName, "request.pickup", ct);
        return await AutoApproveAsync(request, ct);
    }

    /// <summary>The requester takes back a request nobody has decided yet.</summary>
    public Task<ShiftRequestEntity> WithdrawAsync(Actor actor, long id, CancellationToken ct)
    {
        var me = actor.Agent;
        return UpdateAsync(id, r => r.RequesterId == me, null, r =>
        {
            if (r.Status is not (ShiftRequestStatus.Open or ShiftRequestStatus.AwaitingColleague or ShiftRequestStatus.Pending))
            {
                throw new RequestRefusedException($"Request {r.Id} is already {r.Status.ToString().ToLowerInvariant()}.");
            }

            r.Status = ShiftRequestStatus.Withdrawn;
            return Task.CompletedTask;
        }, actor.UserName, "request.withdraw", ct);
    }

    /// <summary>Asks for days off from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public async Task<ShiftRequestEntity> RequestTimeOffAsync(Actor actor, LocalDate first, LocalDate last, string? note, CancellationToken ct)
    {
        var me = actor.Agent;
        RequireFuture(first);
        if (last < first)
        {
            throw new RequestRefusedException($"The last day ({last:d MMM yyyy}) is before the first ({first:d MMM yyyy}).");
        }

        if (Period.Between(first, last, PeriodUnits.Days).Days + 1 > MaxTimeOffDays)
        {
            throw new RequestRefusedException($"At most {MaxTimeOffDays} days in one request; split longer leave.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var overlapping = await db.ShiftRequests.AsNoTracking()
            .Where(r => r.RequesterId == me && r.Kind == ShiftRequestKind.TimeOff && (r.Status == ShiftRequestStatus.Pending || r.Status == ShiftRequestStatus.Approved)).ToListAsync(ct);
        if (overlapping.FirstOrDefault(r => r.Date <= last && first <= r.LastDate) is { } clash)
        {
            throw new RequestRefusedException($"You already asked for {clash.Date:d MMM}-{clash.LastDate:d MMM} ({clash.Status.ToString().ToLowerInvariant()}).");
        }

        var request = new ShiftRequestEntity
        {
            SiteId = site.SiteId,
            Kind = ShiftRequestKind.TimeOff,
            Status = ShiftRequestStatus.Pending,
            RequesterId = me,
            Date = first,
            LastDate = last,
            Note = Trim(note),
            CreatedAt = clock.GetCurrentInstant(),
            Version = Guid.NewGuid(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // the request and its audit row together
        db.ShiftRequests.Add(request);
        await db.SaveChangesAsync(ct);
        db.Audit(request.CreatedAt, actor.UserName, "request.create", Subject(request), after: $"time off {first:yyyy-MM-dd}..{last:yyyy-MM-dd}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Time off {RequestId} asked by {AgentId} for {First}-{Last}", request.Id, me, first, last);
        return await AutoApproveAsync(request, ct);
    }

    // ---- supervisors deciding ----

    /// <summary>
    /// Approves (publishing the week's next version with the change, judged again against the latest version) or refuses
    /// a pending request. A change that no longer fits is refused with the validator's reasons.
    /// </summary>
    public async Task<ShiftRequestEntity> DecideAsync(Actor actor, long id, bool approve, string? note, CancellationToken ct)
    {
        RequireSupervisor(actor);
        if (!approve)
        {
            return await UpdateAsync(id, _ => true, ShiftRequestStatus.Pending, r =>
            {
                Decided(r, ShiftRequestStatus.Refused, actor.UserName, Trim(note) ?? "refused");
                return Task.CompletedTask;
            }, actor.UserName, "request.refuse", ct);
        }

        return await ApproveAsync(id, actor.UserName, Trim(note), ct);
    }

    /// <summary>The site's auto-approval rules.</summary>
    public async Task<SiteEntity> SettingsAsync(CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Sites.AsNoTracking().FirstAsync(s => s.Id == site.SiteId, ct);
    }

    public async Task<SiteEntity> SaveSettingsAsync(Actor actor, Guid expectedVersion, bool autoSwaps, bool autoTimeOff, double floor, CancellationToken ct)
    {
        RequireSupervisor(actor);
        if (double.IsNaN(floor) || floor < 0 || floor > 1)
        {
            throw new RequestRefusedException($"The service-level floor {floor:P0} must be between 0 % and 100 %.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var entity = await db.Sites.FirstAsync(s => s.Id == site.SiteId, ct);
        if (entity.Version != expectedVersion)
        {
            throw new RequestRefusedException("Not saved: someone else changed these rules after you opened them. Reload and try again.");
        }

        var (before, after) = AuditLog.Changes(
            ("auto-approve swaps", entity.AutoApproveSwaps ? "on" : "off", autoSwaps ? "on" : "off"),
            ("auto-approve time off", entity.AutoApproveTimeOff ? "on" : "off", autoTimeOff ? "on" : "off"),
            ("service-level floor", entity.TimeOffServiceFloor.ToString("P0", System.Globalization.CultureInfo.InvariantCulture), floor.ToString("P0", System.Globalization.CultureInfo.InvariantCulture)));
        (entity.AutoApproveSwaps, entity.AutoApproveTimeOff, entity.TimeOffServiceFloor, entity.Version) = (autoSwaps, autoTimeOff, floor, Guid.NewGuid());
        db.Audit(clock.GetCurrentInstant(), actor.UserName, "site.approval-rules", $"site {entity.Id}", before, after);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestRefusedException("Not saved: someone else changed these rules at the same moment. Reload and try again.");
        }

        return entity;
    }

    // ---- the machinery ----

    private async Task<ShiftRequestEntity> AutoApproveAsync(ShiftRequestEntity request, CancellationToken ct)
    {
        if (request.Status != ShiftRequestStatus.Pending)
        {
            return request;
        }

        var rules = await SettingsAsync(ct);
        var auto = request.Kind == ShiftRequestKind.TimeOff ? rules.AutoApproveTimeOff : rules.AutoApproveSwaps;
        if (!auto)
        {
            return request;
        }

        var preview = await JudgeAsync(request, ct);
        var fits = request.Kind == ShiftRequestKind.TimeOff
            ? preview.Effect.IsAllowed && preview.KeepsServiceAbove(rules.TimeOffServiceFloor)
            : preview.Effect.IsAllowed && !preview.Effect.LowersCoverage;
        if (!fits)
        {
            return request;
        }

        try
        {
            return await ApproveAsync(request.Id, AutoApproval, request.Kind == ShiftRequestKind.TimeOff
                ? $"approved automatically: the projected service level stays at or above {rules.TimeOffServiceFloor:P0}"
                : "approved automatically: it breaks no rule and loses no coverage", ct);
        }
        catch (RequestRefusedException e)
        {
            logger.LogInformation("Request {RequestId} left for a supervisor: {Reason}", request.Id, e.Message);
            return request;
        }
    }

    private async Task<ShiftRequestEntity> ApproveAsync(long id, string by, string? note, CancellationToken ct)
    {
        ShiftRequestEntity request;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            request = await db.ShiftRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new RequestRefusedException($"Request {id} does not exist.");
        }

        if (request.Status != ShiftRequestStatus.Pending)
        {
            throw new RequestRefusedException($"Request {id} is {request.Status.ToString().ToLowerInvariant()}, not waiting for a decision.");
        }

        var changes = await ChangesAsync(request, ct);
        var problems = changes.SelectMany(c => c.Effect.Violations).ToList();
        if (problems.Count > 0)
        {
            throw Refused("Not approved", problems);
        }

        if (changes.Count == 0)
        {
            // Time off outside every published week: nothing to republish; it feeds the next solve.
            await UpdateAsync(id, _ => true, ShiftRequestStatus.Pending, r =>
            {
                Decided(r, ShiftRequestStatus.Approved, by, note ?? "approved");
                return Task.CompletedTask;
            }, by, "request.approve", ct);
        }

        if (changes.Count > 0)
        {
            try
            {
                // Every week the request touches is published together with the decision, or none is (time off across two weeks).
                await rosters.PublishChangesAsync([.. changes.Select(c => new PublishedChange(c.RosterId, c.Scenario, c.Roster))], by, $"approved request {id} ({request.Kind.ToString().ToLowerInvariant()})", async (db, versions, token) =>
                {
                    var row = await db.ShiftRequests.FirstAsync(r => r.Id == id, token);
                    if (row.Status != ShiftRequestStatus.Pending)
                    {
                        throw new RequestRefusedException($"Request {id} is {row.Status.ToString().ToLowerInvariant()}, not waiting for a decision.");
                    }

                    Decided(row, ShiftRequestStatus.Approved, by, note ?? "approved");
                    row.ResultRosterId = versions[^1].Id;
                    db.Audit(clock.GetCurrentInstant(), by, "request.approve", Subject(row), ShiftRequestStatus.Pending.ToString(),
                        $"Approved: {row.Decision}; published {string.Join(", ", versions.Select(RosterStore.Subject))}");
                }, ct);
            }
            catch (RosterSaveException e)
            {
                throw new RequestRefusedException(e.Message, e.Violations);
            }
        }

        logger.LogInformation("Request {RequestId} approved by {DecidedBy}", id, by);
        await using var read = await contextFactory.CreateDbContextAsync(ct);
        return await read.ShiftRequests.AsNoTracking().FirstAsync(r => r.Id == id, ct);
    }

    /// <summary>Loads a request, checks the actor may act on it and its status, applies <paramref name="change"/> and saves it whole.</summary>
    private async Task<ShiftRequestEntity> UpdateAsync(long id, Func<ShiftRequestEntity, bool> mayAct, ShiftRequestStatus? expected, Func<ShiftRequestEntity, Task> change, string actor, string action, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var request = await db.ShiftRequests.FirstOrDefaultAsync(r => r.Id == id && r.SiteId == site.SiteId, ct);
        if (request is null || !mayAct(request))
        {
            throw new UnauthorizedAccessException($"Request {id} is not yours to act on.");
        }

        if (expected is { } status && request.Status != status)
        {
            throw new RequestRefusedException($"Request {id} is {request.Status.ToString().ToLowerInvariant()} now; reload to see it.");
        }

        var before = request.Status;
        await change(request);
        request.Version = Guid.NewGuid();
        db.Audit(clock.GetCurrentInstant(), actor, action, Subject(request), before.ToString(), $"{request.Status}{(request.Decision is { } d ? $": {d}" : string.Empty)}");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestRefusedException($"Request {id} was changed by someone else at the same moment; reload to see it.");
        }

        return request;
    }

    private static string Subject(ShiftRequestEntity r) => $"request {r.Id} ({r.Kind.ToString().ToLowerInvariant()} of {r.RequesterId}{(r.ColleagueId is { } c ? $" with {c}" : string.Empty)})";

    private void Decided(ShiftRequestEntity r, ShiftRequestStatus status, string by, string decision)
    {
        r.Status = status;
        r.DecidedAt = clock.GetCurrentInstant();
        r.DecidedBy = by;
        r.Decision = decision;
    }

    private void RequireFuture(LocalDate date)
    {
        var today = clock.GetCurrentInstant().InZone(site.Zone).Date;
        if (date < today)
        {
            throw new RequestRefusedException($"{date:ddd d MMM yyyy} is in the past.");
        }
    }

    private static void RequireSupervisor(Actor actor)
    {
        if (!actor.IsSupervisor)
        {
            throw new UnauthorizedAccessException($"{actor.UserName} is not a supervisor.");
        }
    }

    private static RequestRefusedException Refused(string what, IReadOnlyList<Violation> violations) =>
        new($"{what}: {string.Join("; ", violations.Select(v => v.Description))}", violations);

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 500)];

    private static IEnumerable<LocalDate> Dates(LocalDate first, LocalDate last) => PlanningService.Dates(first, last);

    private static async Task<IReadOnlyList<RequestView>> Named(SchedulerDbContext db, IEnumerable<ShiftRequestEntity> rows, CancellationToken ct)
    {
        var list = rows.ToList();
        var ids = list.SelectMany(r => new[] { r.RequesterId, r.ColleagueId }).OfType<string>().Distinct().ToList();
        var names = await db.Agents.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return [.. list.Select(r => new RequestView(r, names.GetValueOrDefault(r.RequesterId, r.RequesterId), r.ColleagueId is null ? null : names.GetValueOrDefault(r.ColleagueId, r.ColleagueId)))];
    }
}
