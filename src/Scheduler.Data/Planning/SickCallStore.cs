using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;

namespace Scheduler.Data.Planning;

/// <summary>A sick call refused: the form field and the reason; nothing was stored.</summary>
public sealed class SickCallRefusedException(string field, string reason) : Exception($"{field}: {reason}")
{
    public string Field { get; } = field;

    public string Reason { get; } = reason;
}

/// <summary>
/// Sick calls: checked against the latest published version of the horizon the absence starts in
/// (<see cref="SickCalls.Refusal"/>), then stored with the solve job that re-plans around it, in one transaction with
/// the job and one audit entry (<see cref="Add"/>).
/// </summary>
public sealed class SickCallStore(IDbContextFactory<SchedulerDbContext> contextFactory, RosterStore rosters, IClock clock)
{
    /// <summary>
    /// The sick call to store for <paramref name="agentId"/> absent from <paramref name="from"/> until
    /// <paramref name="until"/>, not yet saved, with the published version it re-solves; refused whole otherwise.
    /// </summary>
    /// <exception cref="SickCallRefusedException">The agent, the times or the roster do not allow it.</exception>
    public async Task<(SickCallEntity SickCall, StoredRoster Baseline)> CheckAsync(string siteId, DateTimeZone zone, string agentId, Instant from, Instant until, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(agentId))
        {
            throw new SickCallRefusedException("agent", "choose the agent who is absent");
        }

        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            if (!await db.Agents.AnyAsync(a => a.Id == agentId && a.SiteId == siteId, ct))
            {
                throw new SickCallRefusedException("agent", $"'{agentId}' is not an agent of this site");
            }
        }

        var date = from.InZone(zone).Date;
        var horizon = await rosters.HorizonHoldingAsync(siteId, date, ct)
            ?? throw new SickCallRefusedException("from", $"no roster holds {date:ddd d MMM yyyy}; an absence is entered on a published roster");
        var baseline = await rosters.PublishedAsync(siteId, horizon.FirstDate, ct)
            ?? throw new SickCallRefusedException("from", $"the roster from {horizon.FirstDate:d MMM yyyy} has no published version yet; publish it first, or plan the absence as leave");
        var now = clock.GetCurrentInstant();
        var absence = new Absence(agentId, from, until);
        if (SickCalls.Refusal(baseline.Scenario, baseline.Roster, absence, now) is { } refusal)
        {
            throw new SickCallRefusedException(refusal.Field, refusal.Reason);
        }

        var sickCall = new SickCallEntity
        {
            SiteId = siteId,
            AgentId = agentId,
            From = from,
            Until = until,
            ZoneId = zone.Id,
            RosterFirstDate = horizon.FirstDate,
            BaseRosterId = baseline.Entity.Id,
            EnteredBy = by,
            EnteredAt = now,
        };
        return (sickCall, baseline);
    }

    /// <summary>Adds <paramref name="sickCall"/> for the solve job <paramref name="solveJobId"/> to <paramref name="db"/> with its audit entry (saved by the caller with the job).</summary>
    public static void Add(SchedulerDbContext db, SickCallEntity sickCall, Guid solveJobId, string agentName)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sickCall);
        sickCall.SolveJobId = solveJobId;
        db.SickCalls.Add(sickCall);
        var zone = DateTimeZoneProviders.Tzdb[sickCall.ZoneId];
        db.Audit(sickCall.EnteredAt, sickCall.EnteredBy, "roster.sick-call", $"roster {sickCall.RosterFirstDate:yyyy-MM-dd}",
            after: $"{agentName} ({sickCall.AgentId}) absent {sickCall.From.InZone(zone):yyyy-MM-dd HH:mm} to {sickCall.Until.InZone(zone):yyyy-MM-dd HH:mm} {zone.Id}, re-solve job {solveJobId}");
    }

    /// <summary>The sick call a solve job re-plans for, or null for an ordinary solve.</summary>
    public async Task<SickCallEntity?> ForJobAsync(Guid solveJobId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.SickCalls.AsNoTracking().FirstOrDefaultAsync(s => s.SolveJobId == solveJobId, ct);
    }

    /// <summary>The sick calls of a horizon, newest first.</summary>
    public async Task<IReadOnlyList<SickCallEntity>> ListAsync(string siteId, LocalDate rosterFirstDate, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.SickCalls.AsNoTracking().Where(s => s.SiteId == siteId && s.RosterFirstDate == rosterFirstDate)
            .OrderByDescending(s => s.Id).ToListAsync(ct);
    }

    /// <summary>The absence of a stored sick call, as the Domain plans it.</summary>
    public static Absence ToAbsence(SickCallEntity s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new Absence(s.AgentId, s.From, s.Until);
    }
}
