using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.History;

namespace Scheduler.Data.Tests;

/// <summary>Imports as batches: rolled back whole, with the intervals they replaced restored exactly, and only in order.</summary>
public sealed class HistoryRollBackTests
{
    [Fact]
    public async Task RollBack_RemovesTheImportAndRestoresWhatItReplaced_ExactlyAsBefore()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = await database.Store.ImportAsync("week.csv", "interval-csv", TestDatabase.Intervals("voice-bn", TestDatabase.Monday, 96), null, default, "rahima");
        var before = await database.LoadAllAsync();
        // A corrected report for the second half of the day, plus a day it did not cover.
        var corrected = TestDatabase.Intervals("voice-bn", TestDatabase.Monday + (TestDatabase.Quarter * 48), 96, offset: 5);
        var second = await database.Store.ImportAsync("corrected.csv", "interval-csv", corrected, null, default, "sabbir");
        Assert.Equal(48, second.ReplacedCount);

        var comparison = Assert.Single(await database.Store.CompareAsync(second.Id, default));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => database.Store.RollBackAsync(first.Id, "rahima", default));
        var rolledBack = await database.Store.RollBackAsync(second.Id, "rahima", default);

        Assert.Equal(("voice-bn", 96, 48), (comparison.QueueId, comparison.Intervals, comparison.ReplacedIntervals));
        Assert.Contains("corrected.csv", refused.Message);
        Assert.True(rolledBack.RolledBack);
        Assert.Equal(before, await database.LoadAllAsync()); // every value of every interval, as before the second import
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Empty(db.ReplacedObservations);
        Assert.Equal(["history.import", "history.import", "history.rollback"], await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());

        await database.Store.RollBackAsync(first.Id, "rahima", default); // now the first can go too
        Assert.Empty(await database.LoadAllAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Store.RollBackAsync(first.Id, "rahima", default)); // once
    }
}
