using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>bench roster</c>: generated scenarios of several sizes, each solved with several seeds in a child process
/// (so peak memory is that solve's alone), medians reported in docs/benchmarks/roster.md.
/// </summary>
public static class RosterBench
{
    public static Command Create(CliContext context)
    {
        var agents = new Option<string>("--agents") { Description = "Sizes, comma-separated.", DefaultValueFactory = _ => "50,200,1000" };
        var seeds = new Option<string>("--seeds") { Description = "Solver seeds, comma-separated; medians are reported.", DefaultValueFactory = _ => "1,2,3" };
        var skills = new Option<int>("--skills") { Description = "Skills per scenario.", DefaultValueFactory = _ => 5 };
        var limits = new Option<string>("--time-limits") { Description = "Seconds per size, comma-separated (one per size).", DefaultValueFactory = _ => "30,60,300" };
        var days = new Option<int>("--days") { Description = "Days in each scenario's horizon (1-28).", DefaultValueFactory = _ => 7 };
        var engines = new Option<string>("--engines") { Description = "Engines per size, comma-separated: columns (the engine), search (without column generation), cpsat (CP-SAT alone).", DefaultValueFactory = _ => "columns,search,cpsat" };
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/roster.md" };
        var command = new Command("roster", "Roster engine benchmark: objective, bound, gap, time to first roster, time, peak memory.")
        {
            agents, seeds, skills, limits, days, engines, output,
        };
        command.SetAction(parse =>
        {
            var sizes = Numbers(parse.GetValue(agents)!, "--agents");
            var seedList = Numbers(parse.GetValue(seeds)!, "--seeds");
            var limitList = Numbers(parse.GetValue(limits)!, "--time-limits");
            if (limitList.Count != sizes.Count)
            {
                throw new UserInputException("give one --time-limits value per --agents size");
            }

            var engineList = parse.GetValue(engines)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(e => Enum.TryParse<Solver.RosterEngine>(e, ignoreCase: true, out var engine) ? engine : throw new UserInputException($"--engines: '{e}' is not columns, search or cpsat")).ToList();
            var horizon = parse.GetValue(days);
            if (horizon is < 1 or > 28)
            {
                throw new UserInputException("--days must be 1 to 28");
            }

            var folder = Directory.CreateTempSubdirectory("scheduler-bench-").FullName;
            var progress = context.Progress("bench roster");
            var rows = new List<string>();
            for (var i = 0; i < sizes.Count; i++)
            {
                var scenario = Path.Combine(folder, $"scenario-{sizes[i]}.json");
                Run(["scenario", "generate", "--agents", $"{sizes[i]}", "--skills", $"{parse.GetValue(skills)}", "--days", $"{horizon}", "--seed", "1", "--out", scenario]);
                double? columnsObjective = null;
                foreach (var engine in engineList)
                {
                    var results = new List<JsonObject>();
                    foreach (var seed in seedList)
                    {
                        progress.Report($"{sizes[i]} agents, {horizon} days, {engine}, seed {seed}, {limitList[i]} s");
                        var summary = Path.Combine(folder, $"summary-{sizes[i]}-{engine}-{seed}.json");
                        Run(["solve", "--scenario", scenario, "--time-limit", $"{limitList[i]}", "--seed", $"{seed}", "--engine", $"{engine}", "--out", Path.Combine(folder, $"roster-{sizes[i]}-{engine}-{seed}.json"), "--summary-json", summary], allowFailure: true);
                        var result = File.Exists(summary) ? (JsonObject)JsonNode.Parse(File.ReadAllText(summary))! : new JsonObject { ["status"] = "NoRoster" };
                        results.Add(result);
                        progress.Report($"  {result["status"]} objective {result["objective"]} bound {result["bound"]} gap {(double?)result["gap"]:P2}");
                    }

                    double Median(string key) => Med(results.Select(r => (double?)r[key]).Where(v => v is not null).Select(v => v!.Value));
                    var objective = Median("objective");
                    columnsObjective ??= engine == Solver.RosterEngine.Columns ? objective : null;
                    var ratio = columnsObjective is { } c && engine != Solver.RosterEngine.Columns && !double.IsNaN(objective) ? $"{objective / c:0.00} ×" : engine == Solver.RosterEngine.Columns ? "1.00 ×" : "–";
                    rows.Add(string.Create(CultureInfo.InvariantCulture,
                        $"| {sizes[i]} | {horizon} | {engine.ToString().ToLowerInvariant()} | {limitList[i]} s | {seedList.Count} | {Cell(objective, "N0")} | {ratio} | {(Median("bound") > 0 ? Cell(Median("bound"), "N0") : "none")} | {(Median("bound") > 0 ? Cell(Median("gap"), "P2") : "–")} | {Cell(Median("timeToFirstSeconds"), "0.0")} s | {Cell(Median("elapsedSeconds"), "0.0")} s | {Cell(Median("peakMemoryBytes") / (1 << 20), "N0")} MiB | {string.Join(", ", results.Select(r => r["status"]))} |"));
                }
            }

            AppendRows(context, parse.GetValue(output)!, rows);
            foreach (var row in rows)
            {
                context.Output.WriteLine(row);
            }

            return 0;
        });
        return command;
    }

    internal static List<int> Numbers(string text, string option)
    {
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            result.Add(int.TryParse(part, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new UserInputException($"{option}: '{part}' is not a positive whole number"));
        }

        return result.Count > 0 ? result : throw new UserInputException($"{option} is empty");
    }

    private static string Cell(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    private static double Med(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    internal static void Run(string[] args, bool allowFailure = false)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(typeof(RosterBench).Assembly.Location);
        }

        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var child = Process.Start(info)!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        child.WaitForExit();
        if (child.ExitCode != 0 && !allowFailure)
        {
            throw new InvalidOperationException($"scheduler {string.Join(' ', args)} exited {child.ExitCode}: {stderr.Result}{stdout.Result}");
        }
    }

    private static void AppendRows(CliContext context, string path, List<string> rows)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full))
        {
            File.WriteAllText(full, """
                # Roster benchmark

                Made by `scheduler bench roster` (Release build). Each size is one scenario from
                `scheduler scenario generate --agents N --skills 5 --days 7 --seed 1` (Anonymous Bank weekly shapes, 24/7,
                15-minute intervals), solved once per solver seed in its own process; the table gives medians over the
                seeds. Gap = (objective - bound) / objective, both from CP-SAT (the objective is the validator's total).
                Peak memory is the solving process's peak working set.

                Targets: 50 agents first roster < 5 s; 200 agents within 1 % of the bound in 60 s; 1,000 agents within 3 %
                in 5 minutes under 4 GiB.

                """);
        }

        var date = context.Clock.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        File.AppendAllText(full, $"""

            ## {date}, {Environment.ProcessorCount} cores

            | agents | days | engine | time limit | seeds | objective | vs columns | bound | gap | first roster | time | peak memory | status |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            {string.Join(Environment.NewLine, rows)}

            """);
    }
}
