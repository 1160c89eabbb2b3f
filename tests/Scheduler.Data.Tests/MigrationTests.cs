using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Data.History;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Sites;

namespace Scheduler.Data.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrations_apply_on_an_empty_database_and_create_every_table()
    {
        await using var database = await TestDatabase.CreateAsync(migrate: false);

        await database.Factory.MigrateAsync();

        await using var command = database.Connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        Assert.Superset(new HashSet<string> { "Sites", "Queues", "HistoryImports", "IntervalObservations", "Agents", "Rosters", "RosterShifts", "AspNetUsers", "AspNetRoles", "AspNetUserRoles" }, tables.ToHashSet());
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_InitialHistory", StringComparison.Ordinal));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last migration: add one.");
    }

    [Fact]
    public async Task Sites_and_queues_round_trip_with_every_kind_of_service_target()
    {
        await using var database = await TestDatabase.CreateAsync();
        var site = Site.Create("dhaka", "Dhaka", "Asia/Dhaka");
        ContactQueue[] queues =
        [
            new("voice-cards-bn", Channel.Voice, "cards", "bn", new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(20))),
            new("voice-loans-en", Channel.Voice, "loans", "en", new ServiceTarget.AverageSpeedOfAnswer(Duration.FromSeconds(30))),
            new("voice-fraud-bn", Channel.Voice, "fraud", "bn", new ServiceTarget.MaximumAbandonment(0.05)),
            new("email-cards-en", Channel.Email, "cards", "en", new ServiceTarget.ResponseWithin(Duration.FromHours(24))),
        ];
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Sites.Add(SiteEntity.From(site));
            db.Queues.AddRange(queues.Select(q => QueueEntity.From(q, site.Id)));
            await db.SaveChangesAsync();
        }

        await using var read = await database.Factory.CreateDbContextAsync();
        Assert.Equal(site, (await read.Sites.SingleAsync()).ToDomain());
        var loaded = (await read.Queues.ToListAsync()).Select(q => q.ToDomain()).OrderBy(q => q.Id, StringComparer.Ordinal);
        Assert.Equal(queues.OrderBy(q => q.Id, StringComparer.Ordinal), loaded);
    }

    [Fact]
    public async Task AddSchedulerData_wires_a_file_database_that_migrates_and_stores_history()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scheduler-{Guid.NewGuid():N}.db");
        try
        {
            var services = new ServiceCollection().AddSchedulerData($"Data Source={path}");
            await using (var provider = services.BuildServiceProvider())
            {
                await provider.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().MigrateAsync();
                var store = provider.GetRequiredService<HistoryStore>();
                var observations = TestDatabase.Intervals("voice-cards-bn", TestDatabase.Monday, 96);

                await store.ImportAsync("day.csv", "generic-csv", observations, CancellationToken.None);

                Assert.Equal(observations, await store.LoadAsync("voice-cards-bn", TestDatabase.Monday, TestDatabase.Monday + Duration.FromDays(1), CancellationToken.None));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
