using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NodaTime;
using Scheduler.Domain.Demo;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Simulation;
using Scheduler.Solver;
using Serilog;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>bench simulate</c>: the contact-by-contact simulator's speed on the 60-agent demo week and on a generated
/// 1,000-agent centre, every core against one thread, medians appended to docs/benchmarks/simulation-speed.md.
/// </summary>
public static class SimulationBench
{
    /// <summary>The queue mixes of the web app's demo agents (DemoSeeder), cycled over the agents.</summary>
    private static readonly string[][] Mixes =
    [
        ["voice-bn", "chat-bn"],
        ["voice-bn"],
        ["voice-bn", "voice-en"],
        ["voice-bn", "chat-bn", "email-en"],
        ["email-en", "voice-en"],
        ["chat-bn", "email-en"],
    ];

    public static Command Create(CliContext context)
    {
        var repeat = new Option<int>("--repeat") { Description = "Runs of each measurement; the median is reported.", DefaultValueFactory = _ => 3 };
        var replications = new Option<int>("--replications") { Description = "Replications per run.", DefaultValueFactory = _ => 100 };
        var solveSeconds = new Option<double>("--solve-seconds") { Description = "Seconds the roster solver gets for the demo week.", DefaultValueFactory = _ => 20 };
        var large = new Option<int>("--large-agents") { Description = "Agents of the generated centre.", DefaultValueFactory = _ => 1000 };
        var cases = new Option<string>("--cases") { Description = "Cases to run, comma-separated: demo (the 60-agent demo week), large (the generated centre).", DefaultValueFactory = _ => "demo,large" };
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/simulation-speed.md" };
        var command = new Command("simulate", "Simulator speed: the 60-agent demo week and a generated 1,000-agent centre, 100 replications, all cores against one thread.")
        {
            repeat, replications, solveSeconds, large, cases, output,
        };
        command.SetAction(parse =>
        {
            var runs = parse.GetValue(repeat);
            var count = parse.GetValue(replications);
            var solve = parse.GetValue(solveSeconds);
            var largeAgents = parse.GetValue(large);
            if (runs < 1 || count is < 1 or > SimulateCommand.MaxReplications || !(solve > 0 && solve <= 600) || largeAgents is < 10 or > 20_000)
            {
                throw new UserInputException("--repeat must be at least 1, --replications 1-100000, --solve-seconds in (0, 600], --large-agents 10-20000");
            }

            var chosen = parse.GetValue(cases)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (chosen.Count == 0 || chosen.Any(c => c is not ("demo" or "large")))
            {
                throw new UserInputException($"--cases: '{parse.GetValue(cases)}' must list demo and/or large");
            }

            var progress = context.Progress("bench simulate");
            var (forecast, config) = DemoWeek(progress);
            var rows = new List<string>();
            if (chosen.Contains("demo"))
            {
                var scenario = DemoScenario(forecast, config, 60);
                progress.Report($"solving the demo week's roster ({scenario.Agents.Count} agents, {solve:0} s)");
                var solved = RosterSolver.Solve(scenario, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(solve), Workers = Environment.ProcessorCount, Seed = 1 });
                if (solved.Roster is null)
                {
                    throw new UserInputException($"the solver found no roster for the demo week in {solve} s ({solved.Status}); give --solve-seconds more");
                }

                var report = RosterValidator.Validate(scenario, solved.Roster);
                progress.Report($"roster: {solved.Status}, {solved.Roster.Shifts.Count} shifts, {report.Violations.Count} hard violation(s) by the validator, {report.Coverage.Count(c => c.Short > 0)} of {report.Coverage.Count} intervals short of the requirement ({report.Coverage.Sum(c => c.Short)} agent-intervals)");
                var demoModel = RosterSimulation.Build(scenario, solved.Roster, forecast, config.Queues);
                rows.Add(Measure(context, progress, "demo week (solved roster)", demoModel, count, runs, 5));
            }

            if (chosen.Contains("large"))
            {
                var scaled = Scale(forecast, 16);
                var (largeScenario, largeRoster) = GeneratedCentre(scaled, config, largeAgents);
                var largeModel = RosterSimulation.Build(largeScenario, largeRoster, scaled, config.Queues);
                rows.Add(Measure(context, progress, "generated centre (x16 volumes)", largeModel, count, runs, 60));
            }
            AppendRows(parse.GetValue(output)!, rows);
            foreach (var row in rows)
            {
                context.Output.WriteLine(row);
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The demo centre's week as the CLI's demo command makes it: 8 weeks of history, top-down forecast, demo staffing.</summary>
    internal static (IReadOnlyList<ForecastInterval> Forecast, StaffingConfig Config) DemoWeek(IProgress<string> progress)
    {
        var data = DemoCentre.DataFolder();
        var config = StaffingConfig.Load(Path.Combine(data, "demo", "staffing.json"));
        progress.Report($"forecasting the demo week from {DemoCentre.ForecastStart}");
        using var writer = new StringWriter();
        DemoCentre.WriteHistory(data, writer);
        var import = HistoryReader.Read(new StringReader(writer.ToString()), "demo-history.csv", HistoryFormat.IntervalCsv);
        var forecast = Forecaster.Forecast(import.Observations, DemoCentre.Zone, import.IntervalLength, DemoCentre.ForecastStart, 1, new TopDownMethod(), SpecialDayCalendar.Empty);
        return (forecast, config);
    }

    /// <summary>
    /// The demo week as a roster scenario, as the web app plans it: the requirement on-line per queue, the generator's
    /// templates (8 h, 4 h, 6 h on every hour), Friday-Saturday weekends, and agents shaped like the demo's own
    /// (DemoSeeder: six queue mixes, one in eight part-time, a few remote in London and New York).
    /// </summary>
    internal static RosterScenario DemoScenario(IReadOnlyList<ForecastInterval> forecast, StaffingConfig config, int agents)
    {
        var first = forecast.Min(f => f.Start).InZone(DemoCentre.Zone).Date;
        var grid = new Domain.Time.IntervalGrid(DemoCentre.Zone, first, 7, Duration.FromMinutes(15));
        var skills = config.Queues.Select(q => q.Queue.Id).ToList();
        var needed = skills.ToDictionary(s => s, _ => new int[grid.Count]);
        foreach (var r in RequirementPlanner.Plan(forecast, config))
        {
            var t = grid.IndexOf(r.Start);
            if (t >= 0 && needed.TryGetValue(r.QueueId, out var row))
            {
                row[t] = r.Staffing.Agents;
            }
        }

        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        var list = new List<RosterAgent>();
        for (var i = 0; i < agents; i++)
        {
            var zone = (i % 60) switch
            {
                1 or 20 or 40 => london,
                30 or 50 or 55 => newYork,
                _ => DemoCentre.Zone,
            };
            var mix = i == 0 ? ["voice-bn", "voice-en", "chat-bn"] : Mixes[i % Mixes.Length];
            var partTime = i % 8 == 7;
            list.Add(new RosterAgent(
                $"a{i + 1:0000}",
                $"Agent {i + 1}",
                zone,
                mix.ToHashSet(StringComparer.Ordinal),
                (mix.Any(s => s.EndsWith("-en", StringComparison.Ordinal)) ? new[] { "bn", "en" } : ["bn"]).ToHashSet(StringComparer.Ordinal),
                new Contract(Duration.FromHours(partTime ? 12 : 32), Duration.FromHours(partTime ? 24 : 48), 6, partTime ? 2 : 1),
                zone != DemoCentre.Zone || i % 3 != 0,
                new Dictionary<IsoDayOfWeek, AvailabilityWindow>(),
                new HashSet<IsoDayOfWeek>(),
                new HashSet<LocalDate>(),
                [],
                []));
        }

        var rules = new RosterRules { WeekendDays = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday } };
        return new RosterScenario(DemoCentre.Zone, first, 7, Duration.FromMinutes(15), skills, needed, ScenarioGenerator.Templates(), list, rules);
    }

    /// <summary>The forecast with every interval's contacts multiplied (handle times unchanged).</summary>
    internal static IReadOnlyList<ForecastInterval> Scale(IReadOnlyList<ForecastInterval> forecast, double factor) =>
        [.. forecast.Select(f => f with { Contacts = f.Contacts * factor })];

    /// <summary>
    /// A large centre without the solver: the demo's agent mixes cycled over <paramref name="agents"/> agents, each
    /// working five 8-hour shifts (template ft8, breaks at staggered places inside their windows). Shifts are placed
    /// greedily, agent by agent: each shift goes to the start hour, on one of the agent's five best days, where the
    /// most of the on-line requirement of the agent's queues is still uncovered, and then covers it.
    /// </summary>
    internal static (RosterScenario Scenario, Roster Roster) GeneratedCentre(IReadOnlyList<ForecastInterval> forecast, StaffingConfig config, int agents)
    {
        var scenario = DemoScenario(forecast, config, agents);
        var grid = scenario.Grid;
        var n = grid.Count;
        var skills = scenario.Skills;
        var remaining = skills.Select(s => scenario.Requirements[s].Select(v => (double)v).ToArray()).ToArray();
        var template = scenario.Template("ft8");
        const int Length = 32; // quarter-hours in 8 hours
        var shifts = new List<ShiftAssignment>();
        for (var a = 0; a < scenario.Agents.Count; a++)
        {
            var agent = scenario.Agents[a];
            var mine = Enumerable.Range(0, skills.Count).Where(k => agent.Skills.Contains(skills[k])).ToArray();
            var best = new (double Score, int Start)[scenario.Days];
            for (var d = 0; d < scenario.Days; d++)
            {
                best[d] = (-1, 0);
                for (var h = 0; h < 24; h++)
                {
                    var first = (d * 96) + (h * 4);
                    double score = 0;
                    for (var t = first; t < first + Length && t < n; t++)
                    {
                        score += mine.Max(k => Math.Max(0, remaining[k][t]));
                    }

                    if (score > best[d].Score)
                    {
                        best[d] = (score, h);
                    }
                }
            }

            foreach (var d in Enumerable.Range(0, scenario.Days).OrderByDescending(d => best[d].Score).ThenBy(d => d).Take(5).Order())
            {
                var first = (d * 96) + (best[d].Start * 4);
                for (var t = first; t < first + Length && t < n; t++)
                {
                    var k = mine.MaxBy(k => remaining[k][t]);
                    remaining[k][t]--;
                }

                var date = scenario.FirstDate.PlusDays(d);
                var start = date.At(new LocalTime(best[d].Start, 0)).InZoneLeniently(scenario.Zone).ToInstant();
                BreakAssignment Break(string name, double hours, int minutes, bool paid) =>
                    new(name, start + Duration.FromMinutes(hours * 60), start + Duration.FromMinutes((hours * 60) + minutes), paid);
                shifts.Add(new ShiftAssignment(agent.Id, date, template.Id, new LocalTime(best[d].Start, 0), Duration.FromHours(8),
                [
                    Break("tea1", 1 + (0.25 * (a % 6)), 15, true),
                    Break("meal", 3 + (0.25 * (a % 7)), 30, false),
                    Break("tea2", 5.5 + (0.25 * (a % 8)), 15, true),
                ]));
            }
        }

        return (scenario, new Roster(shifts));
    }

    private static string Measure(CliContext context, IProgress<string> progress, string name, SimulationModel model, int replications, int runs, double targetSeconds)
    {
        // Warm-up until the hot loops have been recompiled with their profile (tiered PGO): at least three runs of
        // one batch and at least two seconds; otherwise the first measured runs pay for it.
        progress.Report($"{name}: {model.Agents.Count} agents, warming up");
        var warm = Stopwatch.StartNew();
        for (var w = 0; w < 3 || warm.Elapsed < TimeSpan.FromSeconds(2); w++)
        {
            ContactCentreSimulator.Run(model, new SimulationSettings(Replications: SimulationSettings.BatchSize, Seed: 99 + (ulong)w));
        }

        var load = LoadAverage();
        var parallel = Time(progress, $"{name}, {Environment.ProcessorCount} threads", model, replications, runs, null);
        var single = Time(progress, $"{name}, one thread", model, replications, runs, 1);
        var result = parallel.Result;
        var contacts = result.Queues.Sum(q => q.TotalOffered) * result.Replications;
        var identical = result.Events == single.Result.Events && result.ServiceLevel == single.Result.ServiceLevel;
        var met = parallel.Seconds <= targetSeconds;
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {model.Agents.Count} agents, {contacts / result.Replications:N0} contacts a week, {replications} replications: {parallel.Seconds:0.00} s on {Environment.ProcessorCount} threads, {single.Seconds:0.00} s on one; {result.Events / parallel.Seconds:N0} events/s. Target {targetSeconds:0} s: {(met ? "met" : "missed")}."));
        Log.Information("Simulation bench {Case}: {Seconds} s parallel, {Single} s one thread, {Events} events", name, parallel.Seconds, single.Seconds, result.Events);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {context.Clock.GetCurrentInstant().InUtc().Date:yyyy-MM-dd} | {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Split(' ')[0]} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}, load {load} | {name} | {model.Agents.Count:N0} | {contacts / result.Replications:N0} | {result.Replications} | {runs} | {parallel.Seconds:0.00} s | {single.Seconds:0.00} s | {single.Seconds / parallel.Seconds:0.00}x | {contacts:N0} | {result.Events:N0} | {result.Events / parallel.Seconds / 1e6:0.0} M | {result.ServiceLevel.Mean:P1} ± {result.ServiceLevel.HalfWidth * 100:0.0} | {(identical ? "yes" : "NO")} | {targetSeconds:0} s: {(met ? "met" : "missed")} |");
    }

    /// <summary>The one-minute load average before the measurement (Linux), to tell a busy machine's rows apart.</summary>
    private static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static (double Seconds, SimulationResult Result) Time(IProgress<string> progress, string name, SimulationModel model, int replications, int runs, int? parallelism)
    {
        var times = new double[runs];
        SimulationResult? result = null;
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            result = ContactCentreSimulator.Run(model, new SimulationSettings(replications, Seed: 1, Parallelism: parallelism));
            times[r] = clock.Elapsed.TotalSeconds;
            progress.Report(string.Create(CultureInfo.InvariantCulture, $"{name} run {r + 1}/{runs}: {times[r]:0.00} s, {result.Events:N0} events"));
        }

        Array.Sort(times);
        return (times[runs / 2], result!);
    }

