using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Simulation;
using Scheduler.Domain.Staffing;
using Scheduler.Solver;
using Serilog;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>simulate</c>: plays a roster against its forecast contact by contact (<see cref="ContactCentreSimulator"/>) and
/// sets the result beside the Erlang projection of the same roster.
/// </summary>
/// <remarks>
/// The Erlang projection is the one the coverage page shows (CoverageService): per interval and skill, the agents the
/// roster validator counts on that skill (each agent on one skill, up to the requirement), through
/// <see cref="ServiceProjection.ServiceLevel"/>, weighted by the forecast's contacts over the horizon. The simulation
/// instead lets every agent on duty take any of their queues, so the two differ most where agents are shared.
/// </remarks>
public static class SimulateCommand
{
    public const int MaxReplications = 100_000;

    public static Command Create(CliContext context)
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario JSON (docs/formats/scenario.md).", Required = true };
        var roster = new Option<string>("--roster") { Description = "Roster JSON (docs/formats/roster.md).", Required = true };
        var forecast = new Option<string>("--forecast") { Description = "Forecast CSV (from the forecast command).", Required = true };
        var config = new Option<string>("--config") { Description = "Staffing configuration JSON (docs/formats/staffing-config.md).", Required = true };
        var replications = new Option<int>("--replications") { Description = $"Replications of the horizon, 1-{MaxReplications}.", DefaultValueFactory = _ => 100 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed: the same seed gives the same figures on any machine.", DefaultValueFactory = _ => 1 };
        var halfWidth = new Option<double?>("--half-width") { Description = "Stop early once the 95 % interval of the live queues' service level is at most this wide on each side (0.005 = ±0.5 points)." };
        var json = new Option<string?>("--json") { Description = "Also write the figures as JSON (docs/formats/simulation-json.md)." };
        var improve = new Option<int>("--improve") { Description = $"Feed the simulation back to the solver: up to this many rounds (1-{MaxRounds}) of raising the requirement where the simulated service level is short and re-solving from the roster; needs --out.", DefaultValueFactory = _ => 0 };
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds of each --improve round's solve.", DefaultValueFactory = _ => 30 };
        var output = new Option<string?>("--out") { Description = "With --improve: the best round's roster JSON." };
        var command = new Command("simulate", "Play a roster contact by contact over many replications: service level with its 95 % interval, ASA, abandonment, email past deadline, occupancy, beside the Erlang projection.")
        {
            scenario, roster, forecast, config, replications, seed, halfWidth, json, improve, timeLimit, output,
        };
        command.SetAction((parse, ct) =>
        {
            var count = parse.GetValue(replications);
            if (count is < 1 or > MaxReplications)
            {
                throw new UserInputException($"--replications must be 1 to {MaxReplications:N0}, not {count}");
            }

            var width = parse.GetValue(halfWidth);
            if (width is { } w && !(w > 0 && w < 1))
            {
                throw new UserInputException($"--half-width must be above 0 and below 1 (a share: 0.005 is ±0.5 points), not {w.ToString(CultureInfo.InvariantCulture)}");
            }

            var rounds = parse.GetValue(improve);
            var limit = parse.GetValue(timeLimit);
            var improved = parse.GetValue(output);
            if (rounds is < 0 or > MaxRounds)
            {
                throw new UserInputException($"--improve must be 0 to {MaxRounds} rounds, not {rounds}");
            }

            if (rounds > 0 && (improved is null || !(limit is >= 1 and <= 3600)))
            {
                throw new UserInputException(improved is null ? "--improve needs --out FILE for the improved roster" : $"--time-limit must be 1 to 3600 seconds, not {limit.ToString(CultureInfo.InvariantCulture)}");
            }

            var inputs = Load(parse.GetValue(scenario)!, parse.GetValue(roster)!, parse.GetValue(forecast)!, parse.GetValue(config)!);
            var settings = new SimulationSettings(count, parse.GetValue(seed), width);
            if (rounds > 0)
            {
                return Task.FromResult(Improve(context, inputs, settings, rounds, limit, improved!, ct));
            }

            var progress = context.Progress("simulate");
            progress.Report($"{inputs.Model.Agents.Count} agents on {inputs.Model.Queues.Count} queues over {inputs.Model.Intervals} intervals, up to {count} replications");
            var clock = Stopwatch.StartNew();
            SimulationResult result;
            try
            {
                result = ContactCentreSimulator.Run(inputs.Model, settings, done => progress.Report($"{done}/{count} replications"), ct);
            }
            catch (SimulationInputException e)
            {
                throw new UserInputException(e.Message);
            }

            var elapsed = clock.Elapsed;
            var projection = Project(inputs);
            Log.Information("Simulated {Agents} agents, {Replications} replications, {Events} events in {Seconds} s", inputs.Model.Agents.Count, result.Replications, result.Events, elapsed.TotalSeconds);
            Print(context, inputs, result, projection, elapsed);
            if (parse.GetValue(json) is { } path)
            {
                ForecastCommand.WriteAtomically(path, writer => writer.Write(Json(inputs, result, projection, settings, elapsed)));
                context.Output.WriteLine($"Wrote {path}.");
            }

            return Task.FromResult(CliApp.Ok);
        });
        return command;
    }

