using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NodaTime;
using Scheduler.Domain.Staffing;
using Serilog;

namespace Scheduler.Cli.Commands;

/// <summary><c>bench</c>: performance figures measured on this machine and appended to docs/benchmarks/.</summary>
public static class BenchCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("bench", "Benchmarks; results are appended under docs/benchmarks/.");
        command.Subcommands.Add(Staffing(context));
        command.Subcommands.Add(RosterBench.Create(context));
        command.Subcommands.Add(CurtoisBench.Create(context));
        command.Subcommands.Add(WebBench.Create(context));
        command.Subcommands.Add(WebLoadBench.Create(context));
        command.Subcommands.Add(UploadBench.Create(context));
        command.Subcommands.Add(JobsBench.Create(context));
        command.Subcommands.Add(SimulationValidationBench.Create(context));
        command.Subcommands.Add(SimulationBench.Create(context));
        return command;
    }

    private static Command Staffing(CliContext context)
    {
        var count = new Option<int>("--count") { Description = "Interval computations per run.", DefaultValueFactory = _ => 1_000_000 };
        var repeat = new Option<int>("--repeat") { Description = "Runs; the median is reported.", DefaultValueFactory = _ => 5 };
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/staffing.md" };
        var command = new Command("staffing", "Required agents for a million intervals (Erlang C, 80/20, loads 0-300 Erlangs), against a naive baseline.")
        {
            count, repeat, output,
        };
        command.SetAction(parse =>
        {
            var n = parse.GetValue(count);
            var runs = parse.GetValue(repeat);
            if (n < 1000 || runs < 1)
            {
                throw new UserInputException("--count must be at least 1000 and --repeat at least 1");
            }

            var progress = context.Progress("bench staffing");
            var loads = Loads(n);
            var results = new ErlangCResult[n];
            ErlangC.RequiredAgentsBatch(loads.AsMemory(0, 10_000), results.AsMemory(0, 10_000), 180, 20, 0.8); // JIT warm-up

            var batch = Measure(runs, progress, "parallel batch", () => ErlangC.RequiredAgentsBatch(loads, results, 180, 20, 0.8));
            var checksum = results.Sum(r => (long)r.Agents);
            var single = Measure(runs, progress, "one thread", () =>
            {
                for (var i = 0; i < loads.Length; i++)
                {
                    results[i] = ErlangC.RequiredAgents(loads[i], 180, 20, 0.8);
                }
            });
            var naiveCount = Math.Min(n, 20_000);
            var naive = Measure(runs, progress, "naive baseline", () =>
            {
                for (var i = 0; i < naiveCount; i++)
                {
                    NaiveRequiredAgents(loads[i], 180, 20, 0.8);
                }
            }) * ((double)n / naiveCount);
            var erlangACount = Math.Min(n, 100_000);
            var erlangA = Measure(runs, progress, "Erlang A", () =>
            {
                for (var i = 0; i < erlangACount; i++)
                {
                    ErlangA.RequiredAgents(loads[i], 180, 120, 20, ErlangAGoal.ServiceLevel, 0.8);
                }
            });

            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {context.Clock.GetCurrentInstant().InUtc().Date:yyyy-MM-dd} | {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Split(' ')[0]} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version} | {n:N0} | {runs} | {batch:0.000} s | {single:0.000} s | {naive:0.0} s (from {naiveCount:N0}) | {naive / batch:0}x | {erlangA:0.000} s / {erlangACount:N0} | {checksum:N0} |");
            AppendRow(parse.GetValue(output)!, row);
            context.Output.WriteLine($"Erlang C required agents, {n:N0} intervals, median of {runs}: parallel batch {batch:0.000} s, one thread {single:0.000} s, naive baseline {naive:0.0} s (extrapolated from {naiveCount:N0}); Erlang A {erlangA:0.000} s for {erlangACount:N0}. Target: at most 1 s.");
            Log.Information("Staffing bench {Count} intervals: batch {BatchSeconds} s, single {SingleSeconds} s, naive {NaiveSeconds} s", n, batch, single, naive);
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>Loads shaped like a contact centre's week: mostly 0-60 Erlangs, some big queues up to 300.</summary>
    private static double[] Loads(int n)
    {
        var random = new Random(20261123);
        var loads = new double[n];
        for (var i = 0; i < n; i++)
        {
            loads[i] = random.NextDouble() < 0.85 ? random.NextDouble() * 60 : random.NextDouble() * 300;
        }

        return loads;
    }

    private static double Measure(int runs, IProgress<string> progress, string name, Action action)
    {
        var times = new double[runs];
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            action();
            times[r] = clock.Elapsed.TotalSeconds;
            progress.Report(string.Create(CultureInfo.InvariantCulture, $"{name} run {r + 1}/{runs}: {times[r]:0.000} s"));
        }

        Array.Sort(times);
        return times[runs / 2];
    }

    /// <summary>The textbook way: for each candidate n, Erlang B from zero again. The baseline the fast path beats.</summary>
    private static int NaiveRequiredAgents(double load, double aht, double threshold, double target)
    {
        if (load <= 0)
        {
            return 0;
        }

        for (var n = (int)Math.Floor(load) + 1; ; n++)
        {
            var b = 1.0;
            for (var k = 1; k <= n; k++)
            {
                b = load * b / (k + (load * b));
            }

            var c = n * b / (n - (load * (1 - b)));
            if (1 - (c * Math.Exp(-(n - load) * threshold / aht)) >= target)
            {
                return n;
            }
        }
    }

    internal static void AppendRow(string path, string row)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full))
        {
            File.WriteAllText(full, """
                # Staffing benchmark

                Made by `scheduler bench staffing` (Release build). Each row is one run of the command: the median of
                `runs` repetitions. "parallel batch" is the production path (`ErlangC.RequiredAgentsBatch`, chunks on all
                cores); "one thread" calls `ErlangC.RequiredAgents` in a loop; the naive baseline restarts the Erlang B
                recursion from zero for every candidate agent count, measured on the first 20,000 loads and scaled.
                Loads: 85 % uniform in 0-60 Erlangs, 15 % uniform in 0-300; AHT 180 s, target 80 % in 20 s.
                Target: 1,000,000 interval computations in at most 1 s.

                | date | machine | intervals | runs | parallel batch | one thread | naive baseline | speed-up | Erlang A (patience 120 s) | checksum (sum of agents) |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |

                """);
        }

        File.AppendAllText(full, row + Environment.NewLine);
    }
}
