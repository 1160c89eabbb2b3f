using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Data.Tests;

/// <summary>Activity requests per site and activities placed in roster versions, on real SQLite with the real migrations.</summary>
public sealed class ActivityStorageTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);

    private static ActivityRequest Coaching(string id = "coaching", string name = "Weekly coaching", Duration? length = null) =>
        new(id, ActivityKind.Coaching, name, ActivityAttendees.Named("a1"), length ?? Duration.FromMinutes(30), Sunday, Sunday.PlusDays(6),
            new LocalTime(10, 0), new LocalTime(15, 0), ActivityRecurrence.Weekly, CoachId: "a2");

    [Fact]
    public async Task A_placed_activity_is_stored_with_its_version_and_an_edit_moving_it_is_audited()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);
        var at = Sunday.At(new LocalTime(11, 0)).InZoneStrictly(scenario.Zone).ToInstant();
        var coaching = new PlacedActivity("coaching", ActivityKind.Coaching, "Weekly coaching", ["a1"], "a2", at, at + Duration.FromMinutes(30));

        var saved = await store.SaveEditAsync(draft.Id, draft.Version, roster with { Activities = [coaching] }, "rahima", "roster.activities", "activities placed", default);
        var loaded = await store.LoadAsync(saved.Id, default);

        var back = Assert.Single(loaded!.Roster.Activities);
        Assert.Equal((coaching.RequestId, coaching.Kind, coaching.Name, coaching.CoachId, coaching.Start, coaching.End), (back.RequestId, back.Kind, back.Name, back.CoachId, back.Start, back.End));
        Assert.Equal(["a1"], back.AgentIds);
        Assert.True(RosterValidator.Validate(loaded.Scenario, loaded.Roster).IsValid);
        Assert.True(loaded.Entity.Cost > draft.Cost); // a1 and a2 off the queue for half an hour when one is needed

        var published = await store.PublishAsync(saved.Id, saved.Version, "rahima", default);
        var moved = coaching with { Start = at + Duration.FromHours(3), End = at + Duration.FromMinutes(210) }; // 14:00, after the meal
        var next = await store.SaveEditAsync(published.Id, published.Version, loaded.Roster with { Activities = [moved] }, "rahima", "roster.activities", "activity moved", default);

        Assert.Equal(2, next.Number);
        Assert.Equal(moved.Start, Assert.Single((await store.LoadAsync(next.Id, default))!.Roster.Activities).Start);
        Assert.Equal(at, Assert.Single((await store.LoadAsync(published.Id, default))!.Roster.Activities).Start); // the published version keeps its own
        // Agents see the published version's activity (the draft is not theirs yet), as attendee and as coach.
        Assert.Equal(at, Assert.Single(await store.PublishedActivitiesAsync("a1", at - Duration.FromDays(1), at + Duration.FromDays(1), default)).Start);
        Assert.Equal(at, Assert.Single(await store.PublishedActivitiesAsync("a2", at - Duration.FromDays(1), at + Duration.FromDays(1), default)).Start);
        await using var db = await database.Factory.CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.Action == "roster.activities").OrderBy(a => a.Id).Select(a => a.After).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.Contains("activities: 1 (1 placed or moved, 1 removed or moved)", audit[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_published_from_shifts_alone_keeps_the_activities_of_the_version_it_changes()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var at = Sunday.At(new LocalTime(11, 0)).InZoneStrictly(scenario.Zone).ToInstant();
        var coaching = new PlacedActivity("coaching", ActivityKind.Coaching, "Weekly coaching", ["a1"], "a2", at, at + Duration.FromMinutes(30));
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster with { Activities = [coaching] }, null, "rahima", default);
        var published = await store.PublishAsync(draft.Id, draft.Version, "rahima", default);

        // An approved swap, time off or accepted overtime offer builds its roster from shifts only.
        var next = await store.PublishChangeAsync(published.Id, scenario, new Roster(roster.Shifts), "rahima", (_, _, _) => Task.CompletedTask, default, "approved request 1");

        var loaded = await store.LoadAsync(next.Id, default);
        Assert.Equal(2, next.Number);
        Assert.Equal(coaching.Start, Assert.Single(loaded!.Roster.Activities).Start);
        Assert.Equal(published.Cost, next.Cost); // the same roster, the same activity off the queue
        Assert.True(RosterValidator.Validate(loaded.Scenario, loaded.Roster).IsValid);
    }

    [Fact]
    public async Task An_activity_on_a_break_or_outside_a_shift_is_refused_and_nothing_changes()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);
        var friday = Sunday.PlusDays(5).At(new LocalTime(11, 0)).InZoneStrictly(scenario.Zone).ToInstant(); // Friday is a day off

        var refused = await Assert.ThrowsAsync<RosterSaveException>(() => store.SaveEditAsync(draft.Id, draft.Version,
            roster with { Activities = [new PlacedActivity("coaching", ActivityKind.Coaching, "Weekly coaching", ["a1"], null, friday, friday + Duration.FromMinutes(30))] },
            "rahima", "roster.activities", "activity moved", default));

        Assert.Contains(refused.Violations, v => v.Rule == RuleNames.Activities && v.Description.Contains("outside every shift", StringComparison.Ordinal));
        var stored = await store.LoadAsync(draft.Id, default);
        Assert.Equal(draft.Version, stored!.Entity.Version);
        Assert.Empty(stored.Roster.Activities);
    }

    [Fact]
    public async Task Activity_requests_are_saved_per_site_and_a_bad_one_is_refused_naming_the_field()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new ActivityRequestStore(database.Factory, database.Clock);
        var (scenario, _) = RosterStoreTests.Week();

        await store.SaveAsync("dhaka", Coaching(), scenario.Agents, scenario.IntervalLength, "rahima", default);
        var offGrid = await Assert.ThrowsAsync<ActivityRequestException>(() => store.SaveAsync("dhaka", Coaching("short", "Short", Duration.FromMinutes(20)), scenario.Agents, scenario.IntervalLength, "rahima", default));
        var twice = await Assert.ThrowsAsync<ActivityRequestException>(() => store.SaveAsync("dhaka", Coaching("again"), scenario.Agents, scenario.IntervalLength, "rahima", default));

        Assert.Equal("length", Assert.Single(offGrid.Problems).Field);
        Assert.Equal("recurrence", Assert.Single(twice.Problems).Field);
        var stored = Assert.Single(await store.ListAsync("dhaka", default));
        var expected = Coaching();
        Assert.Equal(expected, stored with { Who = expected.Who });
        Assert.Equal(["a1"], stored.Who.AgentIds);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "activity.save"));
    }
}
