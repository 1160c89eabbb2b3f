using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>bench load</c>: every page's first response (the server's prerendered HTML) under N concurrent connections on
/// loopback, signed in as the role the page is for, against the Release build started as its own process.
/// </summary>
/// <remarks>
/// The demo centre is seeded once and its next planning week generated and published in Chromium (the coverage and
/// agent pages show a published roster); then every run is started on that same data at once: this build with its
/// view caches turned off (<c>Scheduler__CacheViews=false</c>, the baseline), this build as shipped, and optionally
/// another build (<c>--baseline-web</c>, e.g. main before the change). Each page is measured on each run in turn, so a
/// busy moment of the machine falls on one row rather than on one whole build; the 1-minute load average before each
/// measurement is in the table. The load is an in-process HttpClient loop: N workers,
/// each with its own connection, each sending the next GET as soon as its last response is read (a closed loop, like
/// wrk or autocannon with N connections). The client runs on the same cores as the server, so the figures are an upper
/// bound of what the server alone would take.
/// </remarks>
public static partial class WebLoadBench
{
    private const string Chromium = "/usr/bin/chromium";
    private const string SiteZone = "Asia/Dhaka";

    /// <summary>A page, who opens it, and a piece of its HTML that proves the page itself was rendered (not a redirect).</summary>
    private sealed record PageCase(string Path, string User, string Marker);

    /// <summary>One page under load in one run.</summary>
    private sealed record PageResult(string Run, string Path, string User, int Requests, int Errors, double P50, double P95, double P99, double Max, double PerSecond, int Bytes, string LoadBefore);

