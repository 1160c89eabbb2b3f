using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Domain.Demo;
using Scheduler.Domain.Rostering;
using Scheduler.Solver;
using Serilog;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary><c>solve</c>, <c>validate</c> and <c>scenario generate</c>: the roster engine from a terminal.</summary>
public static class RosterCommands
{
    public static Command Solve(CliContext context)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario JSON (docs/formats/scenario.md).", Required = true };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds to search.", DefaultValueFactory = _ => 30 };
        var output = new Option<string>("--out") { Description = "Roster JSON to write.", Required = true };
        var workers = new Option<int>("--workers") { Description = "Solver threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 0 };
        var gap = new Option<double>("--gap") { Description = "Stop at this relative gap to the bound (0.01 = 1 %).", DefaultValueFactory = _ => 0 };
        var baseline = new Option<string?>("--baseline") { Description = "Roster to stay close to (re-solve with locked shifts after an absence)." };
        var summary = new Option<string?>("--summary-json") { Description = "Also write status, objective, bound, gap, times and peak memory as JSON." };
        var engine = new Option<RosterEngine>("--engine") { Description = "columns (the engine), search (without column generation) or cpsat (CP-SAT alone): the last two are the benchmark's baselines.", DefaultValueFactory = _ => RosterEngine.Columns };
        var command = new Command("solve", "Build the best roster the time allows, with its bound, gap and cost explanation.")
        {
            scenario, timeLimit, output, workers, seed, gap, baseline, summary, engine,
        };
        command.SetAction(parse =>
        {
            var limit = parse.GetValue(timeLimit);
            if (limit is <= 0 or > 86_400 || parse.GetValue(workers) < 1 || parse.GetValue(gap) < 0)
            {
                throw new UserInputException("--time-limit must be in (0, 86400] seconds, --workers at least 1, --gap 0 or more");
            }

            var loaded = ScenarioJson.Load(StaffCommand.RequireFile(parse.GetValue(scenario)!));
            var options = new SolveOptions
            {
                TimeLimit = TimeSpan.FromSeconds(limit),
                Workers = parse.GetValue(workers),
                Seed = parse.GetValue(seed),
                RelativeGap = parse.GetValue(gap),
                Engine = parse.GetValue(engine),
                ExtraParameters = Environment.GetEnvironmentVariable("SCHEDULER_CPSAT_PARAMETERS"),
                Baseline = parse.GetValue(baseline) is { } b ? RosterJson.Load(StaffCommand.RequireFile(b)) : null,
            };
            context.Error.WriteLine($"Solving {loaded.Agents.Count} agents x {loaded.Days} days, {loaded.Skills.Count} skills, {limit:0} s on {options.Workers} worker(s)...");
            var result = RosterSolver.Solve(loaded, options, new BarProgress(context.Error, options.TimeLimit));
            Log.Information("Solved {Agents} agents: {Status} objective {Objective} bound {Bound} gap {Gap} in {Seconds} s", loaded.Agents.Count, result.Status, result.Objective, result.Bound, result.Gap, result.Elapsed.TotalSeconds);
            if (parse.GetValue(summary) is { } summaryPath)
            {
                ForecastCommand.WriteAtomically(summaryPath, w => w.Write(Summary(result, loaded).ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
            }

            if (result.Roster is null)
            {
                context.Output.WriteLine($"No roster: {result.Status}.");
                foreach (var conflict in result.Conflicts)
                {
                    context.Output.WriteLine($"  {conflict.AgentName} ({conflict.AgentId}): {string.Join("; ", conflict.Rules)} cannot all hold");
                }

                return 1;
            }

            var extra = Summary(result, loaded);
            ForecastCommand.WriteAtomically(parse.GetValue(output)!, w => w.Write(RosterJson.Write(result.Roster, extra)));
            context.Output.WriteLine($"{result.Status}: objective {result.Objective:N0}, {(result.Bound > 0 ? $"bound {result.Bound:N0}, gap {result.Gap:P2}" : "no lower bound proved")}, first roster after {result.TimeToFirst?.TotalSeconds:0.0} s, {result.Elapsed.TotalSeconds:0.0} s in all. {result.Roster.Shifts.Count} shifts written to {parse.GetValue(output)}.");
            PrintExplanation(context, result.Report!);
            return 0;
        });
        return command;
    }

    public static Command Validate(CliContext context)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario JSON.", Required = true };
        var roster = new Option<string>("--roster") { Description = "Roster JSON.", Required = true };
        var baseline = new Option<string?>("--baseline") { Description = "Base roster, to cost shift changes." };
        var command = new Command("validate", "Check a roster against every hard rule and recompute every cost, without the solver. Exit 1 on any hard violation.")
        {
            scenario, roster, baseline,
        };
        command.SetAction(parse =>
        {
            var loaded = ScenarioJson.Load(StaffCommand.RequireFile(parse.GetValue(scenario)!));
            var shifts = RosterJson.Load(StaffCommand.RequireFile(parse.GetValue(roster)!));
            var base_ = parse.GetValue(baseline) is { } b ? RosterJson.Load(StaffCommand.RequireFile(b)) : null;
            var report = RosterValidator.Validate(loaded, shifts, base_);
            foreach (var v in report.Violations)
            {
                context.Output.WriteLine($"VIOLATION {v.Rule}: {v.Description}");
            }

            context.Output.WriteLine($"{(report.IsValid ? "Valid" : $"{report.Violations.Count} hard violation(s)")}; total cost {report.TotalCost:N0}.");
            PrintExplanation(context, report);
            return report.IsValid ? 0 : 1;
        });
        return command;
    }

    public static Command Scenario(CliContext context)
    {
        var agents = new Option<int>("--agents") { Description = "Agents.", DefaultValueFactory = _ => 50 };
        var skills = new Option<int>("--skills") { Description = "Skills (Anonymous Bank call types), 1-6.", DefaultValueFactory = _ => 3 };
        var days = new Option<int>("--days") { Description = "Days in the horizon.", DefaultValueFactory = _ => 7 };
        var seed = new Option<int>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out") { Description = "Scenario JSON to write (stdout when omitted)." };
        var generate = new Command("generate", "A realistic 24/7 scenario from the Anonymous Bank shapes: skills, part-timers, night consent, wishes, time off.")
        {
            agents, skills, days, seed, output,
        };
        generate.SetAction(parse =>
        {
            if (parse.GetValue(agents) is < 1 or > 5000 || parse.GetValue(skills) is < 1 or > 6 || parse.GetValue(days) is < 1 or > 28)
            {
                throw new UserInputException("--agents must be 1-5000, --skills 1-6, --days 1-28");
            }

            var profile = ProfileFile.Read(Path.Combine(DemoCentre.DataFolder(), "profiles", "anonymous-bank-weekly.csv"));
            var generated = ScenarioGenerator.Generate(new ScenarioGeneratorOptions { Agents = parse.GetValue(agents), Skills = parse.GetValue(skills), Days = parse.GetValue(days), Seed = parse.GetValue(seed) }, profile);
            var json = ScenarioJson.Write(generated);
            if (parse.GetValue(output) is { } path)
            {
                ForecastCommand.WriteAtomically(path, w => w.Write(json));
                context.Output.WriteLine($"Wrote {generated.Agents.Count} agents, {generated.Skills.Count} skills, {generated.Days} days to {path}.");
            }
            else
            {
                context.Output.WriteLine(json);
            }

            return 0;
        });
        var command = new Command("scenario", "Roster scenarios.") { generate };
        return command;
    }

    internal static JsonObject Summary(SolveResult result, RosterScenario scenario)
    {
        using var process = Process.GetCurrentProcess();
        var summary = new JsonObject
        {
            ["status"] = result.Status.ToString(),
            ["agents"] = scenario.Agents.Count,
            ["days"] = scenario.Days,
            ["skills"] = scenario.Skills.Count,
            ["objective"] = result.Objective,
            ["bound"] = result.Bound,
            ["gap"] = result.Gap,
            ["timeToFirstSeconds"] = result.TimeToFirst?.TotalSeconds,
            ["elapsedSeconds"] = result.Elapsed.TotalSeconds,
            ["peakMemoryBytes"] = process.PeakWorkingSet64,
        };
        if (result.Report is { } report)
        {
            summary["costs"] = new JsonArray([.. report.ByRule.Select(r => (JsonNode)new JsonObject { ["rule"] = r.Rule, ["units"] = r.Units, ["cost"] = r.Cost })]);
        }

        if (result.Conflicts.Count > 0)
        {
            summary["conflicts"] = new JsonArray([.. result.Conflicts.Select(c => (JsonNode)new JsonObject { ["agent"] = c.AgentId, ["rules"] = new JsonArray([.. c.Rules.Select(r => (JsonNode)r!)]) })]);
        }

        return summary;
    }

    private static void PrintExplanation(CliContext context, ValidationReport report)
    {
        var console = CliContext.PlainConsole(context.Output);
        var rules = new Table().Title("Cost by rule").AddColumns("rule", "units", "cost");
        foreach (var (rule, units, cost) in report.ByRule)
        {
            rules.AddRow(rule, units.ToString("N0", CultureInfo.InvariantCulture), cost.ToString("N0", CultureInfo.InvariantCulture));
        }

        console.Write(rules);
        var top = new Table().Title("Largest costs, where and why").AddColumns("cost", "rule", "where");
        foreach (var term in report.Costs.Take(15))
        {
            top.AddRow(term.Cost.ToString("N0", CultureInfo.InvariantCulture), term.Rule, Markup.Escape(term.Description));
        }

        console.Write(top);
        var shortfall = report.Coverage.Where(c => c.Short > 0).ToList();
        context.Output.WriteLine(shortfall.Count == 0 ? "Every requirement is covered." : $"{shortfall.Count} interval(s) short, {shortfall.Sum(c => c.Short)} agent-intervals in all.");
    }

    /// <summary>A text progress bar on stderr: share of the time limit used, objective, bound and gap.</summary>
    internal sealed class BarProgress(TextWriter writer, TimeSpan limit) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value)
        {
            var share = Math.Clamp(value.Elapsed / limit, 0, 1);
            var filled = (int)Math.Round(share * 20);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{new string('#', filled)}{new string('.', 20 - filled)}] {value.Elapsed.TotalSeconds,6:0.0}s  roster #{value.Solutions,-3} objective {value.Objective,12:N0}  bound {value.Bound,12:N0}  gap {value.Gap,7:P2}"));
        }
    }
}
