using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
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
            var root = BenchWebApp.RepositoryRoot();
            var web = BenchWebApp.ReleaseDll(root);
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
                await using var app = await BenchWebApp.StartAsync(web, size, parse.GetValue(solve), ct);
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
}
