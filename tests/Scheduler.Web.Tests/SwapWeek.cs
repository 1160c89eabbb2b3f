using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Tests;

/// <summary>
/// A small published week of the demo centre, built by hand so every swap in the tests has a known verdict
/// (shared with the end-to-end tests). One voice-bn agent is needed 08:00-16:00 every day, plus one voice-en agent
/// on Wednesday. Everyone works 8-hour shifts starting 08:00:
/// <list type="bullet">
/// <item>Tanvir (voice-bn, voice-en, chat-bn): Sunday to Wednesday.</item>
/// <item>a003 (voice-bn, voice-en): the Monday night, 22:00-06:00, so taking Tanvir's Tuesday would leave 2 h of rest.</item>
/// <item>a014 (voice-bn): Wednesday, beside Tanvir, who covers the English calls.</item>
/// <item>Nadia (voice-bn, in London): Thursday and Friday.</item>
/// </list>
/// Contracts are relaxed to 0-48 h so the week needs no more shifts than these.
/// </summary>
public static class SwapWeek
{
    public static readonly string[] AgentIds = ["tanvir", "nadia", "a003", "a014"];

    public static async Task<(RosterScenario Scenario, Roster Roster, long RosterId)> PublishAsync(IDbContextFactory<SchedulerDbContext> factory, RosterStore rosters, LocalDate sunday)
    {
        var site = new SiteSettings();
        List<RosterAgent> agents;
        await using (var db = await factory.CreateDbContextAsync())
        {
            agents = [.. (await db.Agents.AsNoTracking().Where(a => AgentIds.Contains(a.Id)).ToListAsync())
                .OrderBy(a => a.Id, StringComparer.Ordinal)
                .Select(a => PlanningService.ToRosterAgent(a) with { Contract = new Contract(Duration.Zero, Duration.FromHours(48), 6, 1) })];
        }

        var grid = new Domain.Time.IntervalGrid(site.Zone, sunday, 7, site.IntervalLength);
        var needed = site.Staffing.Queues.ToDictionary(q => q.Queue.Id, _ => new int[grid.Count]);
        for (var t = 0; t < grid.Count; t++)
        {
            var interval = grid.Intervals[t];
            if (interval.LocalStart.Hour is >= 8 and < 16)
            {
                needed["voice-bn"][t] = 1;
                needed["voice-en"][t] = interval.Date.DayOfWeek == IsoDayOfWeek.Wednesday ? 1 : 0;
            }
        }

        var scenario = new RosterScenario(site.Zone, sunday, 7, site.IntervalLength, [.. needed.Keys], needed, site.Templates, agents, site.Rules);
        var ft8 = scenario.Template("ft8");
        ShiftAssignment Shift(string agent, int day, int hour) =>
            new ShiftOption(scenario, ft8, sunday.PlusDays(day), new LocalTime(hour, 0), Duration.FromHours(8)).Assign(agent, scenario.IntervalLength);
        var roster = new Roster(
        [
            Shift("tanvir", 0, 8), Shift("tanvir", 1, 8), Shift("tanvir", 2, 8), Shift("tanvir", 3, 8),
            Shift("a003", 1, 22),
            Shift("a014", 3, 8),
            Shift("nadia", 4, 8), Shift("nadia", 5, 8),
        ]);
        var draft = await rosters.SaveDraftAsync(site.SiteId, scenario, roster, null, "rahima", default);
        var published = await rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);
        return (scenario, roster, published.Id);
    }
}
