using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Tests;

/// <summary>Fairness over time in the app (decision 015): the solve's scenario carries the balance and the holidays, and the roster page's panel shows them.</summary>
public sealed class FairnessTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);

    [Fact]
    public async Task The_next_weeks_plan_carries_each_agents_balance_from_the_published_week_and_the_sites_holidays()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);

        var plan = await host.Planning.PlanWeekAsync(Sunday.PlusWeeks(1), 7, default);
        var same = await host.Planning.PlanWeekAsync(Sunday, 7, default);

        Assert.Equal(new FairnessCounts(Nights: 1, Weekends: 0, Holidays: 0), plan.Scenario.Agent("a003").CountsBefore); // the Monday night
        Assert.Equal(new FairnessCounts(Nights: 0, Weekends: 1, Holidays: 0), plan.Scenario.Agent("nadia").CountsBefore); // Friday is a weekend day
        Assert.Equal(FairnessCounts.Zero, plan.Scenario.Agent("tanvir").CountsBefore); // Sunday to Wednesday: working days
        Assert.All(plan.Scenario.Agents.Where(a => !SwapWeek.AgentIds.Contains(a.Id)), a => Assert.Equal(FairnessCounts.Zero, a.CountsBefore)); // no shift published
        Assert.Equal([new LocalDate(2026, 12, 16)], plan.Scenario.Rules.Holidays); // Victory Day, from the site's holidays
        Assert.All(same.Scenario.Agents, a => Assert.Equal(FairnessCounts.Zero, a.CountsBefore)); // a week's own shifts are not its balance
        Assert.Empty(same.Scenario.Rules.Holidays);
        var again = ScenarioJson.Read(ScenarioJson.Write(plan.Scenario), "plan.json"); // what a stored version keeps
        Assert.Equal(plan.Scenario.Agent("a003").CountsBefore, again.Agent("a003").CountsBefore);
    }

    [Fact]
    public async Task The_fairness_panel_lists_this_week_and_the_balance_most_holidays_first()
    {
        await using var host = await WebTestHost.CreateAsync(seed: true);
        var (week, roster, _) = await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        // Wednesday a holiday; Nadia worked three holidays before, a014 none.
        var scenario = week with
        {
            Rules = week.Rules with { Holidays = new HashSet<LocalDate> { Sunday.PlusDays(3) } },
            Agents = [.. week.Agents.Select(a => a.Id == "nadia" ? a with { CountsBefore = new FairnessCounts(2, 4, 3) } : a)],
        };

        var rows = FairnessView.Rows(scenario, roster);

        Assert.Equal("nadia", rows[0].Agent.Id); // 3 holidays in all
        Assert.Equal(["a014", "tanvir"], rows.Skip(1).Take(2).Select(r => r.Agent.Id).Order(StringComparer.Ordinal)); // 1 each: Wednesday
        Assert.Equal("a003", rows[3].Agent.Id); // none
        var nadia = rows[0];
        Assert.Equal(new FairnessCounts(0, 1, 0), nadia.Horizon);
        Assert.Equal(new FairnessCounts(2, 5, 3), nadia.Total);
        Assert.Equal("0 in this roster + 3 in the published weeks before = 3", FairnessView.Cell(nadia.Horizon.Holidays, nadia.Before.Holidays));
        Assert.Equal("1 in this roster", FairnessView.Cell(rows[1].Horizon.Holidays, rows[1].Before.Holidays));
        Assert.Equal((0, 3), FairnessView.Range(rows, c => c.Holidays));
    }
}