    public static Command Create(CliContext context)
    {
        var agents = new Option<int>("--agents") { Description = "Agents in the demo centre.", DefaultValueFactory = _ => 60 };
        var connections = new Option<int>("--connections") { Description = "Concurrent connections per page.", DefaultValueFactory = _ => 50 };
        var requests = new Option<int>("--requests") { Description = "Measured requests per page (after a warm-up of 2 per connection).", DefaultValueFactory = _ => 1000 };
        var solve = new Option<int>("--solve-seconds") { Description = "Time limit of the roster generated and published before the load.", DefaultValueFactory = _ => 10 };
        var baseline = new Option<string?>("--baseline-web") { Description = "Scheduler.Web.dll of another Release build (e.g. main before a change), measured first on the same data." };
        var baselineName = new Option<string>("--baseline-name") { Description = "What the --baseline-web build is, for the table.", DefaultValueFactory = _ => "baseline build" };
        var note = new Option<string?>("--note") { Description = "A sentence saying what this run measures, written above its table." };
        var data = new Option<string?>("--data") { Description = "A data folder to use and keep: seeded and published on the first use, reused as it is afterwards." };
        var only = new Option<string?>("--pages") { Description = "Only these pages, comma-separated (/roster,/coverage); all by default." };
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/web.md" };
        var command = new Command("load", "Every page's first response under 50 concurrent connections (p50/p95/p99), view caches off against on.")
        {
            agents, connections, requests, solve, baseline, baselineName, note, data, only, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var size = parse.GetValue(agents);
            var n = parse.GetValue(connections);
            var count = parse.GetValue(requests);
            if (size is < 10 or > 2000) throw new UserInputException("--agents must be from 10 to 2000");
            if (n is < 1 or > 1000) throw new UserInputException("--connections must be from 1 to 1000");
            if (count < n) throw new UserInputException("--requests must be at least --connections");
            if (!File.Exists(Chromium)) throw new UserInputException($"{Chromium} is missing: apt-get install -y chromium");
            var root = BenchWebApp.RepositoryRoot();
            var web = BenchWebApp.ReleaseDll(root);
            var runs = new List<(string Name, string Dll, Dictionary<string, string> Settings)>();
            if (parse.GetValue(baseline) is { } other)
            {
                if (!File.Exists(other)) throw new UserInputException($"--baseline-web: {other} does not exist");
                runs.Add((parse.GetValue(baselineName)!, Path.GetFullPath(other), []));
            }

            runs.Add(("view caches off", web, new() { ["Scheduler__CacheViews"] = "false" }));
            runs.Add(("view caches on", web, []));

            var week = NextPlanningWeek(context.Clock);
            var pages = new[]
            {
                new PageCase("/roster", "rahima", "data-testid=\"roster-grid\""),
                new PageCase("/coverage", "rahima", "data-testid=\"coverage-map\""),
                new PageCase("/requirements", "rahima", "<svg"),
                new PageCase("/approvals", "rahima", "Approvals"),
                new PageCase("/agents", "rahima", "Agents"),
                new PageCase($"/my?week={week:yyyy-MM-dd}", "tanvir", "data-testid=\"my-week\""),
                new PageCase("/swaps", "tanvir", "Swaps"),
            };

            if (parse.GetValue(only) is { } wanted)
            {
                var paths = wanted.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                pages = [.. pages.Where(p => paths.Any(w => p.Path == w || p.Path.StartsWith(w + "?", StringComparison.Ordinal)))];
                if (pages.Length == 0) throw new UserInputException($"--pages: none of {wanted} is a page this bench knows");
            }

            var progress = context.Progress("bench load");
            var kept = parse.GetValue(data) is { } given ? Directory.CreateDirectory(given).FullName : null;
            var folder = kept ?? Directory.CreateTempSubdirectory("scheduler-bench-load-").FullName;
            var results = new List<PageResult>();
            try
            {
                // Every build runs at once on the same data (an idle app costs nothing), and each page is measured on
                // each build in turn: a busy moment of the machine then falls on one page, not on one whole build.
                var apps = new List<(string Name, BenchWebApp App, HttpClient Http, Dictionary<string, string> Cookies)>();
                try
                {
                    foreach (var (name, dll, settings) in runs)
                    {
                        progress.Report($"{name}: starting the app");
                        var app = await BenchWebApp.StartAsync(dll, size, parse.GetValue(solve), folder, settings, ct);
                        var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = n, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
                        apps.Add((name, app, new HttpClient(handler) { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(2) }, []));
                        if (apps.Count == 1 && !File.Exists(Path.Combine(folder, "published.txt")))
                        {
                            progress.Report("generating and publishing the planning week's roster in Chromium");
                            await PublishRosterAsync(app.Url, ct);
                            await File.WriteAllTextAsync(Path.Combine(folder, "published.txt"), $"{week:yyyy-MM-dd}", ct);
                        }

                        foreach (var user in pages.Select(p => p.User).Distinct())
                        {
                            apps[^1].Cookies[user] = await SignInAsync(app.Url, user, ct);
                        }
                    }

                    foreach (var page in pages)
                    {
                        foreach (var (name, _, http, cookies) in apps)
                        {
                            progress.Report($"{name}: {page.Path} as {page.User}, {n} connections");
                            results.Add(await LoadAsync(http, name, page, cookies[page.User], n, count, ct));
                        }
                    }
                }
                finally
                {
                    foreach (var (_, app, http, _) in apps)
                    {
                        http.Dispose();
                        await app.DisposeAsync();
                    }
                }
            }
            finally
            {
                try
                {
                    if (kept is null)
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
                catch (IOException)
                {
                    // SQLite may still hold the file for a moment; it is a temporary folder.
                }
            }

            var rows = results.Select(r => string.Create(CultureInfo.InvariantCulture, $"| {r.Path} | {r.User} | {r.Run} | {r.P50:0} ms | {r.P95:0} ms | {r.P99:0} ms | {r.Max:0} ms | {r.PerSecond:0} | {r.Requests} | {r.Errors} | {r.Bytes / 1024.0:0} KiB | {r.LoadBefore} |")).ToList();
            Append(context, Path.Combine(root, parse.GetValue(output)!), size, n, count, parse.GetValue(note), rows);
            context.Output.WriteLine(string.Join(Environment.NewLine, rows));
            return results.Any(r => r.Errors > 0) ? 1 : CliApp.Ok;
        });
        return command;
    }