    public const int MaxRounds = 10;

    /// <summary>
    /// <c>--improve</c>: <see cref="SimulationFeedback"/> round by round, each round's cost (the validator's, against the
    /// scenario's own requirement), simulated service level per queue and intervals short shown, the best roster written.
    /// </summary>
    private static int Improve(CliContext context, Inputs inputs, SimulationSettings settings, int rounds, double seconds, string output, CancellationToken ct)
    {
        var progress = context.Progress("improve");
        var solve = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(seconds), Seed = (int)(settings.Seed % int.MaxValue) };
        FeedbackResult result;
        try
        {
            result = SimulationFeedback.Improve(inputs.Scenario, inputs.Roster, inputs.Forecast, inputs.Config.Queues, new FeedbackOptions(rounds, solve, settings),
                roundDone: r => progress.Report(string.Create(CultureInfo.InvariantCulture, $"round {r.Round}: cost {r.Cost:N0}, service level {Share(r.Simulation.ServiceLevel)}, {r.Below} queue-intervals below target")), ct: ct);
        }
        catch (SimulationInputException e)
        {
            throw new UserInputException(e.Message);
        }

        var console = CliContext.PlainConsole(context.Output);
        var queues = result.Rounds[0].Simulation.Queues.Select(q => q.QueueId).ToList();
        var table = new Table().Title("Simulate, raise the requirement where service is short, re-solve from the roster (cost: the validator's, against the scenario's requirement)")
            .AddColumns(["round", "agent-intervals added", "cost", "shifts", .. queues.Select(q => $"{q} SL"), "queue-intervals below target", "meets targets"]);
        foreach (var r in result.Rounds)
        {
            table.AddRow([
                r.Round == result.BestRound ? $"{r.Round} (best)" : r.Round.ToString(CultureInfo.InvariantCulture),
                r.Added.ToString(CultureInfo.InvariantCulture),
                r.Cost.ToString("N0", CultureInfo.InvariantCulture),
                r.Roster.Shifts.Count.ToString(CultureInfo.InvariantCulture),
                .. r.Simulation.Queues.Select(q => Share(q.ServiceLevel)),
                r.Below.ToString(CultureInfo.InvariantCulture),
                r.MeetsTargets ? "yes" : "no",
            ]);
        }

        console.Write(table);
        var best = result.Best;
        var report = RosterValidator.Validate(inputs.Scenario, best.Roster);
        if (!report.IsValid)
        {
            // Never expected: every round's roster comes from the solver, judged here by the validator all the same.
            throw new InvalidOperationException($"round {best.Round}'s roster breaks a hard rule: {report.Violations[0].Description}");
        }

