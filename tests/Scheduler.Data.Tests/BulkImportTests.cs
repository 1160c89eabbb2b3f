using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Data.History;
using Scheduler.Domain.History;

namespace Scheduler.Data.Tests;

public sealed class BulkImportTests
{
    [Fact]
    public async Task Sixty_thousand_rows_store_and_replace_whole_on_a_file_database()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scheduler-bulk-{Guid.NewGuid():N}.db");
        try
        {
            await using var provider = new ServiceCollection().AddSchedulerData($"Data Source={path}").BuildServiceProvider();
            var factory = provider.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
            await factory.MigrateAsync();
            var store = provider.GetRequiredService<HistoryStore>();
            List<IntervalObservation> observations = [.. Enumerable.Range(0, 20).SelectMany(q => TestDatabase.Intervals($"queue-{q:00}", TestDatabase.Monday, 3000))];

            var first = await store.ImportAsync("big.csv", "generic-csv", observations, CancellationToken.None);
            var again = await store.ImportAsync("big-corrected.csv", "generic-csv", observations, CancellationToken.None);

            Assert.Equal(60_000, again.ReplacedCount);
            Assert.Equal(60_000, (await store.LoadAsync(null, TestDatabase.Monday, TestDatabase.Monday + (TestDatabase.Quarter * 3000), CancellationToken.None)).Count);
            Assert.Equal(0, first.ReplacedCount);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
