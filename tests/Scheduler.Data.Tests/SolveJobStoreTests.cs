using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Sites;

namespace Scheduler.Data.Tests;

/// <summary>The solve jobs' rows on real SQLite: limits refuse whole, a job ends once, a draft never loses its solve to a publish.</summary>
public sealed class SolveJobStoreTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);
    private static readonly SolveJobLimits Limits = new(MinSeconds: 5, MaxSeconds: 600, MaxWorkers: 2, MaxQueuedPerUser: 2);

    [Theory]
    [InlineData(0, 30, 1, "Weeks")]
    [InlineData(35, 30, 1, "Weeks")]
    [InlineData(7, 4, 1, "Time limit")]
    [InlineData(7, 601, 1, "Time limit")]
    [InlineData(7, 30, 0, "Workers")]
    [InlineData(7, 30, 3, "Workers")]
    public async Task OptionsOutOfRange_AreRefusedNamingTheFieldAndNothingIsStored(int days, int seconds, int workers, string field)
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new SolveJobStore(database.Factory, database.Clock);

        var error = await Assert.ThrowsAsync<SolveJobRefusedException>(() => store.EnqueueAsync(new SolveJobRequest("dhaka", Sunday, days, "rahima", seconds, workers), Limits, default));

        Assert.StartsWith(field + ":", error.Message);
        Assert.Empty(await store.ActiveAsync(default));
    }

    [Fact]
    public async Task OneActiveSolvePerWeek_AndAPerUserCapOnWaitingOnes()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new SolveJobStore(database.Factory, database.Clock);

        database.Clock.AdvanceNanoseconds(123_456); // finer than the stored milliseconds: the caller's copy must not count itself
        var first = await store.EnqueueAsync(Request(Sunday, "rahima"), Limits, default);
        database.Clock.AdvanceSeconds(1);
        var sameWeek = await Assert.ThrowsAsync<SolveJobRefusedException>(() => store.EnqueueAsync(Request(Sunday, "sabbir"), Limits, default));
        var second = await store.EnqueueAsync(Request(Sunday.PlusWeeks(1), "rahima"), Limits, default);
        database.Clock.AdvanceSeconds(1);
        var overCap = await Assert.ThrowsAsync<SolveJobRefusedException>(() => store.EnqueueAsync(Request(Sunday.PlusWeeks(2), "rahima"), Limits, default));
        var someoneElse = await store.EnqueueAsync(Request(Sunday.PlusWeeks(2), "sabbir"), Limits, default);

        Assert.Contains("already queued", sameWeek.Message);
        Assert.Contains("rahima", sameWeek.Message);
        Assert.Contains("at most 2", overCap.Message);
        var positions = new List<int>();
        foreach (var job in new[] { first, second, someoneElse })
        {
            positions.Add(await store.QueuePositionAsync(job, default));
        }

        Assert.Equal([1, 2, 3], positions);

        // Once the first week's job has ended, the week may be solved again.
        Assert.True(await store.FinishAsync(first.Id, SolveJobStatus.Failed, "no forecast", default));
        await store.EnqueueAsync(Request(Sunday, "sabbir"), Limits, default);
    }

    [Fact]
    public async Task AJobEndsOnce_ARecoveredRunOfAnEndedJobDoesNothing()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new SolveJobStore(database.Factory, database.Clock);
        var job = await store.EnqueueAsync(Request(Sunday, "rahima"), Limits, default);

        var run = await store.BeginAsync(job.Id, "alpha", default);
        var firstEnd = await store.FinishAsync(job.Id, SolveJobStatus.Done, "Draft version 1 saved.", default);
        var secondEnd = await store.FinishAsync(job.Id, SolveJobStatus.Failed, "late", default);
        var recovered = await store.BeginAsync(job.Id, "bravo", default);
        var row = await store.GetAsync(job.Id, default);

        Assert.NotNull(run);
        Assert.Equal(1, run.Attempts);
        Assert.True(firstEnd);
        Assert.False(secondEnd);
        Assert.Null(recovered);
        Assert.Equal(SolveJobStatus.Done, row!.Status);
        Assert.Equal("alpha", row.Instance);
        Assert.Null(row.ActiveKey);
    }

    [Fact]
    public async Task Stop_EndsAQueuedJobAtOnce_AndFlagsARunningOneForItsRunToSee()
    {
        await using var database = await RosterStoreTests.CreateAsync();
        var store = new SolveJobStore(database.Factory, database.Clock);
        var queued = await store.EnqueueAsync(Request(Sunday, "rahima"), Limits, default);
        var running = await store.EnqueueAsync(Request(Sunday.PlusWeeks(1), "rahima"), Limits, default);
        await store.BeginAsync(running.Id, "alpha", default);

        var queuedEnded = await store.RequestCancelAsync(queued.Id, "sabbir", default);
        var runningEnded = await store.RequestCancelAsync(running.Id, "sabbir", default);
        var seenByTheRun = await store.ReportAsync(running.Id, new SolveJobProgress(1200, 900, 0.25, 3.5, 2), 0, "{\"shifts\":[]}", default);

        Assert.True(queuedEnded);
        Assert.False(runningEnded);
        Assert.True(seenByTheRun);
        Assert.Equal(SolveJobStatus.Cancelled, (await store.GetAsync(queued.Id, default))!.Status);
        var row = (await store.GetAsync(running.Id, default))!;
        Assert.Equal(SolveJobStatus.Running, row.Status);
        Assert.Equal((1200L, 900L, "sabbir"), (row.BestObjective!.Value, row.Bound!.Value, row.CancelledBy!));
        Assert.NotNull(row.CheckpointJson);
        await using var db = await database.Factory.CreateDbContextAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "roster.solve-stop"));
    }

    [Fact]
    public async Task ADraftWhoseNumberAPublishTookMeanwhile_IsSavedAsTheNextNumber()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("scheduler-clash-").FullName, "scheduler.db");
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 6, 0));
        var clash = new NumberClash();
        var options = new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={file}").AddInterceptors(clash).Options;
        IDbContextFactory<SchedulerDbContext> factory = new Factory(options);
        await factory.MigrateAsync();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"); // the other save writes while this one's read is still open
            db.Sites.Add(SiteEntity.From(new Site("dhaka", "Dhaka customer care", DateTimeZoneProviders.Tzdb["Asia/Dhaka"])));
            await db.SaveChangesAsync();
        }

        var store = new RosterStore(factory, clock);
        var (scenario, roster) = RosterStoreTests.Week();
        // Between reading the next number and saving, another save takes that number (as a concurrent publish would).
        clash.Meanwhile = () => store.SaveDraftAsync("dhaka", scenario, roster, null, "sabbir", default);

        var saved = await store.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);

        Assert.True(clash.Happened);
        Assert.Equal(2, saved.Number);
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(["sabbir", "rahima"], await check.Rosters.OrderBy(r => r.Number).Select(r => r.CreatedBy).ToListAsync());
        SqliteConnection.ClearAllPools();
    }

    private static SolveJobRequest Request(LocalDate week, string by) => new("dhaka", week, 7, by, 30, 1);

    private sealed class Factory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }

    /// <summary>Runs <see cref="Meanwhile"/> once, right after the first read of a roster's next version number.</summary>
    private sealed class NumberClash : DbCommandInterceptor
    {
        public Func<Task>? Meanwhile { get; set; }

        public bool Happened { get; private set; }

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (!Happened && Meanwhile is { } meanwhile && command.CommandText.Contains("MAX(\"r\".\"Number\")", StringComparison.Ordinal))
            {
                Happened = true;
                await meanwhile();
            }

            return result;
        }
    }
}
