using NodaTime;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;

namespace Scheduler.Data.Tests;

/// <summary>
/// The running balance of decision 015 read from published versions on real SQLite with the real migrations: each
/// horizon counted once from its latest published version, drafts and later horizons left out.
/// </summary>
public sealed class FairnessBalanceTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);
    private static readonly LocalDate Tuesday = Sunday.PlusDays(2);
    private static readonly LocalDate VictoryDay = new(2026, 12, 16); // the Wednesday of the week after

    /// <summary>Week 1 (holiday Tuesday): a1 works Sunday to Thursday, a2 the same but not Tuesday. Sunday is a weekend day.</summary>
    private static (RosterScenario Scenario, Roster Roster) FirstWeek()
    {
        var (week, roster) = RosterStoreTests.Week();
        var scenario = week with { Rules = week.Rules with { Holidays = new HashSet<LocalDate> { Tuesday } } };
        return (scenario, new Roster([.. roster.Shifts.Where(s => !(s.AgentId == "a2" && s.Date == Tuesday))]));
    }

    /// <summary>Week 2 (Victory Day on Wednesday): a1 works Sunday to Thursday, a2 only Sunday.</summary>
    private static (RosterScenario Scenario, Roster Roster) SecondWeek()
    {
        var (week, _) = RosterStoreTests.Week();
        var first = Sunday.PlusWeeks(1);
        var grid = new Domain.Time.IntervalGrid(week.Zone, first, 7, week.IntervalLength);
        var scenario = week with
        {
            FirstDate = first,
            Requirements = week.Skills.ToDictionary(s => s, _ => new int[grid.Count]),
            Rules = week.Rules with { Holidays = new HashSet<LocalDate> { VictoryDay } },
        };
        var shifts = Enumerable.Range(0, 5).Select(d => RosterStoreTests.Option(scenario, "ft8", first.PlusDays(d), new LocalTime(9, 0)).Assign("a1", scenario.IntervalLength)).ToList();
        shifts.Add(RosterStoreTests.Option(scenario, "ft8", first, new LocalTime(9, 0)).Assign("a2", scenario.IntervalLength));
        return (scenario, new Roster(shifts));
    }

    private static async Task PublishAsync(RosterStore store, (RosterScenario Scenario, Roster Roster) week)
    {
        var draft = await store.SaveDraftAsync("dhaka", week.Scenario, week.Roster, null, "rahima", default);
        await store.PublishAsync(draft.Id, draft.Version, "rahima", default);
    }

    [Fact]
    public async Task The_balance_after_publishing_two_weeks_adds_both_weeks_per_agent()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        await PublishAsync(store, FirstWeek());
        await PublishAsync(store, SecondWeek());

        var afterTwo = await store.FairnessBalanceAsync("dhaka", Sunday.PlusWeeks(2), default);
        var afterOne = await store.FairnessBalanceAsync("dhaka", Sunday.PlusWeeks(1), default);

        Assert.Equal(new FairnessCounts(Nights: 0, Weekends: 2, Holidays: 2), afterTwo["a1"]); // both Sundays; Tuesday and Victory Day
        Assert.Equal(new FairnessCounts(Nights: 0, Weekends: 2, Holidays: 0), afterTwo["a2"]); // both Sundays; off on both holidays
        Assert.Equal(new FairnessCounts(0, 1, 1), afterOne["a1"]); // the second week starts on the date asked: not before it
        Assert.Empty(await store.FairnessBalanceAsync("dhaka", Sunday, default));
        Assert.Empty(await store.FairnessBalanceAsync("chittagong", Sunday.PlusWeeks(2), default)); // another site's weeks
        Assert.Equal(new FairnessCounts(0, 1, 1), (await store.FairnessBalanceAsync("dhaka", Sunday.PlusWeeks(2), default, weeks: 1))["a1"]); // the last week only
        Assert.False((await store.FairnessBalanceAsync("dhaka", Sunday.PlusWeeks(54), default)).ContainsKey("a1")); // more than a year ago
        Assert.Equal(2, (await store.FairnessBalanceAsync("dhaka", Sunday.PlusWeeks(52), default))["a1"].Holidays); // both weeks still inside the year
    }

    [Fact]
    public async Task A_republished_horizon_replaces_its_counts_rather_than_adding_them_twice()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = FirstWeek();
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);
        var published = await store.PublishAsync(draft.Id, draft.Version, "rahima", default);
        await PublishAsync(store, SecondWeek());

        // Version 2 of week 1: a1 no longer works the Tuesday holiday.
        var edit = await store.SaveEditAsync(published.Id, published.Version, new Roster([.. roster.Shifts.Where(s => !(s.AgentId == "a1" && s.Date == Tuesday))]), "rahima", default);
        var unpublished = await store.FairnessBalanceAsync("dhaka", Sunday.PlusWeeks(2), default);
        await store.PublishAsync(edit.Id, edit.Version, "rahima", default);
        var republished = await store.FairnessBalanceAsync("dhaka", Sunday.PlusWeeks(2), default);

        Assert.Equal(2, unpublished["a1"].Holidays); // a draft does not count until it is published
        Assert.Equal(new FairnessCounts(0, 2, 1), republished["a1"]); // week 1 once, from version 2: only Victory Day
        Assert.Equal(new FairnessCounts(0, 2, 0), republished["a2"]);
    }
}