    private static void AppendRows(string path, IEnumerable<string> rows)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full))
        {
            File.WriteAllText(full, """
                # Simulation speed

                Made by `scheduler bench simulate` (Release build: `dotnet run -c Release --project src/Scheduler.Cli -- bench simulate`).
                Each row is one measurement: the median of `runs` runs of `ContactCentreSimulator.Run` with 100 replications
                (seed 1), on every core, and the baseline in the same invocation: the same run on one thread
                (`Parallelism = 1`). "same result" checks that both gave the same events and service level, as the
                simulator promises for a seed on any number of threads. Warm-up runs of 10 replications (at least three, and at
                least 2 s) come first, so the hot loops are recompiled with their profile (tiered PGO) before anything is timed.

                - **demo week**: the demo centre's forecast week (history -> top-down forecast, as `scheduler demo` makes it),
                  the four demo queues of data/demo/staffing.json, 60 agents shaped like the web app's demo agents, and
                  the roster the solver (`RosterSolver`, default engine, 2 workers) finds in 20 s (`--solve-seconds`).
                  Solving is cheap (the first roster comes within a second) and always fits the current demo data, where
                  a stored roster file would go stale when the demo history, templates or targets change; the solver's
                  roster differs a little from run to run, hence events differ slightly between rows. Target: at most
                  5 s on 2 cores.
                - **generated centre**: the same week with every queue's contacts x16, 1,000 agents with the demo's six queue
                  mixes, five 8-hour shifts each (breaks staggered in their windows), placed greedily where the most of the
                  on-line requirement of the agent's queues is still uncovered (no solver). Target: at most 60 s on 2 cores.

                Contacts simulated = contacts offered per week x replications; events = arrivals, completions and duty changes.
                "load" is the machine's one-minute load average just before the case was measured: on a machine shared
                with other work the all-cores figure suffers most (the simulator waits for each batch of 10 replications).

                | date | machine | case | agents | contacts / week | replications | runs | all cores (median) | one thread (median) | speed-up | contacts simulated | events | events/s (all cores) | voice+chat SL | same result | target |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |

                """);
        }

        File.AppendAllLines(full, rows);
    }
}