        ForecastCommand.WriteAtomically(output, w => w.Write(RosterJson.Write(best.Roster)));
        var verdict = best.MeetsTargets
            ? $"Round {best.Round} meets every service-level target at the lowest cost."
            : string.Create(CultureInfo.InvariantCulture, $"No round meets every target; round {best.Round} comes closest (worst queue {best.WorstMargin * 100:+0.0;-0.0} points from its target; more agents or other skills are needed).");
        context.Output.WriteLine($"{verdict} Wrote {output}.");
        return CliApp.Ok;
    }

    /// <summary>What one simulation is made from, read and checked; every problem is a <see cref="UserInputException"/> naming its file.</summary>
    internal sealed record Inputs(RosterScenario Scenario, Roster Roster, IReadOnlyList<ForecastInterval> Forecast, StaffingConfig Config, SimulationModel Model);

    internal static Inputs Load(string scenarioPath, string rosterPath, string forecastPath, string configPath)
    {
        var scenario = ScenarioJson.Load(StaffCommand.RequireFile(scenarioPath));
        var roster = RosterJson.Load(StaffCommand.RequireFile(rosterPath));
        var forecast = ForecastFile.Read(StaffCommand.RequireFile(forecastPath));
        var config = StaffingConfig.Load(StaffCommand.RequireFile(configPath));
        var rosterName = Path.GetFileName(rosterPath);
        var forecastName = Path.GetFileName(forecastPath);
        if (roster.Shifts.Count == 0)
        {
            throw new UserInputException($"{rosterName}: $.shifts is empty: there are no agents to simulate");
        }

        try
        {
            RosterSimulation.Agents(scenario, roster, scenario.Grid.Start);
        }
        catch (SimulationInputException e)
        {
            throw new UserInputException($"{rosterName}: {e.Message} (scenario {Path.GetFileName(scenarioPath)})");
        }

        var queues = config.Queues.Where(q => scenario.Skills.Contains(q.Queue.Id)).Select(q => q.Queue.Id).ToHashSet(StringComparer.Ordinal);
        var grid = scenario.Grid;
        foreach (var f in forecast)
        {
            if (queues.Contains(f.QueueId) && f.Start >= grid.Start && f.Start < grid.End && f.Contacts > 0 && !(f.AhtSeconds > 0))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{forecastName}: aht_seconds: queue '{f.QueueId}' at {Instant(f.Start)} has {f.Contacts:0.##} contacts but an AHT of {f.AhtSeconds:0.##} s; a queue with contacts needs a handle time"));
            }
        }

        SimulationModel model;
        try
        {
            model = RosterSimulation.Build(scenario, roster, forecast, config.Queues);
        }
        catch (SimulationInputException e)
        {
            throw new UserInputException($"{forecastName} / {Path.GetFileName(configPath)}: {e.Message}");
        }

        if (model.Agents.Count == 0)
        {
            throw new UserInputException($"{rosterName}: no shift of the roster puts an agent on duty: there are no agents to simulate");
        }

        return new Inputs(scenario, roster, forecast, config, model);
    }

    /// <summary>The Erlang projection of the roster for one queue: per interval, the agents counted and the service level.</summary>
    internal sealed record Projection(string QueueId, int[] Agents, double?[] ServiceLevel, double? WeekServiceLevel);

    /// <summary>Per queue of the model, the coverage page's projection: validator-counted agents, ServiceProjection, contact-weighted.</summary>
    internal static IReadOnlyList<Projection> Project(Inputs inputs)
    {
        var n = inputs.Model.Intervals;
        var coverage = RosterValidator.Validate(inputs.Scenario, inputs.Roster).Coverage.Where(c => c.Interval < n).ToList();
        var points = RosterServiceProjection.Points([.. inputs.Model.Queues.Select(q => q.Id)], coverage, inputs.Forecast, inputs.Config);
        var result = new List<Projection>();
        foreach (var queue in inputs.Model.Queues)
        {
            var agents = new int[n];
            var sl = new double?[n];
            var mine = points.Where(p => p.Skill == queue.Id).ToList();
            for (var k = 0; k < mine.Count; k++)
            {
                agents[coverage[k].Interval] = mine[k].Scheduled;
                sl[coverage[k].Interval] = mine[k].ServiceLevel;
            }

            result.Add(new Projection(queue.Id, agents, sl, RosterServiceProjection.Weighted(mine)));
        }

        return result;
    }

    private static void Print(CliContext context, Inputs inputs, SimulationResult result, IReadOnlyList<Projection> projection, TimeSpan elapsed)
    {
        var console = CliContext.PlainConsole(context.Output);
        var scenario = inputs.Scenario;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{inputs.Model.Agents.Count} agents, {scenario.FirstDate:uuuu-MM-dd} .. {scenario.LastDate:uuuu-MM-dd} ({scenario.Zone.Id}), {result.Replications} replications."));
        var queues = new Table().Title("Per queue over the horizon: simulated (95 % interval over replications) and the Erlang projection of the same roster")
            .AddColumns("queue", "channel", "target", "offered", "SL simulated", "SL Erlang", "Erlang - simulated", "ASA", "abandoned", "email past deadline");
        foreach (var q in result.Queues)
        {
            var erlang = projection.First(p => p.QueueId == q.QueueId).WeekServiceLevel;
            var offered = q.TotalOffered;
            queues.AddRow(
                q.QueueId,
                q.Channel.ToString().ToLowerInvariant(),
                Target(q),
                offered.ToString("N0", CultureInfo.InvariantCulture),
                Share(q.ServiceLevel),
                erlang is { } e ? e.ToString("P1", CultureInfo.InvariantCulture) : "–",
                Difference(erlang, q.ServiceLevel),
                q.Channel == Channel.Email ? "–" : Seconds(q.Asa),
                q.Channel == Channel.Email ? "–" : Share(q.Abandonment),
                q.Channel == Channel.Email ? PastDeadline(q) : "–");
        }

        console.Write(queues);
        context.Output.WriteLine("* the Erlang projection lies outside the simulation's 95 % interval. The projection counts each agent on one skill, up to the requirement; the simulation lets every agent on duty take any of their queues.");
        var groups = new Table().Title("Occupancy per agent group (agents with the same queues)").AddColumns("queues", "agents", "duty hours / replication", "occupancy");
        foreach (var g in result.Groups.OrderByDescending(g => g.Agents))
        {
            groups.AddRow(
                g.Queues.Count == 0 ? "(none of the simulated queues)" : string.Join(", ", g.Queues),
                g.Agents.ToString(CultureInfo.InvariantCulture),
                g.DutyHours.ToString("N0", CultureInfo.InvariantCulture),
                g.Occupancy.ToString("P1", CultureInfo.InvariantCulture));
        }

        console.Write(groups);
        context.Output.WriteLine("Occupancy = time on duty holding at least one contact / time on duty.");
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        context.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Voice and chat together: {Share(result.ServiceLevel)}. {result.Replications} replications, {result.Events:N0} events in {elapsed.TotalSeconds:0.00} s ({result.Events / seconds:N0} events per second)."));
    }

    private static string Target(QueueOutcome q) => q.Channel == Channel.Email
        ? string.Create(CultureInfo.InvariantCulture, $"within {q.ThresholdSeconds / 3600:0.#} h")
        : q.TargetFraction is { } f ? string.Create(CultureInfo.InvariantCulture, $"{f:P0} in {q.ThresholdSeconds:0} s") : "–";

    private static string Share(Estimate e) => double.IsNaN(e.Mean) ? "–" : double.IsFinite(e.HalfWidth)
        ? string.Create(CultureInfo.InvariantCulture, $"{e.Mean:P1} ± {e.HalfWidth * 100:0.0}")
        : e.Mean.ToString("P1", CultureInfo.InvariantCulture);

    private static string Seconds(Estimate e) => double.IsNaN(e.Mean) ? "–" : double.IsFinite(e.HalfWidth)
        ? string.Create(CultureInfo.InvariantCulture, $"{e.Mean:0.0} s ± {e.HalfWidth:0.0}")
        : string.Create(CultureInfo.InvariantCulture, $"{e.Mean:0.0} s");

    private static string Difference(double? erlang, Estimate simulated)
    {
        if (erlang is not { } e || double.IsNaN(simulated.Mean))
        {
            return "–";
        }

        var points = (e - simulated.Mean) * 100;
        var outside = !simulated.Contains(e);
        return string.Create(CultureInfo.InvariantCulture, $"{points:+0.0;-0.0;0.0} pts{(outside ? " *" : string.Empty)}");
    }

    private static string PastDeadline(QueueOutcome q)
    {
        var past = q.PastDeadline.Sum();
        var offered = q.TotalOffered;
        return string.Create(CultureInfo.InvariantCulture, $"{past:N0} ({(offered > 0 ? past / offered : 0):P1})");
    }

    private static string Instant(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>The JSON of docs/formats/simulation-json.md.</summary>
    internal static string Json(Inputs inputs, SimulationResult result, IReadOnlyList<Projection> projection, SimulationSettings settings, TimeSpan elapsed)
    {
        var grid = inputs.Scenario.Grid;
        var n = result.Intervals;
        var starts = Enumerable.Range(0, n).Select(i => Instant(grid.Intervals[i].Start)).ToArray();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("format", "scheduler-simulation/1");
            w.WriteString("zone", inputs.Scenario.Zone.Id);
            w.WriteString("start", Instant(result.Start));
            w.WriteNumber("intervalMinutes", result.IntervalLength.TotalMinutes);
            w.WriteNumber("intervals", n);
            w.WriteNumber("agents", inputs.Model.Agents.Count);
            w.WritePropertyName("run");
            w.WriteStartObject();
            w.WriteNumber("replications", result.Replications);
            w.WriteNumber("maxReplications", settings.Replications);
            w.WriteNumber("seed", settings.Seed);
            Number(w, "targetHalfWidth", settings.TargetHalfWidth);
            w.WriteNumber("events", result.Events);
            w.WriteNumber("elapsedSeconds", Math.Round(elapsed.TotalSeconds, 3));
            w.WriteNumber("eventsPerSecond", Math.Round(result.Events / Math.Max(elapsed.TotalSeconds, 1e-9)));
            w.WriteEndObject();
            EstimateObject(w, "serviceLevel", result.ServiceLevel);
            w.WritePropertyName("queues");
            w.WriteStartArray();
            foreach (var q in result.Queues)
            {
                var p = projection.First(x => x.QueueId == q.QueueId);
                w.WriteStartObject();
                w.WriteString("id", q.QueueId);
                w.WriteString("channel", q.Channel.ToString().ToLowerInvariant());
                w.WriteNumber("thresholdSeconds", q.ThresholdSeconds);
                Number(w, "targetFraction", q.TargetFraction);
                w.WritePropertyName("week");
                w.WriteStartObject();
                w.WriteNumber("offered", q.TotalOffered);
                w.WriteNumber("answered", q.Answered.Sum());
                w.WriteNumber("answeredInTime", q.AnsweredInTime.Sum());
                w.WriteNumber("abandoned", q.Abandoned.Sum());
                w.WriteNumber("pastDeadline", q.PastDeadline.Sum());
                w.WriteNumber("unanswered", q.Unanswered.Sum());
                EstimateObject(w, "serviceLevel", q.ServiceLevel);
                EstimateObject(w, "asaSeconds", q.Asa);
                EstimateObject(w, "abandonment", q.Abandonment);
                Number(w, "erlangServiceLevel", p.WeekServiceLevel);
                w.WriteEndObject();
                w.WritePropertyName("intervals");
                w.WriteStartObject();
                w.WritePropertyName("start");
                w.WriteStartArray();
                foreach (var s in starts)
                {
                    w.WriteStringValue(s);
                }

                w.WriteEndArray();
                Array(w, "offered", q.Offered);
                Array(w, "answered", q.Answered);
                Array(w, "answeredInTime", q.AnsweredInTime);
                Array(w, "abandoned", q.Abandoned);
                Array(w, "pastDeadline", q.PastDeadline);
                Array(w, "unanswered", q.Unanswered);
                Array(w, "serviceLevel", [.. Enumerable.Range(0, n).Select(q.ServiceLevelAt)]);
                Array(w, "asaSeconds", [.. Enumerable.Range(0, n).Select(q.AsaAt)]);
                w.WritePropertyName("erlangAgents");
                w.WriteStartArray();
                foreach (var a in p.Agents)
                {
                    w.WriteNumberValue(a);
                }

                w.WriteEndArray();
                Array(w, "erlangServiceLevel", p.ServiceLevel);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("groups");
            w.WriteStartArray();
            foreach (var g in result.Groups)
            {
                w.WriteStartObject();
                w.WritePropertyName("queues");
                w.WriteStartArray();
                foreach (var id in g.Queues)
                {
                    w.WriteStringValue(id);
                }

                w.WriteEndArray();
                w.WriteNumber("agents", g.Agents);
                w.WriteNumber("dutyHours", g.DutyHours);
                w.WriteNumber("occupancy", g.Occupancy);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void EstimateObject(Utf8JsonWriter w, string name, Estimate e)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        Number(w, "mean", e.Mean);
        Number(w, "halfWidth", e.HalfWidth);
        Number(w, "low", e.Low);
        Number(w, "high", e.High);
        w.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter w, string name, IEnumerable<double> values) => Array(w, name, values.Select(v => (double?)v));

    private static void Array(Utf8JsonWriter w, string name, IEnumerable<double?> values)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var v in values)
        {
            if (v is { } x && double.IsFinite(x))
            {
                w.WriteNumberValue(Math.Round(x, 6));
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
    }

    /// <summary>A number, or null when there is none (no contacts, one replication's infinite interval).</summary>
    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } x && double.IsFinite(x))
        {
            w.WriteNumber(name, x);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
