using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Scheduler.Data;
using Scheduler.Data.Postgres;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>bench jobs</c>: the durable solve jobs under load, against the real app started as its own processes.
/// </summary>
/// <remarks>
/// Part 1, one instance on SQLite: N solves queued at once by several supervisors; while the queue drains, an agent
/// loads their schedule page over and over, compared with the same page on the idle app measured first in the same
/// run; the most solves seen running at once, and the app's CPU use (cores busy, from /proc), are recorded.
/// Part 2, with --postgres: two instances clustered on one PostgreSQL database; a solve is queued, the instance running
/// it is killed with SIGKILL once it has a checkpoint, and the time until the other instance has taken it over is
/// measured, with the number of drafts the job left (must be one).
/// </remarks>
public static partial class JobsBench
{
    private const string Password = "Scheduler-demo-1";

    public static Command Create(CliContext context)
    {
        var solves = new Option<int>("--solves") { Description = "Solves queued at once on one instance.", DefaultValueFactory = _ => 20 };
        var supervisors = new Option<int>("--supervisors") { Description = "Supervisors queueing them (the demo's two and more made for the run).", DefaultValueFactory = _ => 5 };
        var seconds = new Option<int>("--seconds") { Description = "Time limit of each queued solve.", DefaultValueFactory = _ => 10 };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL server (Host=...;Username=...;Password=...) for the two-instance failover part; skipped without it." };
        var kills = new Option<int>("--kills") { Description = "Failover runs (kill -9 of the running instance); the median is reported.", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/jobs.md" };
        var command = new Command("jobs", "Durable solve jobs: 20 queued solves with an agent's page measured meanwhile; kill -9 failover between two instances.")
        {
            solves, supervisors, seconds, postgres, kills, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(solves);
            var people = parse.GetValue(supervisors);
            var limit = parse.GetValue(seconds);
            if (count is < 1 or > 100) throw new UserInputException("--solves must be 1 to 100");
            if (people is < 1 or > 20) throw new UserInputException("--supervisors must be 1 to 20");
            if (limit is < 5 or > 600) throw new UserInputException("--seconds must be 5 to 600");
            var web = BenchWebApp.ReleaseDll(BenchWebApp.RepositoryRoot());
            var progress = context.Progress("bench jobs");
            var lines = new List<string>
            {
                string.Empty,
                $"## {Today():yyyy-MM-dd} (bench jobs, {Environment.ProcessorCount} cores, Release)",
                string.Empty,
            };
            lines.AddRange(await QueueAsync(web, count, people, limit, progress, ct));
            if (parse.GetValue(postgres) is { Length: > 0 } server)
            {
                lines.AddRange(await FailoverAsync(web, server, Math.Max(1, parse.GetValue(kills)), progress, ct));
            }

            var file = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            await File.AppendAllLinesAsync(file, lines, ct);
            foreach (var line in lines)
            {
                context.Output.WriteLine(line);
            }

            return 0;
        });
        return command;
    }

    private static async Task<IEnumerable<string>> QueueAsync(string web, int count, int people, int seconds, IProgress<string> progress, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-bench-jobs-").FullName;
        progress.Report("one instance: starting the app");
        await using var app = await BenchWebApp.StartAsync(web, 60, seconds, folder, new Dictionary<string, string>
        {
            ["Scheduler__Jobs__InstanceId"] = "solo",
            ["Scheduler__Jobs__MaxQueuedPerUser"] = ((count + people - 1) / people).ToString(CultureInfo.InvariantCulture),
        }, ct);
        var names = new List<string> { "rahima", "sabbir" };
        for (var i = names.Count; i < people; i++)
        {
            var name = $"supervisor{i + 1}";
            var code = await CliApp.RunAsync(["users", "add", "--db", Path.Combine(folder, "scheduler.db"), "--name", name, "--role", "Supervisor"], TextWriter.Null, TextWriter.Null, input: new StringReader(Password + "\n"), ct: ct);
            if (code != 0) throw new InvalidOperationException($"could not add {name}");
            names.Add(name);
        }

        var clients = new List<HttpClient>();
        foreach (var name in names.Take(people))
        {
            clients.Add(await app.ClientAsync(name, ct));
        }

        using var agent = await app.ClientAsync("tanvir", ct);
        progress.Report("one instance: the agent's page on the idle app");
        var idle = await LoadAsync(agent, "/my", TimeSpan.FromSeconds(20), () => false, ct);

        progress.Report($"one instance: queueing {count} solves of {seconds} s");
        var today = Today();
        var sunday = today.PlusDays(-((int)today.DayOfWeek % 7));
        var clock = Stopwatch.StartNew();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var response = await clients[i % clients.Count].PostAsJsonAsync("/api/roster/solves", new { firstDate = sunday.PlusWeeks(3 + i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), weeks = 1, seconds }, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"queueing solve {i + 1} answered {(int)response.StatusCode}: {body}");
            ids.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
        }

