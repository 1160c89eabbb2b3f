using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Data.History;
using Scheduler.Domain.History;
using Xunit.Abstractions;

namespace Scheduler.Data.Tests;

public sealed class BulkImportTests(ITestOutputHelper output)
{
    /// <summary>Generous for a shared CI box; on a quiet machine each import takes well under two seconds.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Sixty_thousand_rows_store_and_replace_in_seconds_on_a_file_database()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scheduler-bulk-{Guid.NewGuid():N}.db");
        try
        {
            await using var provider = new ServiceCollection().AddSchedulerData($"Data Source={path}").BuildServiceProvider();
            var factory = provider.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
            await factory.MigrateAsync();
            var store = provider.GetRequiredService<HistoryStore>();
            List<IntervalObservation> observations = [.. Enumerable.Range(0, 20).SelectMany(q => TestDatabase.Intervals($"queue-{q:00}", TestDatabase.Monday, 3000))];

            var watch = Stopwatch.StartNew();
            await store.ImportAsync("big.csv", "generic-csv", observations, CancellationToken.None);
            var insert = watch.Elapsed;
            watch.Restart();
            var again = await store.ImportAsync("big-corrected.csv", "generic-csv", observations, CancellationToken.None);
            var replace = watch.Elapsed;
            output.WriteLine($"insert {insert.TotalMilliseconds:0} ms, replace {replace.TotalMilliseconds:0} ms");

            Assert.Equal(60_000, again.ReplacedCount);
            Assert.Equal(60_000, (await store.LoadAsync(null, TestDatabase.Monday, TestDatabase.Monday + (TestDatabase.Quarter * 3000), CancellationToken.None)).Count);
            Assert.InRange(insert, TimeSpan.Zero, Budget);
            Assert.InRange(replace, TimeSpan.Zero, Budget);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
