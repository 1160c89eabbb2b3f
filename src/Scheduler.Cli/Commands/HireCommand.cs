using System.CommandLine;
using System.Globalization;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Hiring;
using Serilog;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>hire</c>: the roster page's staffing-gap suggestion from a terminal. Reads a scenario and a roster, offers the
/// hire profiles the web offers (<see cref="HireProfiles.For"/>), re-solves with candidate hires (<see cref="HiringSolver"/>,
/// the roster kept as it is) and prints how many agents of which skills and contract hours would close what it leaves
/// short; <c>--out</c> writes the suggestion as JSON (docs/formats/hiring-json.md).
/// </summary>
public static class HireCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario JSON (docs/formats/scenario.md).", Required = true };
        var roster = new Option<string>("--roster") { Description = "Roster JSON (docs/formats/roster.md), as solve writes it.", Required = true };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds to search, 1-600.", DefaultValueFactory = _ => 20 };
        var workers = new Option<int>("--workers") { Description = "Solver threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string?>("--out") { Description = "Also write the suggestion as JSON (docs/formats/hiring-json.md)." };
        var scenarioOut = new Option<string?>("--scenario-out") { Description = "Also write the scenario with the hires added as agents (for validate)." };
        var rosterOut = new Option<string?>("--roster-out") { Description = "Also write the roster with the hires' shifts (for validate)." };
        var command = new Command("hire", "Suggest hires that close a roster's remaining shortfall: how many agents of which skills and contract hours, re-solving with candidate hires.")
        {
            scenario, roster, timeLimit, workers, output, scenarioOut, rosterOut,
        };
        command.SetAction((parse, ct) =>
        {
            var limit = parse.GetValue(timeLimit);
            if (!(limit is >= 1 and <= 600) || parse.GetValue(workers) < 1)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"--time-limit must be 1 to 600 seconds (not {limit}), --workers at least 1"));
            }

            var scenarioPath = parse.GetValue(scenario)!;
            var rosterPath = parse.GetValue(roster)!;
            var loaded = ScenarioJson.Load(StaffCommand.RequireFile(scenarioPath));
            var shifts = RosterJson.Load(StaffCommand.RequireFile(rosterPath));
            var unfit = RosterValidator.Validate(loaded, shifts).Violations.FirstOrDefault(v => v.Rule is RuleNames.UnknownAgent or RuleNames.UnknownShift);
            if (unfit is not null)
            {
                throw new UserInputException($"{Path.GetFileName(rosterPath)}: {unfit.Description} (scenario {Path.GetFileName(scenarioPath)}): the roster does not belong to this scenario");
            }

            var profiles = HireProfiles.For(loaded);
            var options = new HiringOptions { TimeLimit = TimeSpan.FromSeconds(limit), Workers = parse.GetValue(workers) };
            context.Error.WriteLine($"Suggesting hires for {loaded.Agents.Count} agents x {loaded.Days} days, {profiles.Count} hire profiles, {limit:0} s on {options.Workers} worker(s)...");
            var suggestion = HiringSolver.Suggest(loaded, shifts, profiles, options, new Bar(context.Error, options.TimeLimit), ct);
            var summary = HiringSummary.From(suggestion);
            Log.Information("Hiring suggestion: {Hires} hires, short {ShortBefore} -> {ShortAfter} agent-intervals in {Seconds} s ({Status})", summary.Hires, summary.ShortBefore, summary.ShortAfter, summary.ElapsedSeconds, summary.Status);

            // Every file is written only once the suggestion exists: a refusal or a stop writes none.
            if (parse.GetValue(output) is { } path)
            {
                ForecastCommand.WriteAtomically(path, w => w.Write(summary.ToJson()));
            }

            if (parse.GetValue(scenarioOut) is { } withHires)
            {
                ForecastCommand.WriteAtomically(withHires, w => w.Write(ScenarioJson.Write(suggestion.Scenario)));
            }

            if (parse.GetValue(rosterOut) is { } rosterWithHires)
            {
                ForecastCommand.WriteAtomically(rosterWithHires, w => w.Write(RosterJson.Write(suggestion.Roster)));
            }

            Print(context, summary);
            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    private static void Print(CliContext context, HiringSummary s)
    {
        var inv = CultureInfo.InvariantCulture;
        var console = CliContext.PlainConsole(context.Output);
        context.Output.WriteLine(s.ShortBefore == 0 ? "Nothing is short: no hire needed."
            : s.Hires == 0 ? "No hire pays for itself."
            : string.Create(inv, $"Hire {s.Hires}: {string.Join(", ", s.Groups.Select(g => string.Create(inv, $"{g.Count} x {g.SkillText} {(g.FullTime ? "full-time" : "part-time")} {g.MinHoursPerWeek:0}-{g.MaxHoursPerWeek:0} h")))}."));
        if (s.Groups.Count > 0)
        {
            var table = new Table().Title("Suggested hires").AddColumns("profile", "count", "contract hours", "paid hours", "shifts", "weekly cost");
            foreach (var g in s.Groups)
            {
                table.AddRow(
                    Markup.Escape(g.Profile),
                    g.Count.ToString(inv),
                    string.Create(inv, $"{g.MinHoursPerWeek:0}-{g.MaxHoursPerWeek:0} h ({(g.FullTime ? "full-time" : "part-time")})"),
                    g.PaidHours.ToString("0.0", inv),
                    g.Shifts.ToString(inv),
                    g.WeeklyCost.ToString("N0", inv));
            }

            console.Write(table);
        }

        context.Output.WriteLine(string.Create(inv, $"Short agent-intervals: {s.ShortBefore:N0} -> {s.ShortAfter:N0} of {s.Required:N0} required; coverage {s.CoverageBefore:P1} -> {s.CoverageAfter:P1}."));
        context.Output.WriteLine(string.Create(inv, $"Wages added: {s.WeeklyCost:N0} a week for {s.PaidHours:0.0} paid hours ({s.Status}, {s.ElapsedSeconds:0.0} s)."));
        if (s.Remaining.Count > 0)
        {
            var remains = new Table().Title("What remains short, and why").AddColumns("skill", "date", "short", "why");
            foreach (var r in s.Remaining.Take(15))
            {
                remains.AddRow(Markup.Escape(r.Skill), r.Date, r.ShortIntervals.ToString(inv), Reason(r.Reason));
            }

            console.Write(remains);
        }
    }

    private static string Reason(RemainingReason reason) => reason switch
    {
        RemainingReason.NoProfileWithSkill => "no kind of hire offered has this skill",
        RemainingReason.PoolUsedUp => "every candidate with this skill is hired already",
        _ => "too small or scattered: no hire's week would fill a quarter of their paid hours here",
    };

    /// <summary>A text progress bar on stderr: the share of the time limit used.</summary>
    private sealed class Bar(TextWriter writer, TimeSpan limit) : IProgress<TimeSpan>
    {
        public void Report(TimeSpan value)
        {
            var share = Math.Clamp(value / limit, 0, 1);
            var filled = (int)Math.Round(share * 20);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('.', 20 - filled)}] {value.TotalSeconds,6:0.0}s  re-solving with candidate hires"));
        }
    }
}
