using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Requests;

namespace Scheduler.Web.Features.Overtime;

/// <summary>An offer refused for a reason the person acting can act on; nothing was stored.</summary>
public sealed class OfferRefusedException(string message) : Exception(message);

/// <summary>A week's overtime and time off: hours and money, for the roster page's summary.</summary>
public sealed record OvertimeSummary(Duration OvertimeHours, decimal OvertimeCost, Duration TimeOffHours, decimal TimeOffSaving, int OffersOpen);

/// <summary>An offer as its reader sees it, with the agent's name.</summary>
public sealed record OfferView(OvertimeOfferEntity Entity, string AgentName);

/// <summary>
/// Overtime and voluntary time off, from the supervisor's proposals on a roster version (published or draft) to the
/// agent's answer. Proposals come from <see cref="OvertimeProposer"/> on the version's scenario with every agent's
/// overtime terms as they are now; an accepted offer is judged again on the latest published version of its week and
/// publishes the next version together with the offer's status (<see cref="RosterStore.PublishChangeAsync"/>), or
/// nothing. Every change is written to the audit log once.
/// </summary>
public sealed class OvertimeService(
    IDbContextFactory<SchedulerDbContext> contextFactory,
    RosterStore rosters,
    SiteSettings site,
    IClock clock,
    ILogger<OvertimeService> logger)
{
    /// <summary>Proposals to show on the roster page for version <paramref name="rosterId"/>, best first.</summary>
    public async Task<IReadOnlyList<OvertimeProposal>> ProposeAsync(Actor actor, long rosterId, CancellationToken ct)
    {
        RequireSupervisor(actor);
        var stored = await rosters.LoadAsync(rosterId, ct) ?? throw new OfferRefusedException($"Roster {rosterId} does not exist.");
        var scenario = await WithTermsNowAsync(stored.Scenario, ct);
        var history = await HistoryAsync(stored.Entity.FirstDate, ct);
        return await Task.Run(() => OvertimeProposer.Propose(scenario, stored.Roster, history), ct);
    }

    /// <summary>Sends <paramref name="proposal"/> (made on version <paramref name="rosterId"/>) to its agent.</summary>
    public async Task<OvertimeOfferEntity> SendAsync(Actor actor, long rosterId, OvertimeProposal proposal, CancellationToken ct)
    {
        RequireSupervisor(actor);
        ArgumentNullException.ThrowIfNull(proposal);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var roster = await db.Rosters.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rosterId && r.SiteId == site.SiteId, ct)
            ?? throw new OfferRefusedException($"Roster {rosterId} does not exist.");
        if (await db.OvertimeOffers.AnyAsync(o => o.AgentId == proposal.AgentId && o.Date == proposal.Date && o.Status == OvertimeOfferStatus.Sent, ct))
        {
            throw new OfferRefusedException($"{proposal.AgentName} already has an open offer for {proposal.Date:ddd d MMM}; withdraw it first.");
        }

        var offer = new OvertimeOfferEntity
        {
            SiteId = site.SiteId,
            Kind = proposal.Kind,
            Status = OvertimeOfferStatus.Sent,
            AgentId = proposal.AgentId,
            RosterId = rosterId,
            FirstDate = roster.FirstDate,
            Date = proposal.Date,
            BeforeTemplateId = proposal.Before?.TemplateId,
            BeforeStart = proposal.Before?.Start,
            BeforeLength = proposal.Before?.Length,
            BeforeOvertime = proposal.Before?.Overtime ?? Duration.Zero,
            AfterTemplateId = proposal.After?.TemplateId,
            AfterStart = proposal.After?.Start,
            AfterLength = proposal.After?.Length,
            AfterOvertime = proposal.After?.Overtime ?? Duration.Zero,
            Hours = proposal.Hours,
            CoverageUnits = proposal.CoverageUnits,
            Money = proposal.Money,
            Description = proposal.Description,
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = actor.UserName,
            Version = Guid.NewGuid(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct); // the offer and its audit row together
        db.OvertimeOffers.Add(offer);
        await db.SaveChangesAsync(ct);
        db.Audit(offer.CreatedAt, actor.UserName, "overtime.send", Subject(offer), after: $"{offer.Description}; made on {RosterStore.Subject(roster)}");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Offer {OfferId} ({Kind}) sent to {AgentId} for {Date}", offer.Id, offer.Kind, offer.AgentId, offer.Date);
        return offer;
    }

    /// <summary>The offers of the week starting <paramref name="firstDate"/>, newest first (for the supervisor).</summary>
    public async Task<IReadOnlyList<OfferView>> ForWeekAsync(Actor actor, LocalDate firstDate, CancellationToken ct)
    {
        RequireSupervisor(actor);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.OvertimeOffers.AsNoTracking().Where(o => o.SiteId == site.SiteId && o.FirstDate == firstDate).ToListAsync(ct);
        return await Named(db, rows.OrderByDescending(o => o.CreatedAt), ct);
    }

    /// <summary>The actor's own offers: those waiting for an answer (for shifts not yet past), then the latest answered.</summary>
    public async Task<IReadOnlyList<OfferView>> MineAsync(Actor actor, CancellationToken ct)
    {
        var me = actor.Agent;
        var today = clock.GetCurrentInstant().InZone(site.Zone).Date;
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.OvertimeOffers.AsNoTracking().Where(o => o.AgentId == me).ToListAsync(ct);
        var open = rows.Where(o => o.Status == OvertimeOfferStatus.Sent && o.Date >= today).OrderBy(o => o.Date);
        var answered = rows.Where(o => o.Status != OvertimeOfferStatus.Sent).OrderByDescending(o => o.DecidedAt).Take(5);
        return await Named(db, open.Concat(answered), ct);
    }

    /// <summary>
    /// The agent answers. Accepting judges the offer again on the latest published version of its week (refused with
    /// the reason when it no longer fits, nothing stored) and publishes the next version with it.
    /// </summary>
    public async Task<OvertimeOfferEntity> AnswerAsync(Actor actor, long id, bool accept, CancellationToken ct)
    {
        var me = actor.Agent;
        OvertimeOfferEntity offer;
        string agentName;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            offer = await db.OvertimeOffers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.SiteId == site.SiteId, ct) ?? throw new OfferRefusedException($"Offer {id} does not exist.");
            agentName = await db.Agents.Where(a => a.Id == offer.AgentId).Select(a => a.Name).FirstAsync(ct);
        }

        if (offer.AgentId != me)
        {
            throw new UnauthorizedAccessException($"Offer {id} is not yours to answer.");
        }

        if (offer.Status != OvertimeOfferStatus.Sent)
        {
            throw new OfferRefusedException($"Offer {id} is {offer.Status.ToString().ToLowerInvariant()} already.");
        }

        if (!accept)
        {
            return await DecideAsync(id, OvertimeOfferStatus.Declined, actor.UserName, "overtime.decline", ct);
        }

        var latest = await rosters.PublishedAsync(site.SiteId, offer.FirstDate, ct)
            ?? throw new OfferRefusedException($"Not accepted: the week of {offer.FirstDate:d MMM} is not published yet; a supervisor publishes it first.");
        var scenario = await WithTermsNowAsync(latest.Scenario, ct);
        var proposal = ToProposal(scenario, offer, agentName);
        var (changed, refusal) = OvertimeProposer.Recheck(scenario, latest.Roster, proposal);
        if (changed is null)
        {
            logger.LogInformation("Offer {OfferId} no longer fits version {RosterNumber}: {Reason}", id, latest.Entity.Number, refusal);
            throw new OfferRefusedException($"Not accepted: the week changed since the offer (now version {latest.Entity.Number}): {refusal}.");
        }

        var reason = $"{(offer.Kind == OfferKind.Overtime ? "overtime" : "time off")} accepted by {agentName}, offer {id}";
        try
        {
            await rosters.PublishChangeAsync(latest.Entity.Id, scenario, changed, actor.UserName, async (db, version, token) =>
            {
                var row = await db.OvertimeOffers.FirstAsync(o => o.Id == id, token);
                if (row.Status != OvertimeOfferStatus.Sent || row.Version != offer.Version)
                {
                    throw new OfferRefusedException($"Offer {id} was answered or withdrawn at the same moment; reload to see it.");
                }

                row.Status = OvertimeOfferStatus.Accepted;
                row.DecidedAt = clock.GetCurrentInstant();
                row.DecidedBy = actor.UserName;
                row.ResultRosterId = version.Id;
                row.Version = Guid.NewGuid();
                db.Audit(row.DecidedAt.Value, actor.UserName, "overtime.accept", Subject(row), nameof(OvertimeOfferStatus.Sent), $"Accepted: {row.Description}; published {RosterStore.Subject(version)}");
            }, ct, reason);
        }
        catch (RosterSaveException e)
        {
            throw new OfferRefusedException(e.Message);
        }

        logger.LogInformation("Offer {OfferId} accepted by {AgentId}", id, me);
        await using var read = await contextFactory.CreateDbContextAsync(ct);
        return await read.OvertimeOffers.AsNoTracking().FirstAsync(o => o.Id == id, ct);
    }

    /// <summary>The version number of a roster (the one an accepted offer published), or null.</summary>
    public async Task<int?> NumberOfAsync(long? rosterId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Rosters.AsNoTracking().Where(r => r.Id == rosterId).Select(r => (int?)r.Number).FirstOrDefaultAsync(ct);
    }

    /// <summary>A supervisor takes back an offer nobody has answered.</summary>
    public async Task<OvertimeOfferEntity> WithdrawAsync(Actor actor, long id, CancellationToken ct)
    {
        RequireSupervisor(actor);
        return await DecideAsync(id, OvertimeOfferStatus.Withdrawn, actor.UserName, "overtime.withdraw", ct);
    }

    /// <summary>Overtime hours and their cost in <paramref name="roster"/>, and the time off accepted in its week.</summary>
    public async Task<OvertimeSummary> SummaryAsync(StoredRoster roster, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var scenario = roster.Scenario;
        var wages = scenario.Agents.ToDictionary(a => a.Id, a => a.HourlyCost);
        var overtime = roster.Roster.Shifts.Where(s => s.Overtime > Duration.Zero).ToList();
        var hours = overtime.Aggregate(Duration.Zero, (sum, s) => sum + s.Overtime);
        var cost = overtime.Sum(s => wages.GetValueOrDefault(s.AgentId) * (decimal)s.Overtime.TotalHours * scenario.Rules.OvertimePremiumPercent / 100m);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var offers = await db.OvertimeOffers.AsNoTracking().Where(o => o.SiteId == site.SiteId && o.FirstDate == roster.Entity.FirstDate).ToListAsync(ct);
        // Time off counts once it is in this version's lineage: accepted into this version or one before it.
        var timeOff = offers.Where(o => o.Kind == OfferKind.VoluntaryTimeOff && o.Status == OvertimeOfferStatus.Accepted && o.ResultRosterId <= roster.Entity.Id).ToList();
        return new OvertimeSummary(hours, decimal.Round(cost, 2), timeOff.Aggregate(Duration.Zero, (sum, o) => sum + o.Hours), timeOff.Sum(o => o.Money),
            offers.Count(o => o.Status == OvertimeOfferStatus.Sent));
    }

    /// <summary>The stored offer as a proposal again: its shifts before and after, breaks placed as for a hand edit.</summary>
    public static OvertimeProposal ToProposal(RosterScenario scenario, OvertimeOfferEntity o, string agentName)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(o);
        var catalog = new ShiftCatalog(scenario);
        ShiftAssignment? Shift(string? template, LocalTime? start, Duration? length, Duration overtime) =>
            template is null || start is null || length is null ? null
            : catalog.Find(template, o.Date, start.Value, length.Value) is { } option
                ? option.Assign(o.AgentId, scenario.IntervalLength) with { Overtime = overtime }
                : new ShiftAssignment(o.AgentId, o.Date, template, start.Value, length.Value, []) { Overtime = overtime };
        return new OvertimeProposal(o.Kind, o.AgentId, agentName, o.Date, Shift(o.BeforeTemplateId, o.BeforeStart, o.BeforeLength, o.BeforeOvertime),
            Shift(o.AfterTemplateId, o.AfterStart, o.AfterLength, o.AfterOvertime), o.Hours, o.CoverageUnits, 0, Duration.Zero, o.Money, o.Description);
    }

    /// <summary>The scenario with every agent's overtime terms as stored now (consent, cap and wage may change after a solve).</summary>
    private async Task<RosterScenario> WithTermsNowAsync(RosterScenario scenario, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var terms = await db.Agents.AsNoTracking().Where(a => a.SiteId == site.SiteId)
            .Select(a => new { a.Id, a.OvertimeConsent, a.OvertimeCapPerWeek, a.HourlyCost }).ToDictionaryAsync(a => a.Id, ct);
        return scenario with
        {
            Agents = [.. scenario.Agents.Select(a => terms.TryGetValue(a.Id, out var t)
                ? a with { OvertimeConsent = t.OvertimeConsent, OvertimeCapPerWeek = t.OvertimeCapPerWeek, HourlyCost = t.HourlyCost }
                : a)],
            Rules = scenario.Rules with { OvertimePremiumPercent = site.Rules.OvertimePremiumPercent },
        };
    }

    /// <summary>Overtime and time off each agent took this month (the month of <paramref name="firstDate"/>), from accepted offers.</summary>
    private async Task<OfferHistory> HistoryAsync(LocalDate firstDate, CancellationToken ct)
    {
        var monthStart = new LocalDate(firstDate.Year, firstDate.Month, 1);
        var nextMonth = monthStart.PlusMonths(1);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var accepted = await db.OvertimeOffers.AsNoTracking()
            .Where(o => o.SiteId == site.SiteId && o.Status == OvertimeOfferStatus.Accepted).ToListAsync(ct);
        var inMonth = accepted.Where(o => o.Date >= monthStart && o.Date < nextMonth).ToList();
        Dictionary<string, Duration> Sum(OfferKind kind) => inMonth.Where(o => o.Kind == kind).GroupBy(o => o.AgentId)
            .ToDictionary(g => g.Key, g => g.Aggregate(Duration.Zero, (sum, o) => sum + o.Hours), StringComparer.Ordinal);
        return new OfferHistory(Sum(OfferKind.Overtime), Sum(OfferKind.VoluntaryTimeOff));
    }

    private async Task<OvertimeOfferEntity> DecideAsync(long id, OvertimeOfferStatus status, string by, string action, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.OvertimeOffers.FirstOrDefaultAsync(o => o.Id == id && o.SiteId == site.SiteId, ct) ?? throw new OfferRefusedException($"Offer {id} does not exist.");
        if (row.Status != OvertimeOfferStatus.Sent)
        {
            throw new OfferRefusedException($"Offer {id} is {row.Status.ToString().ToLowerInvariant()} already.");
        }

        row.Status = status;
        row.DecidedAt = clock.GetCurrentInstant();
        row.DecidedBy = by;
        row.Version = Guid.NewGuid();
        db.Audit(row.DecidedAt.Value, by, action, Subject(row), nameof(OvertimeOfferStatus.Sent), status.ToString());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new OfferRefusedException($"Offer {id} was answered or withdrawn at the same moment; reload to see it.");
        }

        logger.LogInformation("Offer {OfferId} {Status} by {By}", id, status, by);
        return row;
    }

    private static string Subject(OvertimeOfferEntity o) => $"offer {o.Id} ({(o.Kind == OfferKind.Overtime ? "overtime" : "time off")} for {o.AgentId} on {o.Date:yyyy-MM-dd})";

    private static void RequireSupervisor(Actor actor)
    {
        if (!actor.IsSupervisor)
        {
            throw new UnauthorizedAccessException($"{actor.UserName} is not a supervisor.");
        }
    }

    private static async Task<IReadOnlyList<OfferView>> Named(SchedulerDbContext db, IEnumerable<OvertimeOfferEntity> rows, CancellationToken ct)
    {
        var list = rows.ToList();
        var ids = list.Select(o => o.AgentId).Distinct().ToList();
        var names = await db.Agents.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return [.. list.Select(o => new OfferView(o, names.GetValueOrDefault(o.AgentId, o.AgentId)))];
    }
}
