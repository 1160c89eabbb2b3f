using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Data.Planning;

/// <summary>What agents and later plans read from the published versions: an agent's shifts and activities, the
/// versions behind the calendar feed, and the fairness balance (decision 015).</summary>
public sealed partial class RosterStore
{
    /// <summary>
    /// One agent's published shifts that start in [from, to): for each planned horizon only its latest published
    /// version counts (an older published version is history, not the plan).
    /// </summary>
    public async Task<IReadOnlyList<RosterShiftEntity>> PublishedShiftsAsync(string agentId, Instant from, Instant to, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var latest = await LatestPublishedIdsAsync(db, ct);
        return await db.RosterShifts.AsNoTracking()
            .Where(s => latest.Contains(s.RosterId) && s.AgentId == agentId && s.Start >= from && s.Start < to)
            .OrderBy(s => s.Start).ToListAsync(ct);
    }

    /// <summary>
    /// The activities one agent attends or coaches that start in [from, to), from the latest published version of each
    /// planned horizon (as <see cref="PublishedShiftsAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<PlacedActivity>> PublishedActivitiesAsync(string agentId, Instant from, Instant to, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var latest = await LatestPublishedIdsAsync(db, ct);
        var rows = await db.RosterActivities.AsNoTracking().Where(a => latest.Contains(a.RosterId) && a.Start >= from && a.Start < to).ToListAsync(ct);
        return [.. ToActivities(rows).Where(a => a.Involves(agentId))];
    }

    /// <summary>
    /// Every published version of every horizon holding one of the agent's shifts in [from, to), oldest first, with
    /// that agent's shifts in each (the calendar feed counts a shift's changes across versions for SEQUENCE).
    /// </summary>
    public async Task<IReadOnlyList<(RosterEntity Version, IReadOnlyList<RosterShiftEntity> Shifts)>> PublishedHistoryAsync(string agentId, Instant from, Instant to, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        // Only horizons that can hold a shift starting in the span (no horizon is longer than 28 days).
        var earliest = from.InUtc().Date.PlusDays(-30);
        var latestDate = to.InUtc().Date.PlusDays(1);
        var versions = await db.Rosters.AsNoTracking()
            .Where(r => r.Status == RosterStatus.Published && r.FirstDate >= earliest && r.FirstDate <= latestDate)
            .OrderBy(r => r.FirstDate).ThenBy(r => r.Number).ToListAsync(ct);
        var ids = versions.Select(v => v.Id).ToList();
        var shifts = (await db.RosterShifts.AsNoTracking().Where(s => ids.Contains(s.RosterId) && s.AgentId == agentId && s.Start >= from && s.Start < to).ToListAsync(ct))
            .ToLookup(s => s.RosterId);
        return [.. versions.Select(v => (v, (IReadOnlyList<RosterShiftEntity>)[.. shifts[v.Id].OrderBy(s => s.Start)]))];
    }

    /// <summary>
    /// The running balance (decision 015): per agent, the night, weekend and public-holiday shifts of the site's
    /// published horizons that start before <paramref name="before"/>, each horizon counted once, from its latest
    /// published version, and judged by the rules its own scenario was planned with (its weekend days and holidays),
    /// so a re-publish replaces the horizon's counts and a later change of the calendar does not rewrite history.
    /// Only horizons starting in the <paramref name="weeks"/> weeks before count: a year holds both Eids, and an agent
    /// who joined lately is not made to catch up with years of a colleague's nights.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FairnessCounts>> FairnessBalanceAsync(string siteId, LocalDate before, CancellationToken ct, int weeks = FairnessWeeks)
    {
        var since = before.PlusWeeks(-weeks);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var published = await db.Rosters.AsNoTracking().Where(r => r.SiteId == siteId && r.Status == RosterStatus.Published && r.FirstDate < before && r.FirstDate >= since)
            .Select(r => new { r.Id, r.FirstDate, r.Number }).ToListAsync(ct);
        var latest = published.GroupBy(r => r.FirstDate).Select(g => g.MaxBy(r => r.Number)!.Id).ToList();
        var balance = new Dictionary<string, FairnessCounts>(StringComparer.Ordinal);
        foreach (var version in await db.Rosters.AsNoTracking().Include(r => r.Shifts).Where(r => latest.Contains(r.Id)).AsSplitQuery().ToListAsync(ct))
        {
            var scenario = ScenarioJson.Read(version.ScenarioJson, $"roster {version.Id}");
            foreach (var (agent, counts) in FairnessTally.Of(scenario, ToRoster(version.Shifts)))
            {
                balance[agent] = balance.GetValueOrDefault(agent) + counts;
            }
        }

        return balance;
    }

    /// <summary>How far back the fairness balance looks, in weeks (decision 015).</summary>
    public const int FairnessWeeks = 52;

    /// <summary>The id of the latest published version of every planned horizon: the plan agents see.</summary>
    private static async Task<List<long>> LatestPublishedIdsAsync(SchedulerDbContext db, CancellationToken ct)
    {
        var published = await db.Rosters.AsNoTracking().Where(r => r.Status == RosterStatus.Published)
            .Select(r => new { r.Id, r.SiteId, r.FirstDate, r.Number }).ToListAsync(ct);
        return [.. published.GroupBy(r => (r.SiteId, r.FirstDate)).Select(g => g.MaxBy(r => r.Number)!.Id)];
    }
}