    /// <summary>The week the roster page opens by default: the Sunday after next week's start, in the site's zone (as PlanningService does).</summary>
    private static LocalDate NextPlanningWeek(NodaTime.IClock clock)
    {
        var start = clock.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb[SiteZone]).Date.PlusWeeks(1);
        while (start.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            start = start.PlusDays(1);
        }

        return start;
    }

    private static async Task PublishRosterAsync(string url, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
        page.SetDefaultTimeout(600_000);
        await page.GotoAsync($"{url}/login");
        await page.FillAsync("#userName", "rahima");
        await page.FillAsync("#password", "Scheduler-demo-1");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"{url}/");
        await page.GotoAsync($"{url}/roster");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        ct.ThrowIfCancellationRequested();
        await page.ClickAsync("[data-testid=generate]");
        await page.Locator("[data-testid=status]", new() { HasTextString = "Draft v1" }).WaitForAsync();
        await page.ClickAsync("[data-testid=publish]");
        await page.Locator("[data-testid=status]", new() { HasTextString = "Published v1" }).WaitForAsync();
        await page.Context.DisposeAsync();
    }

    /// <summary>Signs in through the sign-in form and returns the Cookie header to send.</summary>
    private static async Task<string> SignInAsync(string url, string user, CancellationToken ct) =>
        (await BenchWebApp.SignInAsync(url, user, ct)).GetCookieHeader(new Uri(url));

    private static async Task<PageResult> LoadAsync(HttpClient http, string run, PageCase page, string cookie, int connections, int requests, CancellationToken ct)
    {
        // One request alone first: the page itself must come back, not the sign-in page or an error.
        var (status, html) = await GetAsync(http, page.Path, cookie, ct);
        if (status != HttpStatusCode.OK || !html.Contains(page.Marker, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{page.Path} as {page.User}: {(int)status}, and the page lacks {page.Marker}");
        }

        await RunAsync(http, page.Path, cookie, connections, connections * 2, ct); // warm-up: JIT, connections, caches
        var load = LoadAverage(); // another process busy on the machine shows here
        var clock = Stopwatch.StartNew();
        var (times, errors) = await RunAsync(http, page.Path, cookie, connections, requests, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        times.Sort();
        return new PageResult(run, page.Path, page.User, times.Count, errors, Percentile(times, 0.50), Percentile(times, 0.95), Percentile(times, 0.99), times[^1], times.Count / seconds, html.Length, load);
    }

    /// <summary>A closed loop: <paramref name="connections"/> workers, each sending its next GET when the last response is read.</summary>
    private static async Task<(List<double> Milliseconds, int Errors)> RunAsync(HttpClient http, string path, string cookie, int connections, int requests, CancellationToken ct)
    {
        var next = 0;
        var errors = 0;
        var all = new List<double>(requests);
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(
            async () =>
            {
                var mine = new List<double>();
                while (Interlocked.Increment(ref next) <= requests)
                {
                    var watch = Stopwatch.StartNew();
                    var (status, _) = await GetAsync(http, path, cookie, ct);
                    mine.Add(watch.Elapsed.TotalMilliseconds);
                    if (status != HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }

                return mine;
            },
            ct)).ToList();
        foreach (var worker in workers)
        {
            all.AddRange(await worker);
        }

        return (all, errors);
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient http, string path, string cookie, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>The 1-minute load average (Linux), or "?" elsewhere.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>Nearest rank: the smallest time at or below which the given share of the requests finished.</summary>
    private static double Percentile(List<double> sorted, double share) => sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static void Append(CliContext context, string path, int agents, int connections, int requests, string? note, List<string> rows)
    {
        var date = context.Clock.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        File.AppendAllText(path, $"""

            ## Pages under load: {date}, {Environment.ProcessorCount} cores, {agents} agents, {connections} connections, {requests} requests per page

            {note ?? "Made by `scheduler bench load`: time from sending a GET to the end of the prerendered page, per page, in the same run for each build or setting."}

            | page | signed in as | run | p50 | p95 | p99 | max | requests/s | requests | errors | page size | load before |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            {string.Join(Environment.NewLine, rows)}

            """);
    }
}
