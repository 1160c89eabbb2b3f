using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Simulation;
using Scheduler.Domain.Staffing;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>bench simulation-validation</c>: the contact-by-contact simulator against exact formulas (Erlang C and A on one
/// queue), against what really happened (Anonymous Bank, January and February 1999, replayed with the agents who were
/// there), and against Erlang per queue on a multi-skill centre; writes docs/benchmarks/simulation.md.
/// </summary>
public static partial class SimulationValidationBench
{
    private const double Threshold = 20;
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private static readonly Instant Origin = Instant.FromUtc(2026, 1, 4, 0, 0);

    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Markdown file written (overwritten) with the results.", DefaultValueFactory = _ => "docs/benchmarks/simulation.md" };
        var data = new Option<string>("--data") { Description = "Folder holding anonymous_bank_1999/raw.", DefaultValueFactory = _ => "../shared/datasets" };
        var replications = new Option<int>("--replications") { Description = "Replications per simulation.", DefaultValueFactory = _ => 20 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the first simulation; each later one adds 1.", DefaultValueFactory = _ => 1 };
        var command = new Command("simulation-validation", "The simulator against Erlang C and A, against the Anonymous Bank's January and February 1999, and against Erlang per queue on a multi-skill centre.")
        {
            output, data, replications, seed,
        };
        command.SetAction(parse =>
        {
            var reps = parse.GetValue(replications);
            if (reps is < 2 or > 10_000)
            {
                throw new UserInputException("--replications must be between 2 and 10000 (a confidence interval needs two)");
            }

            var folder = Path.Combine(parse.GetValue(data)!, "anonymous_bank_1999", "raw");
            var files = new[] { ("January", "january.txt"), ("February", "data_anonymous_bank_february.txt") }
                .Select(m => (m.Item1, StaffCommand.RequireFile(Path.Combine(folder, m.Item2)))).ToArray();
            var run = new Runner(reps, parse.GetValue(seed), context.Progress("bench simulation-validation"));
            var clock = Stopwatch.StartNew();
            var doc = new StringBuilder();
            var exact = ExactFormulas(run, doc);
            var exactSeconds = clock.Elapsed.TotalSeconds;
            var real = RealData(run, files, doc);
            var realSeconds = clock.Elapsed.TotalSeconds - exactSeconds;
            var multi = MultiSkill(run, doc);
            var total = clock.Elapsed.TotalSeconds;

            var commandLine = $"scheduler bench simulation-validation --out {parse.GetValue(output)} --data {parse.GetValue(data)} --replications {reps} --seed {parse.GetValue(seed)}";
            var head = new StringBuilder();
            head.AppendLine("# Simulation validation");
            head.AppendLine();
            head.AppendLine(Inv($"Made by `{commandLine}` (Release build) on {context.Clock.GetCurrentInstant().InUtc().Date:yyyy-MM-dd}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Split(' ')[0]} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}: {total:0} s in all ({exactSeconds:0} s exact formulas, {realSeconds:0} s real data, {total - exactSeconds - realSeconds:0} s multi-skill), {run.Contacts / 1e6:0.0} million simulated contacts. The file is rewritten by each run."));
            head.AppendLine();
            head.AppendLine("The simulator (`ContactCentreSimulator`, issue 16) plays contacts one by one over many replications; each figure below is a mean over replications with the half-width of its 95 % confidence interval (Student t over replications, each replication one whole horizon). Three checks:");
            head.AppendLine();
            head.AppendLine(Inv($"1. [Against exact formulas](#1-against-exact-formulas): {exact}"));
            head.AppendLine(Inv($"2. [Against real data](#2-against-real-data-anonymous-bank-january-and-february-1999): {real}"));
            head.AppendLine(Inv($"3. [Against Erlang per queue](#3-against-erlang-per-queue-on-a-multi-skill-centre): {multi}"));
            head.AppendLine();
            var path = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, head.ToString() + doc.ToString().TrimEnd() + Environment.NewLine);
            context.Output.WriteLine(Inv($"Wrote {path} in {total:0} s: {run.Contacts / 1e6:0.0} million simulated contacts."));
            context.Output.WriteLine(exact);
            context.Output.WriteLine(real);
            context.Output.WriteLine(multi);
            return CliApp.Ok;
        });
        return command;
    }


    /// <summary>Runs simulations with consecutive seeds and counts the contacts played.</summary>
    private sealed class Runner(int replications, ulong seed, IProgress<string> progress)
    {
        private ulong _next = seed;

        public int Replications { get; } = replications;

        public IProgress<string> Progress { get; } = progress;

        public double Contacts { get; private set; }

        public SimulationResult Simulate(SimulationModel model, string label)
        {
            var clock = Stopwatch.StartNew();
            var result = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: Replications, Seed: _next++));
            var contacts = result.Queues.Sum(q => q.TotalOffered) * result.Replications;
            Contacts += contacts;
            Progress.Report(Inv($"{label}: {contacts / 1e6:0.00} M contacts in {clock.Elapsed.TotalSeconds:0.0} s"));
            return result;
        }
    }

    private static string Inv(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A number with its sign (a true minus), and no sign on a zero that is only a rounded small number.</summary>
    private static string Signed(double value, string format)
    {
        if (double.IsNaN(value)) return "-";
        var text = Math.Abs(value).ToString(format, CultureInfo.InvariantCulture);
        return text.Trim('0', '.').Length == 0 ? text : (value < 0 ? "−" : "+") + text;
    }
}
