using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Npgsql;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Data.Postgres;
using Scheduler.Domain.Rostering;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Solves that survive: the app as real processes sharing one database, stopped, killed and restarted mid-solve. Each
/// job must end once, with one draft that the validator (never the solver) finds valid.
/// </summary>
[Trait("Category", "Failover")]
public sealed class FailoverTests
{
    private static readonly string Week = NextWeek(3);

    [Fact]
    public async Task Restart_MidSolve_ResumesFromTheCheckpointAndSavesOneDraft()
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-restart-").FullName;
        var settings = new Dictionary<string, string> { ["Scheduler__DataFolder"] = folder };
        await using var app = new AppInstance("solo", settings);
        await app.StartAsync();
        using var client = await app.SignInAsync("rahima");
        var id = (await AppInstance.QueueSolveAsync(client, Week, seconds: 40)).GetProperty("id").GetString()!;
        await AppInstance.WaitForAsync([client], id, j => j.GetProperty("hasCheckpoint").GetBoolean(), TimeSpan.FromSeconds(90), "a checkpoint");

        await app.StopAsync(); // SIGTERM, as a service manager restarts an app: the run saves its checkpoint and is handed back
        await app.StartAsync();
        using var again = await app.SignInAsync("rahima");
        var done = await AppInstance.WaitForAsync([again], id, j => j.GetProperty("status").GetString() is "Done" or "Failed", TimeSpan.FromSeconds(120), "done");

