using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>bench web</c>: the supervisor's roster page measured in a real browser (Debian's Chromium) against the real app,
/// started as its own process on a fresh SQLite file with a demo centre of N agents.
/// </summary>
/// <remarks>
/// Per size: time from pressing "Generate roster" to the first roster's cost on screen (forecast, staffing and the
/// solve's first roster); then, over repeated page loads of the saved roster, the time until the grid is in the page
/// (the server renders it with the data) and until the page is interactive (the circuit is live), and the
/// difference, which is what "interactive after the data is loaded" means here.
/// </remarks>
public static class WebBench
{
    private const string Chromium = "/usr/bin/chromium";

    public static Command Create(CliContext context)
    {
        var agents = new Option<string>("--agents") { Description = "Demo centre sizes, comma-separated.", DefaultValueFactory = _ => "60,500" };
        var repeat = new Option<int>("--repeat") { Description = "Page loads per size; medians are reported.", DefaultValueFactory = _ => 5 };
        var solve = new Option<int>("--solve-seconds") { Description = "Time limit of each roster generation.", DefaultValueFactory = _ => 30 };
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/web.md" };
        var command = new Command("web", "The roster page in Chromium: first roster on screen, and time to interactive for 60 and 500 agents.")
        {
            agents, repeat, solve, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var sizes = parse.GetValue(agents)!.Split(',').Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out var n) && n is >= 10 and <= 2000 ? n : throw new UserInputException($"--agents: '{s}' is not a size from 10 to 2000")).ToList();
            var runs = parse.GetValue(repeat);
            if (runs < 1) throw new UserInputException("--repeat must be at least 1");
            if (!File.Exists(Chromium)) throw new UserInputException($"{Chromium} is missing: apt-get install -y chromium");
            var root = RepositoryRoot();
            var web = Path.Combine(root, "src", "Scheduler.Web", "bin", "Release", "net10.0", "Scheduler.Web.dll");
            if (!File.Exists(web)) throw new UserInputException($"{web} is missing: dotnet build Scheduler.sln -c Release");
            var progress = context.Progress("bench web");
            var rows = new List<string>();
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            foreach (var size in sizes)
            {
                progress.Report($"{size} agents: starting the app");
                await using var app = await App.StartAsync(web, size, parse.GetValue(solve), ct);
                var page = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } })).NewPageAsync();
                page.SetDefaultTimeout(600_000);
                await page.GotoAsync($"{app.Url}/login");
                await page.FillAsync("#userName", "rahima");
                await page.FillAsync("#password", "Scheduler-demo-1");
                await page.ClickAsync("button[type=submit]");
                await page.WaitForURLAsync($"{app.Url}/");
                await Open(page, app.Url);

                progress.Report($"{size} agents: generating the roster");
                var clock = Stopwatch.StartNew();
                await page.ClickAsync("[data-testid=generate]");
                await page.Locator("[data-testid=progress]", new() { HasTextString = "best cost" }).WaitForAsync();
                var firstRoster = clock.Elapsed.TotalSeconds;
                await page.Locator("[data-testid=status]", new() { HasTextString = "Draft v1" }).WaitForAsync();
                var generated = clock.Elapsed.TotalSeconds;

                var visible = Math.Min(size, 20); // the rows a 1000-pixel-high window shows
                var inPage = new List<double>();
                var interactive = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    progress.Report($"{size} agents: page load {r + 1}/{runs}");
                    await page.GotoAsync($"{app.Url}/roster", new() { WaitUntil = WaitUntilState.Commit });
                    await page.Locator("[data-testid=roster-grid] tbody tr.agent-row").Nth(visible - 1).WaitForAsync(new() { State = WaitForSelectorState.Attached });
                    var gridAt = await page.EvaluateAsync<double>("() => performance.now()");
                    await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
                    await page.Locator("[data-testid=roster-grid] tbody tr.agent-row").Nth(visible - 1).WaitForAsync(new() { State = WaitForSelectorState.Attached });
                    var liveAt = await page.EvaluateAsync<double>("() => performance.now()");
                    inPage.Add(gridAt);
                    interactive.Add(liveAt);
                }

                var after = inPage.Zip(interactive, (a, b) => b - a).ToList();
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"| {size} | {firstRoster:0.0} s | {generated:0.0} s | {Median(inPage) / 1000:0.00} s | {Median(interactive) / 1000:0.00} s | {Median(after) / 1000:0.00} s | {runs} |"));
                await page.Context.DisposeAsync();
            }

            Append(context, Path.Combine(root, parse.GetValue(output)!), parse.GetValue(solve), rows);
            context.Output.WriteLine(string.Join(Environment.NewLine, rows));
            return CliApp.Ok;
        });
        return command;
    }

    private static async Task Open(IPage page, string url)
    {
        await page.GotoAsync($"{url}/roster");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void Append(CliContext context, string path, int solveSeconds, List<string> rows)
    {
        if (!File.Exists(path))
        {
            File.WriteAllText(path, """
                # Web app benchmark

                Made by `scheduler bench web` (Release build): the real app started as its own process on a fresh SQLite file
                with a demo centre of N agents, driven in Debian's Chromium. First roster = from pressing "Generate roster"
                to the first roster's cost on screen (includes forecasting and staffing the week); saved = the job's end
                (time limit reached, draft stored). Then the roster page is loaded again several times (medians): grid in
                page = navigation start to the first 20 agents' rows present (a 500-agent grid renders only the rows in view) (the server renders the page with its data);
                interactive = navigation start to the live circuit with the grid rendered; after data = the difference.

                Targets (issue 6): first roster of a 60-agent week within 10 s; the roster page for 500 agents x 7 days
                interactive within 1 s after the data is loaded.

                """);
        }

        var date = context.Clock.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        File.AppendAllText(path, $"""

            ## {date}, {Environment.ProcessorCount} cores, generation limit {solveSeconds} s

            | agents | first roster | saved | grid in page | interactive | after data | loads |
            | --- | --- | --- | --- | --- | --- | --- |
            {string.Join(Environment.NewLine, rows)}

            """);
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new UserInputException("run from inside the repository (Scheduler.sln not found)");
    }

    /// <summary>The web app as its own process on a free port and a temporary SQLite folder.</summary>
    private sealed class App : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _folder;

        private App(Process process, string folder, string url)
        {
            _process = process;
            _folder = folder;
            Url = url;
        }

        public string Url { get; }

        public static async Task<App> StartAsync(string dll, int agents, int solveSeconds, CancellationToken ct)
        {
            var folder = Directory.CreateTempSubdirectory("scheduler-bench-web-").FullName;
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
            listener.Stop();
            var start = new ProcessStartInfo("dotnet", $"\"{dll}\"") { WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(dll))))!, RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["ASPNETCORE_URLS"] = url;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["Scheduler__DataFolder"] = folder;
            start.Environment["Scheduler__DemoAgents"] = agents.ToString(CultureInfo.InvariantCulture);
            start.Environment["Scheduler__SolveSeconds"] = solveSeconds.ToString(CultureInfo.InvariantCulture);
            start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the web app");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var http = new HttpClient();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromMinutes(3))
            {
                ct.ThrowIfCancellationRequested();
                if (process.HasExited) throw new InvalidOperationException($"the web app exited with code {process.ExitCode}");
                try
                {
                    if ((await http.GetAsync($"{url}/login", ct)).StatusCode == HttpStatusCode.OK) return new App(process, folder, url);
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                await Task.Delay(300, ct);
            }

            throw new TimeoutException("the web app did not answer within 3 minutes");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may still hold the file for a moment; it is a temporary folder.
            }
        }
    }
}
