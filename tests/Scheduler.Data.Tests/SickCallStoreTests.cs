using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;

namespace Scheduler.Data.Tests;

/// <summary>Sick calls on real SQLite: stored with their re-solve job and audited once, or refused whole naming the field.</summary>
public sealed class SickCallStoreTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
    private static readonly LocalDate Sunday = new(2026, 12, 6);
    private static readonly SolveJobLimits Limits = new(MinSeconds: 5, MaxSeconds: 600, MaxWorkers: 2, MaxQueuedPerUser: 2);

    private static Instant At(int day, int hour) => Sunday.PlusDays(day).At(new LocalTime(hour, 0)).InZoneStrictly(Dhaka).ToInstant();

    [Fact]
    public async Task ASickCall_IsStoredWithItsJobAndAuditedOnce_AndItsPlanKeepsEverythingBeforeTheAbsence()
    {
        await using var database = await PublishedWeekAsync();
        var (store, jobs) = Stores(database);
        database.Clock.Reset(At(2, 12)); // Tuesday 12:00: a1 is three hours into 09:00-17:00

        var (sickCall, baseline) = await store.CheckAsync("dhaka", Dhaka, "a1", At(2, 12), At(7, 0), "rahima", default);
        var job = await jobs.EnqueueAsync(new SolveJobRequest("dhaka", Sunday, 7, "rahima", 30, 1), Limits, (db, row) => SickCallStore.Add(db, sickCall, row.Id, "A1"), default);

        var stored = await store.ForJobAsync(job.Id, default);
        Assert.NotNull(stored);
        Assert.Equal((At(2, 12), At(7, 0), baseline.Entity.Id), (stored.From, stored.Until, stored.BaseRosterId));
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            Assert.Single(await db.AuditEntries.Where(a => a.Action == "roster.sick-call").ToListAsync());
        }

        var plan = SickCalls.Plan(baseline.Scenario, baseline.Roster, SickCallStore.ToAbsence(stored), stored.EnteredAt);
        // Sunday and Monday for both, a2's Tuesday (begun at 09:00) and a1's Tuesday cut at 12:00.
        Assert.Equal(6, plan.Locked.Count);
        Assert.All(plan.Locked, s => Assert.True(s.Date <= Sunday.PlusDays(2)));
        Assert.Equal(Duration.FromHours(3), plan.Cut?.Length);

        // The draft the job would save: what was locked, and a2's later days; a1 off from Tuesday 12:00.
        var draft = new Roster([.. plan.Locked, .. baseline.Roster.Shifts.Where(s => s.AgentId == "a2" && s.Date > Sunday.PlusDays(2))]);
        var rosters = new RosterStore(database.Factory, database.Clock);
        var saved = await rosters.SaveDraftAsync("dhaka", plan.Scenario, draft, null, "rahima", baseline.Entity.Id, SickCalls.Reason(plan.Scenario, plan.Absence), null, default);
        var loaded = await rosters.LoadAsync(saved.Id, default);

        Assert.True(RosterValidator.Validate(loaded!.Scenario, loaded.Roster).IsValid);
        Assert.Equal("sick call: A1 from Tue 8 Dec 12:00", loaded.Entity.Reason);
        var changes = RosterDiff.Between(baseline.Roster, loaded.Roster).Changes;
        Assert.Equal(3, changes.Count); // a1's Tuesday cut, Wednesday and Thursday removed, and nothing of a2's
        Assert.All(changes, c => Assert.Equal("a1", c.AgentId));
        Assert.All(changes, c => Assert.True(c.Date >= Sunday.PlusDays(2)));
    }

    [Theory]
    [InlineData("zz", 2, 12, 7, 0, "agent")] // no such agent
    [InlineData("a1", 2, 12, 2, 11, "until")] // ends before it starts
    [InlineData("a1", 1, 12, 7, 0, "from")] // Monday's 09:00-17:00 was worked in full before the call (Tuesday 12:00)
    [InlineData("a1", 40, 12, 41, 0, "from")] // no roster holds that day
    [InlineData("a1", 2, 12, 9, 0, "until")] // past the roster's last day
    public async Task ABadSickCall_IsRefusedNamingTheField_AndNothingIsStored(string agent, int fromDay, int fromHour, int untilDay, int untilHour, string field)
    {
        await using var database = await PublishedWeekAsync();
        var (store, _) = Stores(database);
        database.Clock.Reset(At(2, 12));

        var error = await Assert.ThrowsAsync<SickCallRefusedException>(() => store.CheckAsync("dhaka", Dhaka, agent, At(fromDay, fromHour), At(untilDay, untilHour), "rahima", default));

        Assert.Equal(field, error.Field);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Empty(await db.SickCalls.ToListAsync());
        Assert.Empty(await db.SolveJobs.ToListAsync());
    }

    private static (SickCallStore Store, SolveJobStore Jobs) Stores(TestDatabase database) =>
        (new SickCallStore(database.Factory, new RosterStore(database.Factory, database.Clock), database.Clock), new SolveJobStore(database.Factory, database.Clock));

    /// <summary>The week of <see cref="RosterStoreTests.Week"/> published, its two agents stored.</summary>
    private static async Task<TestDatabase> PublishedWeekAsync()
    {
        var database = await RosterStoreTests.CreateAsync();
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            foreach (var id in new[] { "a1", "a2" })
            {
                db.Agents.Add(new AgentEntity
                {
                    Id = id,
                    SiteId = "dhaka",
                    Name = id.ToUpperInvariant(),
                    HomeZone = Dhaka,
                    Skills = ["voice-bn"],
                    MinPaidPerWeek = Duration.Zero,
                    MaxPaidPerWeek = Duration.FromHours(48),
                    MaxConsecutiveDays = 6,
                    MinDaysOffPerWeek = 1,
                    Active = true,
                    Version = Guid.NewGuid(),
                });
            }

            await db.SaveChangesAsync();
        }

        var rosters = new RosterStore(database.Factory, database.Clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var draft = await rosters.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);
        await rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);
        return database;
    }
}
