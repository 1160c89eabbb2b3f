using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Scheduler.Domain.Curtois;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>bench curtois</c>: the 24 Curtois &amp; Qu instances, each solved in its own process (so peak memory is that
/// solve's alone), each roster written as CSV and checked again here by the validator, results against the best known
/// solutions in docs/benchmarks/curtois.md.
/// </summary>
public static class CurtoisBench
{
    /// <summary>Best known solutions (BKS), instances 1-24, from the benchmark folder's README.</summary>
    public static readonly IReadOnlyList<int> BestKnown =
        [607, 828, 1001, 1716, 1143, 1950, 1056, 1300, 439, 4631, 3443, 4040, 1348, 1278, 3829, 3225, 5746, 4459, 3149, 4769, 21133, 30241, 17428, 42463];

    /// <summary>Best published result within one hour (Curtois &amp; Qu 2014 and later, README table), instances 1-19.</summary>
    public static readonly IReadOnlyList<int> BestOneHour =
        [607, 828, 1001, 1716, 1143, 1950, 1056, 1308, 439, 4631, 3443, 4040, 1905, 1279, 3928, 3225, 5750, 4650, 3218];

    public static Command Create(CliContext context)
    {
        var instances = new Option<string>("--instances") { Description = "Instance numbers: ranges and lists, e.g. 1-24 or 1-7,9-12.", DefaultValueFactory = _ => "1-24" };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds per instance.", DefaultValueFactory = _ => 60 };
        var folder = new Option<string>("--folder") { Description = "Folder with Instance1.txt ... Instance24.txt.", DefaultValueFactory = _ => "../shared/benchmarks/curtois" };
        var solutions = new Option<string>("--solutions") { Description = "Folder the rosters are written to (InstanceN.csv: employee,day,shift).", DefaultValueFactory = _ => "curtois-solutions" };
        var seed = new Option<int>("--seed") { Description = "Solver seed.", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/curtois.md" };
        var command = new Command("curtois", "Curtois & Qu benchmark: penalty, bound, BKS and gap, time to first roster, time, validator verdict, peak memory.")
        {
            instances, timeLimit, folder, solutions, seed, output,
        };
        command.SetAction(parse =>
        {
            var numbers = Range(parse.GetValue(instances)!);
            var limit = parse.GetValue(timeLimit);
            if (limit is <= 0 or > 86_400)
            {
                throw new UserInputException("--time-limit must be in (0, 86400] seconds");
            }

            var dir = parse.GetValue(folder)!;
            var solutionDir = Path.GetFullPath(parse.GetValue(solutions)!);
            Directory.CreateDirectory(solutionDir);
            var progress = context.Progress("bench curtois");
            var rows = new List<string>();
            var atBks = 0;
            var work = Directory.CreateTempSubdirectory("scheduler-curtois-").FullName;
            foreach (var n in numbers)
            {
                var file = StaffCommand.RequireFile(Path.Combine(dir, $"Instance{n}.txt"));
                var csv = Path.Combine(solutionDir, $"Instance{n}.csv");
                var summaryPath = Path.Combine(work, $"summary-{n}.json");
                progress.Report($"Instance{n}, {limit:0} s");
                RosterBench.Run(["curtois", "solve", "--instance", file, "--time-limit", limit.ToString(CultureInfo.InvariantCulture), "--seed", $"{parse.GetValue(seed)}", "--out", csv, "--summary-json", summaryPath], allowFailure: true);
                var summary = File.Exists(summaryPath) ? (JsonObject)JsonNode.Parse(File.ReadAllText(summaryPath))! : null;

                // The verdict is the validator's, on the file as written, in this process: not the solver's word.
                var instance = CurtoisReader.Read(file);
                string verdict;
                long? penalty = null;
                if (File.Exists(csv) && summary?["penalty"] is not null)
                {
                    using var reader = new StreamReader(csv);
                    var report = CurtoisValidator.Validate(instance, CurtoisRoster.ReadCsv(instance, reader, Path.GetFileName(csv)));
                    penalty = report.Penalty;
                    var agrees = (long?)summary["penalty"] == report.Penalty;
                    verdict = report.Feasible ? (agrees ? "feasible" : $"feasible, solver said {(long?)summary["penalty"]}") : $"{report.Violations.Count} violations";
                }
                else
                {
                    verdict = "no roster";
                }

                var bks = BestKnown[n - 1];
                if (penalty is { } p && p <= bks && verdict == "feasible")
                {
                    atBks++;
                }

                var oneHour = n <= BestOneHour.Count ? BestOneHour[n - 1].ToString("N0", CultureInfo.InvariantCulture) : "-";
                rows.Add(string.Create(CultureInfo.InvariantCulture,
                    $"| {n} | {Show(penalty)} | {Show((long?)summary?["bound"])} | {bks:N0} | {(penalty is { } q ? $"{(q - bks) / (double)bks:P1}" : "-")} | {oneHour} | {Seconds(summary?["timeToFirstSeconds"])} | {Seconds(summary?["elapsedSeconds"])} | {verdict} | {((long?)summary?["peakMemoryBytes"] ?? 0) / (1 << 20):N0} MiB |"));
                progress.Report($"  Instance{n}: penalty {Show(penalty)} (BKS {bks:N0}), {verdict}");
                context.Output.WriteLine(rows[^1]);
            }

            Append(context, parse.GetValue(output)!, rows, limit, parse.GetValue(instances)!, atBks, numbers.Count);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>"1-24", "1-7,9-12", "13": the instance numbers, each 1-24.</summary>
    public static List<int> Range(string text)
    {
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            if (ends.Length is < 1 or > 2
                || !int.TryParse(ends[0], CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(ends[^1], CultureInfo.InvariantCulture, out var to)
                || from < 1 || to > 24 || from > to)
            {
                throw new UserInputException($"--instances: '{part}' is not an instance number or range within 1-24");
            }

            result.AddRange(Enumerable.Range(from, to - from + 1));
        }

        return result.Count > 0 ? [.. result.Distinct()] : throw new UserInputException("--instances is empty");
    }

    private static string Show(long? value) => value is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-";

    private static string Seconds(JsonNode? node) => (double?)node is { } s ? s.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "-";

    private static void Append(CliContext context, string path, List<string> rows, double limit, string instances, int atBks, int count)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full))
        {
            File.WriteAllText(full, """
                # Curtois & Qu benchmark

                Made by `scheduler bench curtois` (Release build). Each instance is solved once in its own process; the
                roster is written to InstanceN.csv and validated again by the benchmark (the verdict column), which also
                recomputes the penalty. Bound = the best lower bound the solver proved (column generation or CP-SAT).
                BKS = best known solution, best 1 h = best published result within an hour (both from
                ../shared/benchmarks/curtois/README.md). Peak memory is the solving process's peak working set.

                """);
        }

        var date = context.Clock.GetCurrentInstant().InUtc().Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        File.AppendAllText(full, string.Create(CultureInfo.InvariantCulture, $"""

            ## {date}, {limit:0} s per instance, {Environment.ProcessorCount} cores

            `scheduler bench curtois --instances {instances} --time-limit {limit:0}`: {atBks} of {count} at the BKS.

            | # | penalty | bound | BKS | above BKS | best 1 h | first roster | time | verdict | peak memory |
            | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
            {string.Join(Environment.NewLine, rows)}

            """));
    }
}