        Assert.Equal("Done", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        var options = new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "scheduler.db")}").Options;
        await AssertOneValidDraftAsync(options, done);
    }

    [Fact]
    public async Task KilledInstance_ItsSolveIsTakenOverByTheOtherWithin30Seconds()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var a = new AppInstance("alpha", database.Settings);
        await using var b = new AppInstance("bravo", database.Settings);
        await a.StartAsync();
        await b.StartAsync();
        using var viaA = await a.SignInAsync("rahima");
        using var viaB = await b.SignInAsync("rahima"); // the same cookie keys (data protection in the shared database)
        var id = (await AppInstance.QueueSolveAsync(viaA, Week, seconds: 45)).GetProperty("id").GetString()!;
        var running = await AppInstance.WaitForAsync([viaA], id, j => j.GetProperty("hasCheckpoint").GetBoolean(), TimeSpan.FromSeconds(90), "a checkpoint");
        var first = running.GetProperty("instance").GetString();
        var (victim, survivor, survivorClient) = first == "alpha" ? (a, b, viaB) : (b, a, viaA);

        await victim.KillAsync();
        var clock = Stopwatch.StartNew();
        var resumed = await AppInstance.WaitForAsync([survivorClient], id, j => j.GetProperty("attempts").GetInt32() == 2, TimeSpan.FromSeconds(60), "resumed");
        var takeover = clock.Elapsed;
        var done = await AppInstance.WaitForAsync([survivorClient], id, j => j.GetProperty("status").GetString() is "Done" or "Failed", TimeSpan.FromSeconds(120), "done");

        Assert.Equal(survivor.Name, resumed.GetProperty("instance").GetString());
        Assert.True(takeover < TimeSpan.FromSeconds(30), $"taken over after {takeover.TotalSeconds:0.0} s\n{survivor.Log}");
        Assert.Equal("Done", done.GetProperty("status").GetString());
        await AssertOneValidDraftAsync(database.Options, done);
    }

    [Fact]
    public async Task Stop_FromTheOtherInstance_EndsTheSolveAndKeepsTheBestRoster()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var a = new AppInstance("alpha", database.Settings);
        await using var b = new AppInstance("bravo", database.Settings);
        await a.StartAsync();
        await b.StartAsync();
        using var viaA = await a.SignInAsync("rahima");
        using var viaB = await b.SignInAsync("sabbir");
        var id = (await AppInstance.QueueSolveAsync(viaA, Week, seconds: 120)).GetProperty("id").GetString()!;
        var running = await AppInstance.WaitForAsync([viaA], id, j => j.GetProperty("bestObjective").ValueKind == JsonValueKind.Number, TimeSpan.FromSeconds(90), "a first roster");
        var other = running.GetProperty("instance").GetString() == "alpha" ? viaB : viaA;

        var stop = await other.PostAsync($"/api/roster/solves/{id}/stop", null);
        var ended = await AppInstance.WaitForAsync([viaA, viaB], id, j => j.GetProperty("status").GetString() is not ("Queued" or "Running"), TimeSpan.FromSeconds(60), "ended");

        Assert.True(stop.IsSuccessStatusCode, await stop.Content.ReadAsStringAsync());
        Assert.Equal("Cancelled", ended.GetProperty("status").GetString());
        Assert.True(ended.GetProperty("elapsedSeconds").GetDouble() < 100, "the solve went on after the stop");
        Assert.Contains("best roster so far", ended.GetProperty("message").GetString());
        await AssertOneValidDraftAsync(database.Options, ended);
    }

    [Fact]
    public async Task TwentyQueuedSolves_AllFinishAndNeverMoreRunThanTheLimit()
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-queue-").FullName;
        var settings = new Dictionary<string, string>
        {
            ["Scheduler__DataFolder"] = folder,
            ["Scheduler__Jobs__MaxConcurrentSolves"] = "2",
            ["Scheduler__Jobs__MaxQueuedPerUser"] = "10",
        };
        await using var app = new AppInstance("solo", settings);
        await app.StartAsync();
        using var rahima = await app.SignInAsync("rahima");
        using var sabbir = await app.SignInAsync("sabbir");
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            var job = await AppInstance.QueueSolveAsync(i % 2 == 0 ? rahima : sabbir, NextWeek(3 + i), seconds: 5);
            ids.Add(job.GetProperty("id").GetString()!);
        }

        var refused = await rahima.PostAsJsonAsync("/api/roster/solves", new { firstDate = NextWeek(3), weeks = 1, seconds = 5 });
        var mostRunning = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(6))
        {
            var active = JsonDocument.Parse(await rahima.GetStringAsync("/api/roster/solves")).RootElement;
            mostRunning = Math.Max(mostRunning, active.EnumerateArray().Count(j => j.GetProperty("status").GetString() == "Running"));
            if (active.GetArrayLength() == 0)
            {
                break;
            }

            await Task.Delay(200);
        }

        var ended = new List<JsonElement>();
        foreach (var id in ids)
        {
            ended.Add(await AppInstance.JobAsync(rahima, id));
        }

        Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode); // that week is queued already
        Assert.All(ended, j => Assert.Equal("Done", j.GetProperty("status").GetString()));
        Assert.All(ended, j => Assert.Equal(1, j.GetProperty("attempts").GetInt32()));
        Assert.InRange(mostRunning, 1, 2);
    }

    private static async Task AssertOneValidDraftAsync(DbContextOptions<SchedulerDbContext> options, JsonElement job)
    {
        var firstDate = LocalDatePattern.Iso.Parse(job.GetProperty("firstDate").GetString()!).Value;
        var rosterId = job.GetProperty("rosterId").GetInt64();
        await using (var db = new SchedulerDbContext(options))
        {
            Assert.Equal(1, await db.Rosters.CountAsync(r => r.FirstDate == firstDate));
        }

        var stored = await new RosterStore(new Contexts(options), SystemClock.Instance).LoadAsync(rosterId, CancellationToken.None);
        Assert.NotNull(stored);
        var report = RosterValidator.Validate(stored.Scenario, stored.Roster);
        Assert.True(report.IsValid, string.Join("\n", report.Violations.Take(5)));
        Assert.Equal(stored.Entity.Cost, report.TotalCost);
    }

    /// <summary>The Sunday <paramref name="weeks"/> weeks after this one (the demo centre's week starts on Sunday).</summary>
    private static string NextWeek(int weeks)
    {
        var today = SystemClock.Instance.GetCurrentInstant().InUtc().Date;
        var sunday = today.PlusDays(-((int)today.DayOfWeek % 7)).PlusWeeks(weeks);
        return sunday.ToString("yyyy-MM-dd", null);
    }

    private sealed class Contexts(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }

    /// <summary>A new database on the test server (scripts/postgres.sh), two instances' settings for it, dropped at the end.</summary>
    private sealed class PostgresDatabase : IAsyncDisposable
    {
        private readonly string _server;
        private readonly string _name = $"scheduler_failover_{Guid.NewGuid():N}";

        private PostgresDatabase(string server) => _server = server;

        public string ConnectionString => $"{_server};Database={_name}";

        public DbContextOptions<SchedulerDbContext> Options => (DbContextOptions<SchedulerDbContext>)new DbContextOptionsBuilder<SchedulerDbContext>().UsePostgres(ConnectionString).Options;

        public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Scheduler__Provider"] = "Postgres",
            ["Scheduler__ConnectionString"] = ConnectionString,
            ["Scheduler__DataFolder"] = Path.GetTempPath(),
        };

        public static async Task<PostgresDatabase> CreateAsync()
        {
            var server = Environment.GetEnvironmentVariable("SCHEDULER_TEST_POSTGRES")
                ?? throw new InvalidOperationException("SCHEDULER_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL (scripts/postgres.sh).");
            var database = new PostgresDatabase(server);
            // The first instance migrates; the second must not race it: migrate here, before either starts.
            await using var db = new SchedulerDbContext(database.Options);
            await db.Database.MigrateAsync();
            return database;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection($"{_server};Database=postgres");
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
