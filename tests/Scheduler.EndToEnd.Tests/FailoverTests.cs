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
[Collection(AppCollection.Name)] // one after another with the browser tests: two cores cannot run both fairly at once
public sealed class FailoverTests
{
    private static readonly string Week = NextWeek(3);

    [Theory]
    [InlineData(false)] // SIGTERM, as a service manager restarts an app: the run saves its checkpoint and is handed back
    [InlineData(true)] // SIGKILL, a crash: Quartz recovers the firing at the next start, from the last checkpoint
    public async Task Restart_MidSolve_ResumesFromTheCheckpointAndSavesOneDraft(bool crash)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-restart-").FullName;
        var settings = new Dictionary<string, string> { ["Scheduler__DataFolder"] = folder };
        await using var app = new AppInstance("solo", settings);
        await app.StartAsync();
        using var client = await app.SignInAsync("rahima");
        var id = (await AppInstance.QueueSolveAsync(client, Week, seconds: 40)).GetProperty("id").GetString()!;
        await AppInstance.WaitForAsync([client], id, j => j.GetProperty("hasCheckpoint").GetBoolean(), TimeSpan.FromSeconds(90), "a checkpoint");

        if (crash)
        {
            await app.KillAsync();
        }
        else
        {
            await app.StopAsync();
        }

        await app.StartAsync();
        using var again = await app.SignInAsync("rahima");
        var done = await AppInstance.WaitForAsync([again], id, j => j.GetProperty("status").GetString() is "Done" or "Failed", TimeSpan.FromSeconds(120), "done");

        Assert.Equal("Done", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("attempts").GetInt32());
        var options = new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(folder, "scheduler.db")}").Options;
        await AssertOneValidDraftAsync(options, done);
    }

    [Fact]
    public async Task KilledInstance_ItsSolveIsTakenOverByTheOther()
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
        // How soon is a benchmark's figure (bench jobs, docs/benchmarks/jobs.md), not this test's.
        var resumed = await AppInstance.WaitForAsync([survivorClient], id, j => j.GetProperty("attempts").GetInt32() == 2, TimeSpan.FromSeconds(120), "resumed");
        var done = await AppInstance.WaitForAsync([survivorClient], id, j => j.GetProperty("status").GetString() is "Done" or "Failed", TimeSpan.FromSeconds(120), "done");

        Assert.Equal(survivor.Name, resumed.GetProperty("instance").GetString());
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

    [Fact]
    public async Task ThroughTheProxy_ASignedInSupervisorGoesOnOnTheOtherInstanceWhenOneDies()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var a = new AppInstance("alpha", database.Settings);
        await using var b = new AppInstance("bravo", database.Settings);
        await a.StartAsync();
        await b.StartAsync();
        await using var proxy = await Nginx.StartAsync(a, b);

        // The browser through nginx: signed in once, the roster page's circuit (a WebSocket through the proxy) queues a solve.
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = AppFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } })).NewPageAsync();
        await page.GotoAsync($"{proxy.Url}/login");
        await page.FillAsync("#userName", "rahima");
        await page.FillAsync("#password", AppInstance.Password);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync($"{proxy.Url}/");
        await page.GotoAsync($"{proxy.Url}/roster?week={Week}");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached }); // the circuit is live
        await page.ClickAsync("[data-testid=generate]");
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=progress]")).ToContainTextAsync("Solving", new() { Timeout = 120_000 });
        var served = await InstanceBehindAsync(page, proxy.Url);
        for (var wait = Stopwatch.StartNew(); ; await Task.Delay(250))
        {
            var jobs = await page.APIRequest.GetAsync($"{proxy.Url}/api/roster/solves"); // the browser's own sign-in
            if (JsonDocument.Parse(await jobs.TextAsync()).RootElement.EnumerateArray().Any(j => j.GetProperty("hasCheckpoint").GetBoolean()))
            {
                break;
            }

            Assert.True(wait.Elapsed < TimeSpan.FromSeconds(90), "no checkpoint in 90 s");
        }

        // That instance dies: the same page, reloaded through the proxy, is served by the other with the same sign-in,
        // and shows the solve going on there.
        await (served == "alpha" ? a : b).KillAsync();
        await page.ReloadAsync(new() { Timeout = 60_000 });
        Assert.NotEqual(served, await InstanceBehindAsync(page, proxy.Url));
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=resumed]")).ToContainTextAsync("from its last saved roster", new() { Timeout = 60_000 });
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=progress]")).ToContainTextAsync("Solving", new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppFixture.ScreenshotFolder, "roster-resumed-on-the-other-instance.png") });
        await Microsoft.Playwright.Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Draft v1", new() { Timeout = 120_000 });
    }

    /// <summary>Which instance the proxy sends this browser to: /health names it.</summary>
    private static async Task<string> InstanceBehindAsync(Microsoft.Playwright.IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync($"{url}/health");
        using var health = JsonDocument.Parse(await response.TextAsync());
        return health.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("data").GetProperty("instance").GetString()!;
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

    /// <summary>Debian's nginx in front of two instances, configured as the README's two-instance setup.</summary>
    private sealed class Nginx : IAsyncDisposable
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-nginx-").FullName;
        private Process? _process;

        public string Url { get; } = $"http://127.0.0.1:{AppFixture.FreePort()}";

        public static async Task<Nginx> StartAsync(AppInstance first, AppInstance second)
        {
            if (!File.Exists("/usr/sbin/nginx"))
            {
                throw new InvalidOperationException("/usr/sbin/nginx is missing: the test command installs it (apt-get install -y nginx-light).");
            }

            var nginx = new Nginx();
            var port = new Uri(nginx.Url).Port;
            var config = Path.Combine(nginx._folder, "nginx.conf");
            await File.WriteAllTextAsync(config, $$"""
                daemon off;
                worker_processes 1;
                pid {{nginx._folder}}/nginx.pid;
                error_log {{nginx._folder}}/error.log;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path {{nginx._folder}}/body;
                    proxy_temp_path {{nginx._folder}}/proxy;
                    fastcgi_temp_path {{nginx._folder}}/fastcgi;
                    uwsgi_temp_path {{nginx._folder}}/uwsgi;
                    scgi_temp_path {{nginx._folder}}/scgi;
                    upstream scheduler {
                        hash $remote_addr$http_user_agent consistent;
                        server {{new Uri(first.BaseUrl).Authority}} max_fails=1 fail_timeout=10s;
                        server {{new Uri(second.BaseUrl).Authority}} max_fails=1 fail_timeout=10s;
                    }
                    server {
                        listen 127.0.0.1:{{port}};
                        location / {
                            proxy_pass http://scheduler;
                            proxy_http_version 1.1;
                            proxy_set_header Upgrade $http_upgrade;
                            proxy_set_header Connection "upgrade";
                            proxy_set_header Host $host:$server_port;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_next_upstream error timeout http_502;
                        }
                    }
                }
                """);
            nginx._process = Process.Start(new ProcessStartInfo("/usr/sbin/nginx", ["-c", config, "-p", nginx._folder]) { RedirectStandardError = true })
                ?? throw new InvalidOperationException("could not start nginx");
            using var http = new HttpClient();
            for (var i = 0; i < 100; i++)
            {
                try
                {
                    if ((await http.GetAsync($"{nginx.Url}/health")).IsSuccessStatusCode)
                    {
                        return nginx;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(100);
            }

            throw new InvalidOperationException($"nginx did not answer: {await nginx._process.StandardError.ReadToEndAsync()}");
        }

        public async ValueTask DisposeAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }

            _process?.Dispose();
        }
    }
}
