using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Domain.Curtois;
using Scheduler.Solver;
using Scheduler.Solver.Curtois;
using Serilog;

namespace Scheduler.Cli.Commands;

/// <summary><c>curtois solve</c> and <c>curtois validate</c>: the public Curtois &amp; Qu benchmark instances.</summary>
public static class CurtoisCommands
{
    public static Command Create(CliContext context)
    {
        var command = new Command("curtois", "Curtois & Qu shift-scheduling benchmark instances: solve one, or validate a roster for one.");
        command.Subcommands.Add(Solve(context));
        command.Subcommands.Add(Validate(context));
        return command;
    }

    private static Command Solve(CliContext context)
    {
        var instance = new Option<string>("--instance") { Description = "Instance file (InstanceN.txt).", Required = true };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds to search.", DefaultValueFactory = _ => 60 };
        var output = new Option<string>("--out") { Description = "Roster CSV to write (employee,day,shift).", Required = true };
        var workers = new Option<int>("--workers") { Description = "Solver threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 0 };
        var summary = new Option<string?>("--summary-json") { Description = "Also write penalty, bound, times, verdict and peak memory as JSON." };
        var command = new Command("solve", "Solve one instance: the best roster the time allows, its bound, and the validator's verdict.")
        {
            instance, timeLimit, output, workers, seed, summary,
        };
        command.SetAction(parse =>
        {
            var limit = parse.GetValue(timeLimit);
            if (limit is <= 0 or > 86_400 || parse.GetValue(workers) < 1)
            {
                throw new UserInputException("--time-limit must be in (0, 86400] seconds and --workers at least 1");
            }

            var loaded = CurtoisReader.Read(StaffCommand.RequireFile(parse.GetValue(instance)!));
            var options = new SolveOptions
            {
                TimeLimit = TimeSpan.FromSeconds(limit),
                Workers = parse.GetValue(workers),
                Seed = parse.GetValue(seed),
                ExtraParameters = Environment.GetEnvironmentVariable("SCHEDULER_CPSAT_PARAMETERS"),
            };
            context.Error.WriteLine($"Solving {loaded.Name}: {loaded.Employees.Count} employees x {loaded.Days} days, {loaded.ShiftTypes.Count} shift types, {limit:0} s on {options.Workers} worker(s)...");
            var result = CurtoisSolver.Solve(loaded, options, new RosterCommands.BarProgress(context.Error, options.TimeLimit), phases: new PhaseLines(context.Error, loaded.Name));
            Log.Information("Solved {Instance}: {Status} penalty {Penalty} bound {Bound} in {Seconds} s", loaded.Name, result.Status, result.Objective, result.Bound, result.Elapsed.TotalSeconds);
            if (parse.GetValue(summary) is { } summaryPath)
            {
                ForecastCommand.WriteAtomically(summaryPath, w => w.Write(Summary(loaded, result).ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
            }

            if (result.Roster is null)
            {
                context.Output.WriteLine($"No roster: {result.Status}.");
                return 1;
            }

            ForecastCommand.WriteAtomically(parse.GetValue(output)!, w => w.Write(result.Roster.ToCsv(loaded)));
            var report = result.Report!;
            context.Output.WriteLine($"{loaded.Name}: {result.Status}, penalty {result.Objective:N0} (validator {report.Penalty:N0}, {(report.Feasible ? "feasible" : $"{report.Violations.Count} violations")}), bound {result.Bound:N0}, first roster after {result.TimeToFirst?.TotalSeconds:0.0} s, {result.Elapsed.TotalSeconds:0.0} s in all.");
            PrintReport(context, report);
            return report.Feasible ? CliApp.Ok : 1;
        });
        return command;
    }

    private static Command Validate(CliContext context)
    {
        var instance = new Option<string>("--instance") { Description = "Instance file (InstanceN.txt).", Required = true };
        var roster = new Option<string>("--roster") { Description = "Roster CSV (employee,day,shift).", Required = true };
        var command = new Command("validate", "Check a roster against every hard rule and recompute its penalty, without the solver; exit 1 on a violation.")
        {
            instance, roster,
        };
        command.SetAction(parse =>
        {
            var loaded = CurtoisReader.Read(StaffCommand.RequireFile(parse.GetValue(instance)!));
            var path = StaffCommand.RequireFile(parse.GetValue(roster)!);
            using var reader = new StreamReader(path);
            var report = CurtoisValidator.Validate(loaded, CurtoisRoster.ReadCsv(loaded, reader, Path.GetFileName(path)));
            context.Output.WriteLine($"{loaded.Name}: penalty {report.Penalty:N0}, {(report.Feasible ? "feasible" : $"{report.Violations.Count} hard violation(s)")}.");
            PrintReport(context, report);
            return report.Feasible ? CliApp.Ok : 1;
        });
        return command;
    }

    /// <summary>Each phase of the solve as a line on stderr (and in the log), as it ends.</summary>
    private sealed class PhaseLines(TextWriter writer, string instance) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (writer)
            {
                writer.WriteLine($"  {instance}: {value}");
            }

            Log.Debug("Curtois {Instance} phase: {Phase}", instance, value);
        }
    }

    internal static JsonObject Summary(CurtoisInstance instance, CurtoisSolveResult result)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new JsonObject
        {
            ["instance"] = instance.Name,
            ["status"] = result.Status.ToString(),
            ["penalty"] = result.Objective,
            ["bound"] = result.Bound,
            ["timeToFirstSeconds"] = result.TimeToFirst?.TotalSeconds,
            ["elapsedSeconds"] = result.Elapsed.TotalSeconds,
            ["validatorPenalty"] = result.Report?.Penalty,
            ["feasible"] = result.Report?.Feasible,
            ["violations"] = result.Report?.Violations.Count,
            ["peakMemoryBytes"] = process.PeakWorkingSet64,
        };
    }

    private static void PrintReport(CliContext context, CurtoisReport report)
    {
        foreach (var violation in report.Violations.Take(20))
        {
            context.Output.WriteLine($"  VIOLATION {violation}");
        }

        foreach (var (rule, cost) in report.ByRule)
        {
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {rule,-20} {cost,8:N0}"));
        }

        foreach (var cost in report.Costs.Take(10))
        {
            context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {cost.Cost,6:N0}  {cost.Rule}: {cost.Where}"));
        }
    }
}