        var mostRunning = 0;
        var cpu = new CpuMeter(app.ProcessId);
        var drained = false;
        var watcher = Task.Run(async () =>
        {
            while (!drained)
            {
                var active = JsonDocument.Parse(await clients[0].GetStringAsync("/api/roster/solves", ct)).RootElement;
                mostRunning = Math.Max(mostRunning, active.EnumerateArray().Count(j => j.GetProperty("status").GetString() == "Running"));
                cpu.Sample();
                drained = active.GetArrayLength() == 0;
                if (!drained) progress.Report($"one instance: {active.GetArrayLength()} solves still queued or running, {clock.Elapsed.TotalSeconds:0} s");
                await Task.Delay(500, ct);
            }
        }, ct);
        var busy = await LoadAsync(agent, "/my", TimeSpan.FromMinutes(60), () => drained, ct);
        await watcher;
        var statuses = new List<string>();
        foreach (var id in ids)
        {
            statuses.Add(JsonDocument.Parse(await clients[0].GetStringAsync($"/api/roster/solves/{id}", ct)).RootElement.GetProperty("status").GetString()!);
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        return
        [
            $"### {count} solves of {seconds} s queued at once by {people} supervisors, one instance (SQLite, default limits: {Math.Max(1, Environment.ProcessorCount / 2)} at once)",
            string.Empty,
            $"Command: `scheduler bench jobs --solves {count} --supervisors {people} --seconds {seconds}`",
            string.Empty,
            "| measure | value |",
            "| --- | --- |",
            $"| queue drained in | {clock.Elapsed.TotalSeconds:0} s |",
            $"| jobs Done | {statuses.Count(s => s == "Done")} of {count} ({string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Count()} {g.Key}"))}) |",
            $"| most solves running at once | {mostRunning} |",
            $"| app CPU while draining, cores busy (mean / 95th percentile of 0.5 s samples) | {cpu.Mean:0.00} / {cpu.P95:0.00} of {Environment.ProcessorCount} |",
            $"| agent's /my, idle app (baseline): median / p95 / requests | {Median(idle):0} ms / {Percentile(idle, 0.95):0} ms / {idle.Count} |",
            $"| agent's /my while the queue drains: median / p95 / requests | {Median(busy):0} ms / {Percentile(busy, 0.95):0} ms / {busy.Count} |",
            string.Empty,
        ];
    }

    private static async Task<IEnumerable<string>> FailoverAsync(string web, string server, int runs, IProgress<string> progress, CancellationToken ct)
    {
        var rows = new List<(double Takeover, double Total, int Drafts, string Status, int Attempts)>();
        for (var run = 1; run <= runs; run++)
        {
            var name = $"scheduler_bench_{Guid.NewGuid():N}";
            var connection = $"{server};Database={name}";
            try
            {
                var options = (DbContextOptions<SchedulerDbContext>)new DbContextOptionsBuilder<SchedulerDbContext>().UsePostgres(connection).Options;
                await using (var db = new SchedulerDbContext(options))
                {
                    await db.Database.MigrateAsync(ct);
                }

                Dictionary<string, string> Settings(string instance) => new()
                {
                    ["Scheduler__Provider"] = "Postgres",
                    ["Scheduler__ConnectionString"] = connection,
                    ["Scheduler__Jobs__InstanceId"] = instance,
                };
                progress.Report($"failover {run}/{runs}: starting two instances");
                await using var alpha = await BenchWebApp.StartAsync(web, 60, 60, null, Settings("alpha"), ct);
                await using var bravo = await BenchWebApp.StartAsync(web, 60, 60, null, Settings("bravo"), ct);
                using var viaAlpha = await alpha.ClientAsync("rahima", ct);
                using var viaBravo = await bravo.ClientAsync("rahima", ct);
                var today = Today();
                var week = today.PlusDays(21 - ((int)today.DayOfWeek % 7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var queued = await viaAlpha.PostAsJsonAsync("/api/roster/solves", new { firstDate = week, weeks = 1, seconds = 60 }, ct);
                var id = JsonDocument.Parse(await queued.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetString()!;
                var running = await WaitAsync(viaAlpha, id, j => j.GetProperty("hasCheckpoint").GetBoolean(), ct);
                var victimName = running.GetProperty("instance").GetString();
                var (victim, survivor) = victimName == "alpha" ? (alpha, viaBravo) : (bravo, viaAlpha);
                progress.Report($"failover {run}/{runs}: kill -9 {victimName}");
                var clock = Stopwatch.StartNew();
                await victim.KillAsync();
                await WaitAsync(survivor, id, j => j.GetProperty("attempts").GetInt32() == 2, ct);
                var takeover = clock.Elapsed.TotalSeconds;
                var done = await WaitAsync(survivor, id, j => j.GetProperty("status").GetString() is not ("Queued" or "Running"), ct);
                await using var check = new SchedulerDbContext(options);
                var drafts = await check.Rosters.CountAsync(ct);
                rows.Add((takeover, clock.Elapsed.TotalSeconds, drafts, done.GetProperty("status").GetString()!, done.GetProperty("attempts").GetInt32()));
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                await using var admin = new NpgsqlConnection($"{server};Database=postgres");
                await admin.OpenAsync(ct);
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
                await drop.ExecuteNonQueryAsync(ct);
            }
        }

        var takeovers = rows.Select(r => r.Takeover).ToList();
        return
        [
            "### Kill -9 of the instance running a solve, two instances clustered on PostgreSQL (check-in every 5 s)",
            string.Empty,
            $"Command: `scheduler bench jobs --postgres \"Host=127.0.0.1;Username=...;Password=...\" --kills {runs}` (a 60 s solve, killed once it has a checkpoint)",
            string.Empty,
            "| run | taken over after | job ended after the kill | job | runs | drafts |",
            "| --- | --- | --- | --- | --- | --- |",
            .. rows.Select((r, i) => $"| {i + 1} | {r.Takeover:0.0} s | {r.Total:0} s | {r.Status} | {r.Attempts} | {r.Drafts} |"),
            string.Empty,
            $"Median takeover: {Median(takeovers):0.0} s (target: under 30 s).",
            string.Empty,
        ];
    }

    private static async Task<JsonElement> WaitAsync(HttpClient client, string id, Func<JsonElement, bool> until, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var job = JsonDocument.Parse(await client.GetStringAsync($"/api/roster/solves/{id}", ct)).RootElement.Clone();
            if (until(job)) return job;
            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"job {id} did not get there in 5 minutes");
    }

    /// <summary>Loads <paramref name="path"/> one request after another until <paramref name="stop"/> says so or the time is up; milliseconds of each.</summary>
    private static async Task<List<double>> LoadAsync(HttpClient client, string path, TimeSpan most, Func<bool> stop, CancellationToken ct)
    {
        var times = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < most && !stop())
        {
            var one = Stopwatch.StartNew();
            using var response = await client.GetAsync(path, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
            times.Add(one.Elapsed.TotalMilliseconds);
            await Task.Delay(100, ct);
        }

        return times;
    }

    private static NodaTime.LocalDate Today() => NodaTime.SystemClock.Instance.GetCurrentInstant().InUtc().Date;

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>CPU time of a process from /proc/PID/stat, as cores busy between samples.</summary>
    private sealed class CpuMeter(int pid)
    {
        private readonly List<double> _cores = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _lastTicks = double.NaN;
        private double _lastSeconds;

        public double Mean => _cores.Count == 0 ? double.NaN : _cores.Average();

        public double P95 => Percentile(_cores, 0.95);

        public void Sample()
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture); // utime + stime
            var seconds = _clock.Elapsed.TotalSeconds;
            if (!double.IsNaN(_lastTicks) && seconds > _lastSeconds)
            {
                _cores.Add((ticks - _lastTicks) / 100.0 / (seconds - _lastSeconds));
            }

            (_lastTicks, _lastSeconds) = (ticks, seconds);
        }
    }
}
