using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Sites;

namespace Scheduler.Data.Tests;

/// <summary>Roster versions on real SQLite with the real migrations: drafts, publishing, edits, conflicts, refusals.</summary>
public sealed class RosterStoreTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
    private static readonly LocalDate Sunday = new(2026, 12, 6);

    [Fact]
    public async Task SaveDraft_then_load_gives_back_the_same_roster_and_scenario()
    {
        await using var database = await CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = Week();

        var saved = await store.SaveDraftAsync("dhaka", scenario, roster, 10, "rahima", default);
        var loaded = await store.LoadAsync(saved.Id, default);

        Assert.NotNull(loaded);
        Assert.Equal(RosterStatus.Draft, loaded.Entity.Status);
        Assert.Equal(1, loaded.Entity.Number);
        Assert.Equal(RosterValidator.Validate(scenario, roster).TotalCost, loaded.Entity.Cost);
        Assert.Equal(roster.Shifts.Count, loaded.Roster.Shifts.Count);
        Assert.Equal(
            roster.Shifts.OrderBy(s => s.Date).Select(s => (s.AgentId, s.Date, s.Start, s.Length, s.Breaks.Count)),
            loaded.Roster.Shifts.OrderBy(s => s.Date).Select(s => (s.AgentId, s.Date, s.Start, s.Length, s.Breaks.Count)));
        Assert.Equal(scenario.Agents.Count, loaded.Scenario.Agents.Count);
        Assert.True(RosterValidator.Validate(loaded.Scenario, loaded.Roster).IsValid);
    }

    [Fact]
    public async Task A_horizon_overlapping_another_is_refused_and_a_week_inside_one_opens_it()
    {
        await using var database = await CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (week, roster) = Week();
        await store.SaveDraftAsync("dhaka", week, roster, null, "rahima", default);
        var twoWeeksBefore = Empty(week, Sunday.PlusDays(-7), 14); // the week before and this one

        var refusal = await store.OverlapRefusalAsync("dhaka", twoWeeksBefore.FirstDate, twoWeeksBefore.Days, default);
        var error = await Assert.ThrowsAsync<RosterSaveException>(() => store.SaveDraftAsync("dhaka", twoWeeksBefore, new Roster([]), null, "rahima", default));

        Assert.NotNull(refusal);
        Assert.Contains("29 Nov 2026", refusal);
        Assert.Contains("6 Dec 2026", refusal);
        Assert.Equal(refusal, error.Message);
        Assert.Single(await store.ListAsync("dhaka", default)); // nothing stored
        Assert.Null(await store.OverlapRefusalAsync("dhaka", Sunday.PlusDays(-7), 7, default)); // the week before alone is free
        Assert.Null(await store.OverlapRefusalAsync("dhaka", Sunday, 7, default)); // the same horizon: its next draft

        var fourWeeks = Empty(week, Sunday.PlusDays(7), 28);
        await store.SaveDraftAsync("dhaka", fourWeeks, new Roster([]), null, "rahima", default);
        Assert.Equal((Sunday, 7), await store.HorizonHoldingAsync("dhaka", Sunday.PlusDays(6), default));
        Assert.Equal((Sunday.PlusDays(7), 28), await store.HorizonHoldingAsync("dhaka", Sunday.PlusDays(30), default)); // week 4 of the four
        Assert.Null(await store.HorizonHoldingAsync("dhaka", Sunday.PlusDays(35), default));
    }

    /// <summary>The scenario of <paramref name="like"/> over another horizon, nothing required.</summary>
    private static RosterScenario Empty(RosterScenario like, LocalDate firstDate, int days)
    {
        var grid = new Domain.Time.IntervalGrid(Dhaka, firstDate, days, like.IntervalLength);
        return like with { FirstDate = firstDate, Days = days, Requirements = like.Skills.ToDictionary(s => s, _ => new int[grid.Count]) };
    }

    [Fact]
    public async Task Publish_freezes_the_version_and_an_edit_makes_the_next_draft()
    {
        await using var database = await CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = Week();
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);
        var published = await store.PublishAsync(draft.Id, draft.Version, "rahima", default);

        var edited = new Roster([.. roster.Shifts.Where(s => s.Date != Sunday)]);
        var next = await store.SaveEditAsync(published.Id, published.Version, edited, "rahima", default);

        Assert.Equal(2, next.Number);
        Assert.Equal(published.Id, next.BasedOnId);
        var frozen = await store.LoadAsync(published.Id, default);
        Assert.Equal(RosterStatus.Published, frozen!.Entity.Status);
        Assert.Equal(roster.Shifts.Count, frozen.Roster.Shifts.Count);
        var draft2 = await store.LoadAsync(next.Id, default);
        Assert.Equal(edited.Shifts.Count, draft2!.Roster.Shifts.Count);
        Assert.Equal(RosterStatus.Draft, draft2.Entity.Status);
    }

    [Fact]
    public async Task A_second_save_from_an_old_copy_is_refused_as_a_conflict()
    {
        await using var database = await CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = Week();
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);
        var openedByBoth = draft.Version;

        await store.SaveEditAsync(draft.Id, openedByBoth, new Roster([.. roster.Shifts.Skip(1)]), "rahima", default);
        var conflict = await Assert.ThrowsAsync<RosterSaveException>(() => store.SaveEditAsync(draft.Id, openedByBoth, new Roster([.. roster.Shifts.Skip(2)]), "sabbir", default));

        Assert.Contains("someone else changed this roster", conflict.Message);
        var stored = await store.LoadAsync(draft.Id, default);
        Assert.Equal(roster.Shifts.Count - 1, stored!.Roster.Shifts.Count); // the first save stands, whole
    }

    [Fact]
    public async Task An_edit_breaking_the_rest_rule_is_refused_and_nothing_changes()
    {
        await using var database = await CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = Week();
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);

        // a1 works 09:00-17:00 on Monday; a 22:00 shift on Sunday ends at 06:00, 3 h before it.
        var night = Option(scenario, "ft8", Sunday, new LocalTime(22, 0)).Assign("a1", scenario.IntervalLength);
        var broken = new Roster([.. roster.Shifts.Where(s => !(s.AgentId == "a1" && s.Date == Sunday)), night]);
        var refused = await Assert.ThrowsAsync<RosterSaveException>(() => store.SaveEditAsync(draft.Id, draft.Version, broken, "rahima", default));

        Assert.Contains(refused.Violations, v => v.Rule == RuleNames.MinimumRest && v.AgentId == "a1");
        var stored = await store.LoadAsync(draft.Id, default);
        Assert.Equal(draft.Version, stored!.Entity.Version);
        Assert.DoesNotContain(stored.Roster.Shifts, s => s.AgentId == "a1" && s.Start == new LocalTime(22, 0));
    }

    [Fact]
    public async Task Publishing_twice_is_refused()
    {
        await using var database = await CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = Week();
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);
        var published = await store.PublishAsync(draft.Id, draft.Version, "rahima", default);

        await Assert.ThrowsAsync<RosterSaveException>(() => store.PublishAsync(draft.Id, published.Version, "rahima", default));
        Assert.Equal(database.Clock.GetCurrentInstant(), (await store.LoadAsync(draft.Id, default))!.Entity.PublishedAt);
    }

    internal static async Task<TestDatabase> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = await database.Factory.CreateDbContextAsync();
        db.Sites.Add(SiteEntity.From(new Site("dhaka", "Dhaka customer care", Dhaka)));
        await db.SaveChangesAsync();
        return database;
    }

    internal static ShiftOption Option(RosterScenario scenario, string template, LocalDate date, LocalTime start) =>
        new(scenario, scenario.Template(template), date, start, scenario.Template(template).Lengths[0]);

    /// <summary>Two agents, a week from Sunday; each works 09:00-17:00 Sunday to Thursday (Friday and Saturday off).</summary>
    internal static (RosterScenario Scenario, Roster Roster) Week()
    {
        var contract = new Contract(Duration.Zero, Duration.FromHours(48), 6, 1);
        RosterAgent Agent(string id) => new(id, id.ToUpperInvariant(), Dhaka, new HashSet<string> { "voice-bn" }, new HashSet<string> { "bn" }, contract, true,
            new Dictionary<IsoDayOfWeek, AvailabilityWindow>(), new HashSet<IsoDayOfWeek>(), new HashSet<LocalDate>(), [], []);
        var grid = new Domain.Time.IntervalGrid(Dhaka, Sunday, 7, Duration.FromMinutes(15));
        var needed = new int[grid.Count];
        for (var t = 0; t < grid.Count; t++)
        {
            needed[t] = grid.Intervals[t].LocalStart.Hour is >= 10 and < 16 ? 1 : 0;
        }

        var scenario = new RosterScenario(Dhaka, Sunday, 7, Duration.FromMinutes(15), ["voice-bn"], new Dictionary<string, int[]> { ["voice-bn"] = needed },
            ScenarioGenerator.Templates(), [Agent("a1"), Agent("a2")], new RosterRules());
        var shifts = new List<ShiftAssignment>();
        foreach (var id in new[] { "a1", "a2" })
        {
            for (var d = 0; d < 5; d++)
            {
                shifts.Add(Option(scenario, "ft8", Sunday.PlusDays(d), new LocalTime(9, 0)).Assign(id, scenario.IntervalLength));
            }
        }

        var roster = new Roster(shifts);
        Assert.True(RosterValidator.Validate(scenario, roster).IsValid, string.Join("; ", RosterValidator.Validate(scenario, roster).Violations));
        return (scenario, roster);
    }
}
