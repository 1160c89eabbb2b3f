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
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/roster.md" };
        var command = new Command("roster", "Roster engine benchmark: objective, bound, gap, time to first roster, time, peak memory.")
        {
            agents, seeds, skills, limits, output,
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

            var folder = Directory.CreateTempSubdirectory("scheduler-bench-").FullName;
            var progress = context.Progress("bench roster");
            var rows = new List<string>();
            for (var i = 0; i < sizes.Count; i++)
            {
                var scenario = Path.Combine(folder, $"scenario-{sizes[i]}.json");
                Run(["scenario", "generate", "--agents", $"{sizes[i]}", "--skills", $"{parse.GetValue(skills)}", "--days", "7", "--seed", "1", "--out", scenario]);
                var results = new List<JsonObject>();
                foreach (var seed in seedList)
                {
                    progress.Report($"{sizes[i]} agents, seed {seed}, {limitList[i]} s");
                    var summary = Path.Combine(folder, $"summary-{sizes[i]}-{seed}.json");
                    Run(["solve", "--scenario", scenario, "--time-limit", $"{limitList[i]}", "--seed", $"{seed}", "--out", Path.Combine(folder, $"roster-{sizes[i]}-{seed}.json"), "--summary-json", summary]);
                    var result = (JsonObject)JsonNode.Parse(File.ReadAllText(summary))!;
                    results.Add(result);
                    progress.Report($"  {result["status"]} objective {result["objective"]} bound {result["bound"]} gap {(double?)result["gap"]:P2}");
                }

                double Median(string key) => Med(results.Select(r => (double?)r[key] ?? double.NaN));
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {sizes[i]} | {parse.GetValue(skills)} | {limitList[i]} s | {seedList.Count} | {Median("objective"):N0} | {Median("bound"):N0} | {Median("gap"):P2} | {Median("timeToFirstSeconds"):0.0} s | {Median("elapsedSeconds"):0.0} s | {Median("peakMemoryBytes") / (1 << 20):N0} MiB | {string.Join(", ", results.Select(r => r["status"]))} |"));
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

            | agents | skills | time limit | seeds | objective | bound | gap | first roster | time | peak memory | status |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            {string.Join(Environment.NewLine, rows)}

            """);
    }
}
