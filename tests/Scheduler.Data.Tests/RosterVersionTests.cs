using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;

namespace Scheduler.Data.Tests;

/// <summary>Versions that never drop a change: a stale draft is refused with what came in between, and a rebase keeps both.</summary>
public sealed class RosterVersionTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);

    [Fact]
    public async Task Publish_DraftBasedOnAnOlderVersion_IsRefusedNamingWhatCameInBetween_AndARebaseKeepsBothChanges()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var v1 = await Publish(store, await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default));

        // Rahima starts editing (a1 off on Sunday) ...
        var v2 = await store.SaveEditAsync(v1.Id, v1.Version, Without(roster, "a1", Sunday), "rahima", default);
        // ... while a swap approved by Sabbir moves a2's Monday to 10:00 and is published as v3.
        var v3 = await store.PublishChangeAsync(v1.Id, scenario, Moved(scenario, roster, "a2", Sunday.PlusDays(1), new LocalTime(10, 0)), "sabbir", (_, _, _) => Task.CompletedTask, default, "approved request 7 (swap)");

        var stale = await Assert.ThrowsAsync<RosterStaleException>(() => store.PublishAsync(v2.Id, v2.Version, "rahima", default));

        Assert.Equal([3], stale.Between.Select(v => v.Number));
        Assert.Contains("began from version 1", stale.Message);
        Assert.Contains("version 3 (approved request 7 (swap), by sabbir", stale.Message);
        Assert.Equal(RosterStatus.Draft, (await store.LoadAsync(v2.Id, default))!.Entity.Status); // nothing changed

        var rebased = await store.RebaseAsync(v2.Id, v2.Version, "rahima", default);

        Assert.Equal((4, v3.Id, 1, 0), (rebased.Draft.Number, rebased.Draft.BasedOnId, rebased.Reapplied, rebased.Kept.Count));
        var v4 = (await store.LoadAsync(rebased.Draft.Id, default))!;
        Assert.DoesNotContain(v4.Roster.Shifts, s => s.AgentId == "a1" && s.Date == Sunday); // Rahima's edit
        Assert.Equal(new LocalTime(10, 0), v4.Roster.Shifts.Single(s => s.AgentId == "a2" && s.Date == Sunday.PlusDays(1)).Start); // the swap
        Assert.True(RosterValidator.Validate(v4.Scenario, v4.Roster).IsValid);
        var published = await store.PublishAsync(v4.Entity.Id, v4.Entity.Version, "rahima", default);
        Assert.Equal(RosterStatus.Published, published.Status);
    }

    [Fact]
    public async Task Rebase_WhereBothChangedTheSameAgentDay_KeepsThePublishedOneAndSaysSo()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var v1 = await Publish(store, await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default));
        var monday = Sunday.PlusDays(1);
        var v2 = await store.SaveEditAsync(v1.Id, v1.Version, Moved(scenario, roster, "a2", monday, new LocalTime(11, 0)), "rahima", default);
        await store.PublishChangeAsync(v1.Id, scenario, Moved(scenario, roster, "a2", monday, new LocalTime(10, 0)), "sabbir", (_, _, _) => Task.CompletedTask, default, "approved request 8 (swap)");

        var rebased = await store.RebaseAsync(v2.Id, v2.Version, "rahima", default);

        Assert.Equal(0, rebased.Reapplied);
        Assert.Contains(rebased.Kept, k => k.Contains("a2", StringComparison.Ordinal));
        var v4 = (await store.LoadAsync(rebased.Draft.Id, default))!;
        Assert.Equal(new LocalTime(10, 0), v4.Roster.Shifts.Single(s => s.AgentId == "a2" && s.Date == monday).Start);
        Assert.True(RosterValidator.Validate(v4.Scenario, v4.Roster).IsValid);
    }

    [Fact]
    public async Task Publish_SolvedDraftStartedBeforeAnApproval_IsRefused_AndANewerDraftBasedOnTheLatestIsNot()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var v1 = await Publish(store, await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default));
        var solving = await store.PublishedIdAsync("dhaka", Sunday, default); // a solve starts against v1 ...
        var v2 = await store.PublishChangeAsync(v1.Id, scenario, Without(roster, "a1", Sunday), "sabbir", (_, _, _) => Task.CompletedTask, default, "approved request 9 (time off)");
        var solved = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default, solving); // ... and ends after it

        await Assert.ThrowsAsync<RosterStaleException>(() => store.PublishAsync(solved.Id, solved.Version, "rahima", default));

        var fresh = await store.SaveDraftAsync("dhaka", scenario, Without(roster, "a1", Sunday), null, "rahima", default, v2.Id);
        Assert.Equal(RosterStatus.Published, (await store.PublishAsync(fresh.Id, fresh.Version, "rahima", default)).Status);
    }

    [Fact]
    public async Task AuditLog_RecordsEachStepWithItsUser()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var v1 = await Publish(store, await store.SaveDraftAsync("dhaka", scenario, roster, 5, "rahima", default));
        await store.SaveEditAsync(v1.Id, v1.Version, Without(roster, "a1", Sunday), "sabbir", default);

        await using var db = await database.Factory.CreateDbContextAsync();
        var entries = await db.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action, a.Subject, a.After }).ToListAsync();

        Assert.Equal(
            [("rahima", "roster.solve", "roster 2026-12-06 v1"), ("rahima", "roster.publish", "roster 2026-12-06 v1"), ("sabbir", "roster.edit", "roster 2026-12-06 v2")],
            entries.Select(e => (e.Actor, e.Action, e.Subject)));
        Assert.Contains("0 added, 1 removed, 0 moved", entries[2].After);
    }

    [Fact]
    public async Task AuditLog_IsAppendOnly_InTheContextAndInTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Audit(database.Clock.GetCurrentInstant(), "rahima", "agent.edit", "agent a1", "skills: voice-bn", "skills: voice-bn,chat-bn");
            await db.SaveChangesAsync();
        }

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            var entry = await db.AuditEntries.SingleAsync();
            entry.After = "forged";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        var update = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteAsync("UPDATE AuditEntries SET After = 'forged'"));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => database.ExecuteAsync("DELETE FROM AuditEntries"));
        Assert.Contains("append-only", update.Message);
        Assert.Contains("append-only", delete.Message);
        await using var check = await database.Factory.CreateDbContextAsync();
        Assert.Equal("skills: voice-bn,chat-bn", (await check.AuditEntries.SingleAsync()).After);
    }

    private static async Task<RosterEntity> Publish(RosterStore store, RosterEntity draft) => await store.PublishAsync(draft.Id, draft.Version, "rahima", default);

    private static Roster Without(Roster roster, string agent, LocalDate date) => new([.. roster.Shifts.Where(s => !(s.AgentId == agent && s.Date == date))]);

    private static Roster Moved(RosterScenario scenario, Roster roster, string agent, LocalDate date, LocalTime start) =>
        new([.. roster.Shifts.Where(s => !(s.AgentId == agent && s.Date == date)), RosterStoreTests.Option(scenario, "ft8", date, start).Assign(agent, scenario.IntervalLength)]);
}
