using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Data.Entities;
using Scheduler.Data.History;
using Scheduler.Data.Planning;
using Scheduler.Data.Postgres;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Sites;

namespace Scheduler.Data.Tests;

/// <summary>
/// The same model and stores on a real PostgreSQL server with its own migrations. The test command
/// (scripts/test.sh, through scripts/postgres.sh) installs and starts PostgreSQL and sets SCHEDULER_TEST_POSTGRES.
/// </summary>
public sealed class PostgresTests : IAsyncLifetime
{
    private readonly string _database = $"scheduler_test_{Guid.NewGuid():N}";
    private DbContextOptions<SchedulerDbContext> _options = default!;

    private static string Server => Environment.GetEnvironmentVariable("SCHEDULER_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SCHEDULER_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL (scripts/postgres.sh).");

    public Task InitializeAsync()
    {
        var builder = new DbContextOptionsBuilder<SchedulerDbContext>();
        builder.UsePostgres($"{Server};Database={_database}");
        _options = builder.Options;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await using var db = new SchedulerDbContext(_options);
        await db.Database.EnsureDeletedAsync();
    }

    [Fact]
    public async Task Migrations_apply_and_match_the_model()
    {
        var factory = new Factory(_options);
        await factory.MigrateAsync();

        await using var db = new SchedulerDbContext(_options);
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_InitialPostgres", StringComparison.Ordinal));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last PostgreSQL migration: add one in Scheduler.Data.Postgres.");
    }

    [Fact]
    public async Task History_and_roster_versions_round_trip()
    {
        var factory = new Factory(_options);
        await factory.MigrateAsync();
        var clock = new FakeClock(Instant.FromUtc(2026, 11, 26, 6, 0));
        var dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
        await using (var db = new SchedulerDbContext(_options))
        {
            db.Sites.Add(SiteEntity.From(new Site("dhaka", "Dhaka customer care", dhaka)));
            await db.SaveChangesAsync();
        }

        var history = new HistoryStore(factory, clock);
        var observations = TestDatabase.Intervals("voice-bn", TestDatabase.Monday, 96);
        await history.ImportAsync("week.csv", "interval-csv", observations, default);
        var loaded = await history.LoadAsync("voice-bn", TestDatabase.Monday, TestDatabase.Monday + Duration.FromDays(1), default);
        Assert.Equal(observations.Select(o => (o.Start, o.Offered)), loaded.Select(o => (o.Start, o.Offered)));

        var store = new RosterStore(factory, clock);
        var (scenario, roster) = RosterStoreTests.Week();
        var draft = await store.SaveDraftAsync("dhaka", scenario, roster, 5, "rahima", default);
        var published = await store.PublishAsync(draft.Id, draft.Version, "rahima", default);
        await Assert.ThrowsAsync<RosterSaveException>(() => store.SaveEditAsync(draft.Id, draft.Version, roster, "sabbir", default));
        var back = await store.LoadAsync(published.Id, default);

        Assert.Equal(RosterStatus.Published, back!.Entity.Status);
        Assert.Equal(roster.Shifts.Count, back.Roster.Shifts.Count);
        Assert.True(RosterValidator.Validate(back.Scenario, back.Roster).IsValid);
        Assert.Equal(clock.GetCurrentInstant(), back.Entity.PublishedAt);
    }

    [Fact]
    public async Task AuditLog_is_append_only_in_the_database()
    {
        var factory = new Factory(_options);
        await factory.MigrateAsync();
        await using (var db = new SchedulerDbContext(_options))
        {
            Scheduler.Data.Audit.AuditLog.Audit(db, Instant.FromUtc(2026, 12, 1, 9, 0), "rahima", "queue.target", "queue voice-bn", "80 % in 20 s", "90 % in 20 s");
            await db.SaveChangesAsync();
        }

        await using var raw = new SchedulerDbContext(_options);
        var update = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => raw.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"After\" = 'forged'"));
        var delete = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => raw.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\""));
        var truncate = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => raw.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\""));
        Assert.All([update, delete, truncate], e => Assert.Contains("append-only", e.MessageText));
        Assert.Equal("90 % in 20 s", (await raw.AuditEntries.SingleAsync()).After);
    }

    private sealed class Factory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}
