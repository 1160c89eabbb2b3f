using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Data.History;
using Scheduler.Domain.History;

namespace Scheduler.Data.Tests;

/// <summary>
/// A real SQLite database in memory, kept alive by one open connection that every context shares, migrated with the
/// real migrations. Sharing the connection also lets a test register SQLite functions and triggers on it.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public static readonly Instant Monday = Instant.FromUtc(2025, 3, 2, 18, 0); // Monday 00:00 in Asia/Dhaka.

    public static readonly Duration Quarter = Duration.FromMinutes(15);

    private TestDatabase(SqliteConnection connection)
    {
        Connection = connection;
        Factory = new ContextFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite(connection).Options);
        Store = new HistoryStore(Factory, Clock);
    }

    public SqliteConnection Connection { get; }

    public IDbContextFactory<SchedulerDbContext> Factory { get; }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2025, 3, 10, 4, 30));

    public HistoryStore Store { get; }

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var database = new TestDatabase(connection);
        if (migrate) await database.Factory.MigrateAsync();
        return database;
    }

    public async Task<int> CountObservationsAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.IntervalObservations.CountAsync();
    }

    public async Task<int> CountImportsAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.HistoryImports.CountAsync();
    }

    public Task<IReadOnlyList<IntervalObservation>> LoadAllAsync() =>
        Store.LoadAsync(null, Instant.MinValue, Instant.MaxValue, CancellationToken.None);

    public async Task ExecuteAsync(string sql)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Quarter-hours of one queue from <paramref name="start"/>, with counts that differ row by row.</summary>
    public static List<IntervalObservation> Intervals(string queueId, Instant start, int count, double offset = 0) =>
    [
        .. Enumerable.Range(0, count).Select(i => new IntervalObservation(
            queueId,
            start + (Quarter * i),
            Quarter,
            Offered: 10 + (i % 40) + offset,
            Answered: 9 + (i % 40) + offset,
            Abandoned: 1,
            HandleSeconds: 2400.5 + i,
            WaitSeconds: i % 3 == 0 ? null : 30.25 * i,
            AnsweredWithinThreshold: i % 5 == 0 ? null : 8 + (i % 40))),
    ];

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private sealed class ContextFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}
