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
public static class SimulationValidationBench
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

    // ------------------------------------------------------------------------------------------------------------
    // 1. Exact formulas
    // ------------------------------------------------------------------------------------------------------------

    private static string ExactFormulas(Runner run, StringBuilder doc)
    {
        const double aht = 180;
        const double patience = 300;
        double[] loads = [1, 2, 5, 10, 20, 50, 100, 200, 500];
        var rows = new List<ExactRow>();
        var cases = new List<(string Model, double Load, int Agents)>();
        foreach (var load in loads)
        {
            cases.Add(("C", load, ErlangC.RequiredAgents(load, aht, Threshold, 0.8).Agents));
        }

        foreach (var load in loads)
        {
            cases.Add(("A", load, ErlangA.RequiredAgents(load, aht, patience, Threshold, ErlangAGoal.ServiceLevel, 0.8).Agents));
        }

        // Two overloaded queues (agents below the load), stable only because callers give up: Erlang A's own ground.
        cases.Add(("A", 20, 18));
        cases.Add(("A", 200, 180));

        foreach (var (modelName, load, agents) in cases)
        {
            var days = HorizonDays(load, aht);
            var n = days * 96;
            if (modelName == "C")
            {
                var formula = ErlangC.Evaluate(agents, load, aht, Threshold);
                var result = run.Simulate(OneQueue(load, aht, agents, n, Threshold, PatienceModel.Infinite), $"Erlang C, {load} Erlangs, {agents} agents");
                var q = result.Queues[0];
                var startUp = StartUp(q);
                rows.Add(new ExactRow("C", load, agents, days, "service level (20 s)", formula.ServiceLevel, q.ServiceLevel, 100, startUp));
                rows.Add(new ExactRow("C", load, agents, days, "ASA (s)", formula.Asa, q.Asa, 1, null));
                var zero = run.Simulate(OneQueue(load, aht, agents, n, 0, PatienceModel.Infinite), $"Erlang C P(wait), {load} Erlangs");
                var answeredAtOnce = zero.Queues[0].ServiceLevel;
                rows.Add(new ExactRow("C", load, agents, days, "P(wait) = 1 − SL(0 s)", formula.ProbabilityOfWaiting, new Estimate(1 - answeredAtOnce.Mean, answeredAtOnce.HalfWidth), 100, null));
            }
            else
            {
                var formula = ErlangA.Evaluate(agents, load, aht, patience, Threshold);
                var result = run.Simulate(OneQueue(load, aht, agents, n, Threshold, new PatienceModel.Exponential(patience)), $"Erlang A, {load} Erlangs, {agents} agents");
                var q = result.Queues[0];
                rows.Add(new ExactRow("A", load, agents, days, "service level (20 s)", formula.ServiceLevel, q.ServiceLevel, 100, StartUp(q)));
                rows.Add(new ExactRow("A", load, agents, days, "abandonment", formula.Abandonment, q.Abandonment, 100, null));
                rows.Add(new ExactRow("A", load, agents, days, "ASA (s)", formula.Asa, q.Asa, 1, null));
            }
        }

        var inside = rows.Count(r => r.Inside);
        var target = rows.Where(r => r.Measure.StartsWith("service", StringComparison.Ordinal) && r.Exact >= 0.5).Select(r => r.Exact).ToList();
        doc.AppendLine("## 1. Against exact formulas");
        doc.AppendLine();
        doc.AppendLine(Inv($"One voice queue at a constant load, AHT {aht:0} s, the same agents on duty throughout (from the start until 4 h after the last arrival), exponential handle times. Erlang C: callers never give up. Erlang A: exponential patience with mean {patience:0} s. Agents: the fewest that reach 80 % within 20 s by `ErlangC.RequiredAgents` / `ErlangA.RequiredAgents` (so the exact service level lands between {target.Min():P0} and {target.Max():P0}), plus two overloaded Erlang A queues (18 agents for 20 Erlangs, 180 for 200). The probability of waiting is measured as 1 − the service level with a threshold of 0 s (a separate run). Loads from 1 to 500 Erlangs; the horizon is at least 4 days and long enough for about 500,000 calls per replication (up to 90 days for the smallest loads), {run.Replications} replications each."));
        doc.AppendLine();
        var startUps = rows.Where(r => r.StartUp is not null).ToList();
        var worstStartUp = startUps.MaxBy(r => Math.Abs(r.StartUp!.Value) / r.Simulated.HalfWidth)!;
        doc.AppendLine(Inv($"**{inside} of {rows.Count} exact values lie inside the simulation's 95 % confidence interval.** With {rows.Count} intervals about {rows.Count * 0.05:0.#} misses are expected by chance alone. The column *÷ half-width* is the difference divided by the half-width: inside the interval when it is between −1 and 1, a near miss a little beyond, a bias far beyond. Rows of one load share a simulation run, so their misses are not independent."));
        doc.AppendLine();
        doc.AppendLine(Inv($"Start-up bias: every replication starts with nobody waiting and all agents free, and nothing is discarded. The column *start-up* is the horizon's simulated service level minus the same figure without its first 4 hours (from the per-interval means): the part of the estimate owed to the empty start. It is at most {Math.Abs(worstStartUp.StartUp!.Value) / worstStartUp.Simulated.HalfWidth:P0} of the confidence half-width (at {worstStartUp.Load:0} Erlangs, Erlang {worstStartUp.Model}), because a queue forgets its empty start within minutes to an hour (longer the closer the occupancy is to 1) and the horizon is days long. Near occupancy 1 (500 Erlangs on 510 agents is 98 %) a day's service level still wanders by a couple of points from day to day, which is why the big loads keep wide intervals even with half a million calls per replication."));
        doc.AppendLine();
        foreach (var model in new[] { "C", "A" })
        {
            doc.AppendLine(model == "C" ? "### Erlang C (M/M/n)" : Inv($"### Erlang A (M/M/n+M, mean patience {patience:0} s)"));
            doc.AppendLine();
            doc.AppendLine("| load (Erlangs) | agents | horizon | measure | exact | simulated mean ± half-width | difference | ÷ half-width | inside CI | start-up |");
            doc.AppendLine("| ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | :---: | ---: |");
            foreach (var r in rows.Where(r => r.Model == model))
            {
                var unit = r.Scale == 100 ? " %" : " s";
                doc.AppendLine(Inv($"| {r.Load:0} | {r.Agents} | {r.Days} d | {r.Measure} | {r.Exact * r.Scale:0.00}{unit} | {r.Simulated.Mean * r.Scale:0.00} ± {r.Simulated.HalfWidth * r.Scale:0.00}{unit} | {Signed((r.Simulated.Mean - r.Exact) * r.Scale, "0.00")} | {Signed(r.Ratio, "0.00")} | {(r.Inside ? "yes" : "**no**")} | {(r.StartUp is { } s ? Signed(s * 100, "0.000") + " pt" : "")} |"));
            }

            doc.AppendLine();
        }

        var misses = rows.Where(r => !r.Inside).Select(r => Inv($"{r.Model} {r.Load:0} Erl {r.Measure.Split(' ')[0]} ({Signed(r.Ratio, "0.00")} half-widths)")).ToList();
        return Inv($"{inside} of {rows.Count} Erlang C and A values (service level, ASA, P(wait), abandonment; 1-500 Erlangs) inside the simulation's 95 % confidence interval{(misses.Count > 0 ? "; outside: " + string.Join(", ", misses) : "")}.");
    }

    private sealed record ExactRow(string Model, double Load, int Agents, int Days, string Measure, double Exact, Estimate Simulated, double Scale, double? StartUp)
    {
        public bool Inside => Simulated.Contains(Exact);

        /// <summary>Difference over the half-width: within ±1 inside the confidence interval.</summary>
        public double Ratio => (Simulated.Mean - Exact) / Simulated.HalfWidth;
    }

    /// <summary>At least 4 days, and about 500,000 calls per replication, at most 90 days.</summary>
    private static int HorizonDays(double load, double aht) => Math.Clamp((int)Math.Ceiling(500_000 / (load * 86_400 / aht)), 4, 90);

    private static SimulationModel OneQueue(double load, double aht, int agents, int intervals, double threshold, PatienceModel patience)
    {
        var perInterval = load * Quarter.TotalSeconds / aht;
        var queue = new SimulatedQueue("q", Channel.Voice, threshold, 0.8, Enumerable.Repeat(perInterval, intervals).ToArray(), Enumerable.Repeat(aht, intervals).ToArray(), new HandleTimeModel.Exponential(), patience);
        var end = (intervals * Quarter.TotalSeconds) + (4 * 3600);
        var staff = Enumerable.Range(0, agents).Select(i => new SimulatedAgent($"a{i}", ["q"], [new DutySpan(0, end)])).ToArray();
        return new SimulationModel(Origin, Quarter, intervals, [queue], staff);
    }

    /// <summary>Service level over the whole horizon minus the same without its first 4 hours (per-interval means).</summary>
    private static double StartUp(QueueOutcome q) =>
        q.ServiceLevelOver(0, q.Offered.Length)!.Value - q.ServiceLevelOver(16, q.Offered.Length - 16)!.Value;

    // ------------------------------------------------------------------------------------------------------------
    // 2. Real data
    // ------------------------------------------------------------------------------------------------------------

    /// <summary>Call types simulated as queues (AA, undocumented, has 2 calls in January, both hung up in the VRU).</summary>
    private static readonly string[] Types = ["PS", "NW", "NE", "TT", "PE", "IN"];

    private static readonly Duration DefaultGap = Duration.FromMinutes(15);
    private static readonly int[] GapMinutes = [5, 10, 15, 30, 60];
    private const int MinSkillCalls = 5;

    /// <summary>Suffix of the queue of priority-2 customers of a type, in the priority variant.</summary>
    private const string PriorityQueue = "+";

    private static string RealData(Runner run, (string Name, string Path)[] files, StringBuilder doc)
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Jerusalem"];
        var months = files.Select(f =>
        {
            run.Progress.Report($"reading {Path.GetFileName(f.Path)}");
            return Month.Build(f.Name, AnonymousBankCallReader.Read(f.Path), zone);
        }).ToList();

        // Every month at each gap (the default is the main result), and once more with priority customers first.
        var outcomes = new Dictionary<int, List<MonthOutcome>>();
        foreach (var gap in GapMinutes)
        {
            outcomes[gap] = [.. months.Select(m => m.Play(run, Duration.FromMinutes(gap)))];
        }

        var main = outcomes[(int)DefaultGap.TotalMinutes];
        var priority = months.Select(m => m.Play(run, DefaultGap, priorityFirst: true)).ToList();

        doc.AppendLine("## 2. Against real data: Anonymous Bank, January and February 1999");
        doc.AppendLine();
        doc.AppendLine("The raw call records of the Technion's Anonymous Bank data (`../shared/datasets/anonymous_bank_1999/raw`, read call by call by `AnonymousBankCallReader`), replayed month by month: each call type is a queue, the arrivals per 15-minute interval are the month's actual counts, and the agents are the bank's own agents, present when the records show them at work. Then the simulated service level, ASA and abandonment are set beside what the records measured, and beside Erlang A computed per interval with the same agents.");
        doc.AppendLine();
        doc.AppendLine("### How the month is rebuilt");
        doc.AppendLine();
        doc.AppendLine("- **Calls.** A call reaches the queue when it leaves the VRU (`vru_exit`), and is counted in that interval. Left out of every figure (measured and simulated alike): PHANTOM records (the data set says to ignore them), calls that hung up *in the VRU* (`q_start` = `q_exit` = 0:00:00: no agent could have answered them), AGENT calls answered by `NO_SERVER` (about 490 a month, nearly all straight from the VRU without queueing, a median `ser_time` of 6 s, and no named agent whose time they took), and type `AA` (2 records). A call served straight from the VRU (not queued) counts as waiting 0 s.");
        doc.AppendLine("- **Measured.** Service level = answered with `q_time` ≤ 20 s ÷ offered (the README's 20-s threshold; abandoned calls are misses); abandonment = hung up in the queue ÷ offered; ASA = mean `q_time` of answered calls.");
        doc.AppendLine(Inv($"- **Agents present.** A server is present from the start of a call (`ser_start`) to its end (`ser_start` + `ser_time`), and between two of their calls when the gap between the end of one and the start of the next is shorter than {DefaultGap.TotalMinutes:0} minutes (`ServerPresence.Sessions`); a longer gap is taken as a break or the end of the shift. Each stretch becomes a duty span of one simulated agent, to the second. For Erlang A and the tables, agents per interval = seconds of presence in the interval ÷ 900 (`ServerPresence.AveragePerInterval`). This is an estimate: call records do not say when an agent logged in, so agents idle before their first call or after their last, or for longer than the gap in a quiet hour, are missed (too few agents), and a break shorter than the gap is counted as presence (too many). The sensitivity table below varies the gap."));
        doc.AppendLine(Inv($"- **Skills.** A server serves a call type in the simulation if they answered at least {MinSkillCalls} calls of it that month (most answered `PS`, `NW`, `NE` and `TT`; fewer took `PE`, English, and `IN`, internet). Routing is the simulator's own: a free agent takes the longest-waiting call among their types; a new call goes to a free agent of the most specialised group."));
        doc.AppendLine("- **Handle time** per type: a log-normal fitted to the month's `ser_time` of answered calls (`HandleTimeModel.FitLogNormal`, zeros dropped): its σ gives the shape, the sample mean is the AHT. Talk time only: the data has no wrap-up. A service that runs past midnight ends the next day (`ser_start` + `ser_time`).");
        doc.AppendLine("- **Patience** per type: the Kaplan-Meier estimate from the month's queued calls (`PatienceModel.FromWaits`): the wait of a call that hung up in the queue is its patience; the wait of an answered call is censored (its patience was longer).");
        doc.AppendLine("- **Arrivals** in the simulation are Poisson with the interval's actual count as the mean (the simulator draws arrivals; it does not replay times), so the simulated figures are what the month's staffing gives *on average* for that demand, and one real day is one draw.");
        doc.AppendLine("- **Erlang A projection**, per interval: one pooled queue (all types: almost every agent takes PS, NW, NE and TT, see the skills table), the interval's calls, AHT = the load-weighted mean of the types' AHTs, mean patience = calls hung up in the queue ÷ total time in queue of all queued calls for the month (`PatienceEstimate.FromHistory`, exponential), agents = the interval's agents present (a fraction is interpolated between the two whole numbers around it). The expected counts are summed over a day or an hour, like the simulation's.");
        doc.AppendLine();

        doc.AppendLine("### The months");
        doc.AppendLine();
        doc.AppendLine("Occupancy = time in service ÷ time present; simulated: the same in the simulation (its own handle times, over the same duty spans).");
        doc.AppendLine();
        doc.AppendLine("| month | records | phantom | hung up in VRU | NO_SERVER answers | AA | calls kept | answered | hung up in queue | servers | agent-hours present | in service | occupancy | simulated occupancy |");
        doc.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var o in main)
        {
            var m = o.Month;
            var presentHours = m.Presence(DefaultGap).Sum(s => s.Length.TotalHours);
            var busyHours = m.Services.Sum(s => (s.End - s.Start).TotalHours);
            var simulatedBusy = o.Result.Groups.Sum(g => g.Occupancy * g.DutyHours);
            doc.AppendLine(Inv($"| {m.Name} | {m.Records:N0} | {m.Phantom:N0} | {m.VruHang:N0} | {m.NoServer:N0} | {m.TypeAa:N0} | {m.Calls.Count:N0} | {m.Calls.Count(c => c.Outcome == AnonymousBankOutcome.Agent):N0} | {m.Calls.Count(c => c.Outcome == AnonymousBankOutcome.Hang):N0} | {m.Servers.Count} | {presentHours:N0} | {busyHours:N0} | {busyHours / presentHours:P1} | {simulatedBusy / o.Result.Groups.Sum(g => g.DutyHours):P1} |"));
        }

        doc.AppendLine();
        doc.AppendLine("Handle time and patience per type (both months; μ and σ of the log-normal are those of ln seconds; cv is the log-normal's, sample cv the data's; patience: Kaplan-Meier survival at 20 s and 60 s, median, and the exponential mean used by Erlang A):");
        doc.AppendLine();
        doc.AppendLine("| month | type | answered | AHT (s) | μ | σ | cv (fit) | sample cv | queued | hung up in queue | P(patience > 20 s) | P(patience > 60 s) | median patience | exponential mean | servers with the skill |");
        doc.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in months)
        {
            foreach (var t in Types)
            {
                var fit = m.HandleFit[t];
                var km = m.Patience[t];
                var queued = m.Calls.Where(c => c.Type == t && c.Queued).ToList();
                var hung = queued.Count(c => c.AbandonedInQueue);
                var expMean = PatienceEstimate.FromHistory(hung, queued.Sum(c => (double)c.QueueSeconds));
                doc.AppendLine(Inv($"| {m.Name} | {t} | {fit.Count:N0} | {fit.SampleMean:0} | {fit.Mu:0.00} | {fit.Sigma:0.00} | {fit.Model.Cv:0.00} | {fit.SampleCv:0.00} | {queued.Count:N0} | {hung:N0} | {Survival(km, 20):P0} | {Survival(km, 60):P0} | {Median(km)} | {(expMean is { } e ? $"{e.TotalSeconds:0} s" : "-")} | {m.Skills.Count(s => s.Value.Contains(t))} |"));
            }
        }

        doc.AppendLine();
        doc.AppendLine("Skill sets derived (servers per set of call types, each month):");
        doc.AppendLine();
        foreach (var m in months)
        {
            var sets = m.Skills.GroupBy(s => string.Join(" ", Types.Where(s.Value.Contains))).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal);
            doc.AppendLine(Inv($"- {m.Name}: {string.Join("; ", sets.Select(g => $"{g.Key} ({g.Count()})"))}."));
        }

        doc.AppendLine();

        var days = main.SelectMany(o => o.Days()).ToList();
        var hours = Enumerable.Range(0, 24).Select(h => Cell.Sum(main.SelectMany(o => o.Hour(h)).ToList(), $"{h:00}:00")).ToList();
        var staffedHours = hours.Where((_, h) => h >= 7).ToList();

        doc.AppendLine(Inv($"### Results (gap {DefaultGap.TotalMinutes:0} min, {run.Replications} replications per month)"));
        doc.AppendLine();
        doc.AppendLine("Errors of each model against the measured figure: MAE = mean absolute error, bias = mean of (model − measured); service level and abandonment in percentage points, ASA in seconds. Days: every day of both months (Jan 11-12 have no records). Hours of day: 07:00-23:00, when the bank staffs the phones (Sun-Thu 07:00-24:00 per the data's documentation), each hour summed over both months.");
        doc.AppendLine();
        doc.AppendLine("| over | n | SL MAE sim | SL MAE Erlang A | SL bias sim | SL bias Erlang A | aband. MAE sim | aband. MAE Erlang A | aband. bias sim | aband. bias Erlang A | ASA MAE sim | ASA MAE Erlang A | ASA bias sim | ASA bias Erlang A |");
        doc.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (name, cells) in new[] { ("days, January", days.Where(d => d.Label.StartsWith("1999-01", StringComparison.Ordinal)).ToList()), ("days, February", days.Where(d => d.Label.StartsWith("1999-02", StringComparison.Ordinal)).ToList()), ("days, both", days), ("hours of day 07-23", staffedHours) })
        {
            doc.AppendLine(ErrorRow(name, cells));
        }

        doc.AppendLine();
        var all = Cell.Sum(days, "both months");
        doc.AppendLine(Inv($"Both months together: service level measured {all.Measured.Sl:P1}, simulated {all.Simulated.Sl:P1}, Erlang A {all.ErlangA.Sl:P1}; abandonment measured {all.Measured.Abandonment:P1}, simulated {all.Simulated.Abandonment:P1}, Erlang A {all.ErlangA.Abandonment:P1}; ASA measured {all.Measured.Asa:0} s, simulated {all.Simulated.Asa:0} s, Erlang A {all.ErlangA.Asa:0} s."));
        doc.AppendLine();

        doc.AppendLine("By hour of day (both months summed; agents = mean agents present in the hour's intervals over all days; occupancy = time in service ÷ time present):");
        doc.AppendLine();
        doc.AppendLine("| hour | calls | agents | occupancy | SL measured | SL sim | SL Erlang A | aband. measured | aband. sim | aband. Erlang A | ASA measured | ASA sim | ASA Erlang A |");
        doc.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var h in hours)
        {
            doc.AppendLine(CellRow(h, includeAgents: true));
        }

        doc.AppendLine();
        doc.AppendLine("By call type (both months; the Erlang A projection is pooled, so it has no per-type figure). *Priority first* is a second simulation in which each type's priority-2 customers (the bank gave them a 1.5-minute head start) are a queue of their own that agents serve before the others, strict priority standing in for the head start:");
        doc.AppendLine();
        doc.AppendLine("| type | calls | priority-2 share | SL measured | SL sim | SL sim, priority first | aband. measured | aband. sim | aband. sim, priority first | ASA measured | ASA sim | ASA sim, priority first |");
        doc.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var t in Types.Append("all"))
        {
            var which = t == "all" ? Types : [t];
            var c = Cell.Sum([.. main.SelectMany(o => which.Select(x => o.Type(x)))], t);
            var p = Cell.Sum([.. priority.SelectMany(o => which.Select(x => o.Type(x)))], t);
            var share = months.Sum(m => m.Calls.Count(x => which.Contains(x.Type) && x.Priority == 2)) / c.Measured.Offered;
            doc.AppendLine(Inv($"| {t} | {c.Measured.Offered:N0} | {share:P0} | {c.Measured.Sl:P1} | {c.Simulated.Sl:P1} | {p.Simulated.Sl:P1} | {c.Measured.Abandonment:P1} | {c.Simulated.Abandonment:P1} | {p.Simulated.Abandonment:P1} | {c.Measured.Asa:0} s | {c.Simulated.Asa:0} s | {p.Simulated.Asa:0} s |"));
        }

        var priorityDays = priority.SelectMany(o => o.Days()).ToList();
        doc.AppendLine();
        doc.AppendLine(Inv($"With priority customers first, the daily errors are: service level MAE {Mae(priorityDays, c => c.Simulated.Sl, c => c.Measured.Sl) * 100:0.0} points (bias {Signed(Bias(priorityDays, c => c.Simulated.Sl, c => c.Measured.Sl) * 100, "0.0")}), abandonment MAE {Mae(priorityDays, c => c.Simulated.Abandonment, c => c.Measured.Abandonment) * 100:0.0} (bias {Signed(Bias(priorityDays, c => c.Simulated.Abandonment, c => c.Measured.Abandonment) * 100, "0.0")}), ASA MAE {Mae(priorityDays, c => c.Simulated.Asa, c => c.Measured.Asa):0} s (bias {Signed(Bias(priorityDays, c => c.Simulated.Asa, c => c.Measured.Asa), "0")})."));

        doc.AppendLine();
        doc.AppendLine("Sensitivity to the gap that still counts as presence (both months; agent-hours = presence summed; MAE over days):");
        doc.AppendLine();
        doc.AppendLine("| gap | agent-hours | occupancy | SL measured | SL sim | SL Erlang A | SL MAE sim | SL MAE Erlang A | aband. measured | aband. sim | aband. Erlang A | ASA measured | ASA sim | ASA Erlang A |");
        doc.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var gap in GapMinutes)
        {
            var gapDays = outcomes[gap].SelectMany(o => o.Days()).ToList();
            var s = Cell.Sum(gapDays, "");
            var presence = months.Sum(m => m.Presence(Duration.FromMinutes(gap)).Sum(p => p.Length.TotalHours));
            var busy = months.Sum(m => m.Services.Sum(x => (x.End - x.Start).TotalHours));
            doc.AppendLine(Inv($"| {gap} min | {presence:N0} | {busy / presence:P1} | {s.Measured.Sl:P1} | {s.Simulated.Sl:P1} | {s.ErlangA.Sl:P1} | {Mae(gapDays, c => c.Simulated.Sl, c => c.Measured.Sl) * 100:0.0} | {Mae(gapDays, c => c.ErlangA.Sl, c => c.Measured.Sl) * 100:0.0} | {s.Measured.Abandonment:P1} | {s.Simulated.Abandonment:P1} | {s.ErlangA.Abandonment:P1} | {s.Measured.Asa:0} s | {s.Simulated.Asa:0} s | {s.ErlangA.Asa:0} s |"));
        }

        doc.AppendLine();
        doc.AppendLine("<details><summary>Day by day (gap 15 min)</summary>");
        doc.AppendLine();
        doc.AppendLine("| day | calls | agent-hours | SL measured | SL sim | SL Erlang A | aband. measured | aband. sim | aband. Erlang A | ASA measured | ASA sim | ASA Erlang A |");
        doc.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var d in days)
        {
            doc.AppendLine(CellRow(d, includeAgents: false));
        }

        doc.AppendLine();
        doc.AppendLine("</details>");
        doc.AppendLine();
        doc.AppendLine(RealDataReading(days, main, priority, outcomes));
        doc.AppendLine();
        return Inv($"over the 57 days of Jan-Feb 1999, daily service level MAE {Mae(days, c => c.Simulated.Sl, c => c.Measured.Sl) * 100:0.0} points for the simulation and {Mae(days, c => c.ErlangA.Sl, c => c.Measured.Sl) * 100:0.0} for Erlang A per interval (bias {Signed(Bias(days, c => c.Simulated.Sl, c => c.Measured.Sl) * 100, "0.0")} and {Signed(Bias(days, c => c.ErlangA.Sl, c => c.Measured.Sl) * 100, "0.0")}); abandonment MAE {Mae(days, c => c.Simulated.Abandonment, c => c.Measured.Abandonment) * 100:0.0} and {Mae(days, c => c.ErlangA.Abandonment, c => c.Measured.Abandonment) * 100:0.0} points; ASA MAE {Mae(days, c => c.Simulated.Asa, c => c.Measured.Asa):0} s and {Mae(days, c => c.ErlangA.Asa, c => c.Measured.Asa):0} s.");
    }

    /// <summary>The written reading of section 2, from the figures (so it stays true when the data or the simulator change).</summary>
    private static string RealDataReading(List<Cell> days, List<MonthOutcome> main, List<MonthOutcome> priority, Dictionary<int, List<MonthOutcome>> byGap)
    {
        var all = Cell.Sum(days, "");
        var slSim = Bias(days, c => c.Simulated.Sl, c => c.Measured.Sl);
        var slA = Bias(days, c => c.ErlangA.Sl, c => c.Measured.Sl);
        var better = Mae(days, c => c.Simulated.Sl, c => c.Measured.Sl) < Mae(days, c => c.ErlangA.Sl, c => c.Measured.Sl) ? "the simulation" : "Erlang A";
        var corrSim = Correlation(days, c => c.Simulated.Sl, c => c.Measured.Sl);
        var corrA = Correlation(days, c => c.ErlangA.Sl, c => c.Measured.Sl);
        var presentHours = main.Sum(o => o.Result.Groups.Sum(g => g.DutyHours));
        var measuredOccupancy = main.Sum(o => o.Month.Services.Sum(s => (s.End - s.Start).TotalHours)) / presentHours;
        var simulatedOccupancy = main.Sum(o => o.Result.Groups.Sum(g => g.Occupancy * g.DutyHours)) / presentHours;
        var gaps = byGap.Select(kv => (
            Gap: kv.Key,
            Cell: Cell.Sum([.. kv.Value.SelectMany(o => o.Days())], ""),
            Occupancy: kv.Value.Sum(o => o.Month.Services.Sum(s => (s.End - s.Start).TotalHours)) / kv.Value.Sum(o => o.Result.Groups.Sum(g => g.DutyHours)))).ToList();
        var closest = gaps.MinBy(g => Math.Abs(g.Cell.Simulated.Sl - g.Cell.Measured.Sl));
        var withPriority = Cell.Sum([.. priority.SelectMany(o => o.Days())], "");
        Cell Type(string t) => Cell.Sum([.. main.Select(o => o.Type(t))], t);
        var (ps, nw) = (Type("PS"), Type("NW"));
        return Inv($"""
            **Reading.** Both models are given the month's real arrivals and the agents the records show, so what is left is the error of the model and of the reconstruction, not of a forecast. Over the days, {better} is closer to the measured service level: the simulation {(slSim >= 0 ? "overstates" : "understates")} it by {Math.Abs(slSim) * 100:0.0} points on average, Erlang A by {Math.Abs(slA) * 100:0.0}. Both follow the ups and downs from day to day (correlation of the daily service levels with the measured ones {corrSim:0.00} and {corrA:0.00}); the error is mostly a level, not noise. Why the level is off:

            - *The agents were less available than their calls show.* The simulated agents do the same work as the real ones (occupancy {simulatedOccupancy:P1} in the simulation against {measuredOccupancy:P1} of talk time in the records, over the same duty spans), yet answer faster. Talk time is all the data has: no wrap-up, no outbound work, no short breaks within the gap. Every minute of that is a minute the simulation gives back to the queue. The gap table shows the size of it: the shorter the gap, the less idle time is counted as presence, and at {closest.Gap} min (talk occupancy {closest.Occupancy:P0}) the simulation's service level ({closest.Cell.Simulated.Sl:P1}) is nearest the measured {all.Measured.Sl:P1}. No one gap is right at every hour: too short loses agents idle in quiet hours, too long counts breaks as work.
            - *Routing and priorities.* Serving priority-2 customers first (the second simulation) moves the overall service level from {all.Simulated.Sl:P1} to {withPriority.Simulated.Sl:P1}, so the head start is not what separates simulation and data. The call types say more: in the records `NW` callers (prospective customers, none of them priority 2) waited {nw.Measured.Asa:0} s on average and {nw.Measured.Abandonment:P0} hung up, against {ps.Measured.Asa:0} s and {ps.Measured.Abandonment:P0} for `PS`; in the simulation, where a free agent takes the longest wait among their types, `NW` waits {nw.Simulated.Asa:0} s and `PS` {ps.Simulated.Asa:0} s. The bank evidently ranked or routed prospects below its customers; skills inferred from who took which call cannot show that.
            - *Erlang A per interval* treats each quarter-hour as a steady state with the interval's average agents, exponential patience and handle times, and one pool for all types, and carries no queue from one interval to the next (the morning start, the evening wind-down). It lands {Math.Abs(all.ErlangA.Sl - all.Simulated.Sl) * 100:0.0} points {(all.ErlangA.Sl < all.Simulated.Sl ? "below" : "above")} the simulation over both months; this benchmark does not separate which of those differences accounts for that, and a smaller error against the data is no merit of its own: both models miss the same agent time.
            - *Poisson arrivals.* The simulation draws arrivals around the real counts; a real day had one draw with its own bursts, so day-level errors include that noise (small against the bias here).
            """);
    }

    private static string ErrorRow(string name, List<Cell> cells) => Inv(
        $"| {name} | {cells.Count} | {Mae(cells, c => c.Simulated.Sl, c => c.Measured.Sl) * 100:0.0} | {Mae(cells, c => c.ErlangA.Sl, c => c.Measured.Sl) * 100:0.0} | {Signed(Bias(cells, c => c.Simulated.Sl, c => c.Measured.Sl) * 100, "0.0")} | {Signed(Bias(cells, c => c.ErlangA.Sl, c => c.Measured.Sl) * 100, "0.0")} | {Mae(cells, c => c.Simulated.Abandonment, c => c.Measured.Abandonment) * 100:0.0} | {Mae(cells, c => c.ErlangA.Abandonment, c => c.Measured.Abandonment) * 100:0.0} | {Signed(Bias(cells, c => c.Simulated.Abandonment, c => c.Measured.Abandonment) * 100, "0.0")} | {Signed(Bias(cells, c => c.ErlangA.Abandonment, c => c.Measured.Abandonment) * 100, "0.0")} | {Mae(cells, c => c.Simulated.Asa, c => c.Measured.Asa):0} | {Mae(cells, c => c.ErlangA.Asa, c => c.Measured.Asa):0} | {Signed(Bias(cells, c => c.Simulated.Asa, c => c.Measured.Asa), "0")} | {Signed(Bias(cells, c => c.ErlangA.Asa, c => c.Measured.Asa), "0")} |");

    private static string CellRow(Cell c, bool includeAgents) => includeAgents
        ? Inv($"| {c.Label} | {c.Measured.Offered:N0} | {c.AgentsPresent:0.0} | {(c.PresentSeconds > 0 ? c.BusySeconds / c.PresentSeconds : 0):P0} | {Pct(c.Measured.Sl)} | {Pct(c.Simulated.Sl)} | {Pct(c.ErlangA.Sl)} | {Pct(c.Measured.Abandonment)} | {Pct(c.Simulated.Abandonment)} | {Pct(c.ErlangA.Abandonment)} | {Sec(c.Measured.Asa)} | {Sec(c.Simulated.Asa)} | {Sec(c.ErlangA.Asa)} |")
        : Inv($"| {c.Label} | {c.Measured.Offered:N0} | {c.PresentSeconds / 3600:0} | {Pct(c.Measured.Sl)} | {Pct(c.Simulated.Sl)} | {Pct(c.ErlangA.Sl)} | {Pct(c.Measured.Abandonment)} | {Pct(c.Simulated.Abandonment)} | {Pct(c.ErlangA.Abandonment)} | {Sec(c.Measured.Asa)} | {Sec(c.Simulated.Asa)} | {Sec(c.ErlangA.Asa)} |");

    private static string Pct(double v) => double.IsNaN(v) ? "-" : v.ToString("P1", CultureInfo.InvariantCulture);

    private static string Sec(double v) => double.IsNaN(v) ? "-" : v.ToString("0", CultureInfo.InvariantCulture) + " s";

    private static double Mae(List<Cell> cells, Func<Cell, double> model, Func<Cell, double> measured)
    {
        var pairs = cells.Select(c => (m: model(c), x: measured(c))).Where(p => !double.IsNaN(p.m) && !double.IsNaN(p.x)).ToList();
        return pairs.Count == 0 ? double.NaN : pairs.Average(p => Math.Abs(p.m - p.x));
    }

    private static double Bias(List<Cell> cells, Func<Cell, double> model, Func<Cell, double> measured)
    {
        var pairs = cells.Select(c => (m: model(c), x: measured(c))).Where(p => !double.IsNaN(p.m) && !double.IsNaN(p.x)).ToList();
        return pairs.Count == 0 ? double.NaN : pairs.Average(p => p.m - p.x);
    }

    private static double Correlation(List<Cell> cells, Func<Cell, double> model, Func<Cell, double> measured)
    {
        var pairs = cells.Select(c => (m: model(c), x: measured(c))).Where(p => !double.IsNaN(p.m) && !double.IsNaN(p.x)).ToList();
        if (pairs.Count < 3) return double.NaN;
        var mm = pairs.Average(p => p.m);
        var mx = pairs.Average(p => p.x);
        var cov = pairs.Sum(p => (p.m - mm) * (p.x - mx));
        var vm = pairs.Sum(p => (p.m - mm) * (p.m - mm));
        var vx = pairs.Sum(p => (p.x - mx) * (p.x - mx));
        return cov / Math.Sqrt(vm * vx);
    }

    private static double Survival(PatienceModel model, double seconds)
    {
        if (model is not PatienceModel.Empirical e) return 1;
        var s = 1.0;
        for (var i = 0; i < e.Times.Length && e.Times[i] <= seconds; i++) s = e.Survival[i];
        return s;
    }

    private static string Median(PatienceModel model)
    {
        if (model is not PatienceModel.Empirical e) return "∞";
        for (var i = 0; i < e.Times.Length; i++)
        {
            if (e.Survival[i] <= 0.5) return Inv($"{e.Times[i]:0} s");
        }

        return e.Times.Length == 0 ? "∞" : Inv($"> {e.Times[^1]:0} s");
    }

    /// <summary>Counts over some intervals: offered, answered within 20 s, abandoned, answered, total wait of the answered.</summary>
    private readonly record struct Counts(double Offered, double InTime, double Abandoned, double Answered, double Wait)
    {
        public double Sl => Offered > 0 ? InTime / Offered : double.NaN;

        public double Abandonment => Offered > 0 ? Abandoned / Offered : double.NaN;

        public double Asa => Answered > 0 ? Wait / Answered : double.NaN;

        public static Counts operator +(Counts a, Counts b) => new(a.Offered + b.Offered, a.InTime + b.InTime, a.Abandoned + b.Abandoned, a.Answered + b.Answered, a.Wait + b.Wait);
    }

    /// <summary>A day, an hour of day or a type: measured, simulated and Erlang A counts, and agents' time.</summary>
    private sealed record Cell(string Label, Counts Measured, Counts Simulated, Counts ErlangA, double PresentSeconds, double BusySeconds, int Intervals)
    {
        public double AgentsPresent => Intervals > 0 ? PresentSeconds / (Intervals * Quarter.TotalSeconds) : 0;

        public static Cell Sum(IReadOnlyList<Cell> cells, string label) => new(
            label,
            cells.Aggregate(default(Counts), (s, c) => s + c.Measured),
            cells.Aggregate(default(Counts), (s, c) => s + c.Simulated),
            cells.Aggregate(default(Counts), (s, c) => s + c.ErlangA),
            cells.Sum(c => c.PresentSeconds),
            cells.Sum(c => c.BusySeconds),
            cells.Sum(c => c.Intervals));
    }

    /// <summary>One month of call records, ready to play.</summary>
    private sealed class Month
    {
        public required string Name { get; init; }

        public required Instant Start { get; init; }

        public required LocalDate FirstDate { get; init; }

        public required int Days { get; init; }

        public required HashSet<LocalDate> Dates { get; init; }

        public required int Records { get; init; }

        public required int Phantom { get; init; }

        public required int VruHang { get; init; }

        public required int NoServer { get; init; }

        public required int TypeAa { get; init; }

        /// <summary>The calls kept: queued or served by a named agent, of the simulated types.</summary>
        public required List<AnonymousBankCall> Calls { get; init; }

        public required int[] Interval { get; init; }

        public required List<ServiceSpan> Services { get; init; }

        public required SortedSet<string> Servers { get; init; }

        public required Dictionary<string, HashSet<string>> Skills { get; init; }

        public required Dictionary<string, HandleTimeFit> HandleFit { get; init; }

        public required Dictionary<string, PatienceModel> Patience { get; init; }

        public required Duration PooledPatience { get; init; }

        public int Intervals => Days * 96;

        public static Month Build(string name, IReadOnlyList<AnonymousBankCall> records, DateTimeZone zone)
        {
            var first = records.Min(c => c.Date);
            var last = records.Max(c => c.Date);
            var days = Period.Between(first, last, PeriodUnits.Days).Days + 1;
            var start = zone.AtStartOfDay(first).ToInstant();
            if (zone.AtStartOfDay(last.PlusDays(1)).ToInstant() - start != Duration.FromDays(days))
            {
                throw new InvalidOperationException($"{name} has a clock change; the replay assumes 96 quarter-hours a day.");
            }

            var calls = records.Where(c => c.Outcome != AnonymousBankOutcome.Phantom && c.Type != "AA" && !c.AbandonedAtVru
                && !(c.Outcome == AnonymousBankOutcome.Agent && c.Server is null)).ToList();
            var interval = calls.Select(c => (int)((zone.AtLeniently(c.VruExit).ToInstant() - start).TotalSeconds / Quarter.TotalSeconds)).ToArray();
            var services = calls.Where(c => c.Outcome == AnonymousBankOutcome.Agent && c.Server is not null && c.ServiceStart is not null)
                .Select(c => new ServiceSpan(c.Server!, zone.AtLeniently(c.ServiceStart!.Value).ToInstant(), zone.AtLeniently(c.ServiceEnd!.Value).ToInstant())).ToList();
            var skills = calls.Where(c => c.Outcome == AnonymousBankOutcome.Agent && c.Server is not null)
                .GroupBy(c => c.Server!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Skill(g), StringComparer.Ordinal);
            var queued = calls.Where(c => c.Queued).ToList();
            return new Month
            {
                Name = name,
                Start = start,
                FirstDate = first,
                Days = days,
                Dates = [.. records.Select(c => c.Date)],
                Records = records.Count,
                Phantom = records.Count(c => c.Outcome == AnonymousBankOutcome.Phantom),
                VruHang = records.Count(c => c.Outcome != AnonymousBankOutcome.Phantom && c.Type != "AA" && c.AbandonedAtVru),
                NoServer = records.Count(c => c.Outcome == AnonymousBankOutcome.Agent && c.Server is null && c.Type != "AA"),
                TypeAa = records.Count(c => c.Type == "AA"),
                Calls = calls,
                Interval = interval,
                Services = services,
                Servers = [.. services.Select(s => s.Server)],
                Skills = skills,
                HandleFit = Types.ToDictionary(t => t, t => HandleTimeModel.FitLogNormal(calls.Where(c => c.Type == t && c.Outcome == AnonymousBankOutcome.Agent).Select(c => (double)c.ServiceSeconds))),
                Patience = Types.ToDictionary(t => t, t => PatienceModel.FromWaits(calls.Where(c => c.Type == t && c.Queued).Select(c => ((double)c.QueueSeconds, c.AbandonedInQueue)))),
                PooledPatience = PatienceEstimate.FromHistory(queued.Count(c => c.AbandonedInQueue), queued.Sum(c => (double)c.QueueSeconds))
                    ?? throw new InvalidOperationException($"Nobody hung up in the queue in {name}."),
            };
        }

        public IReadOnlyList<PresenceSpan> Presence(Duration gap) => ServerPresence.Sessions(Services, gap);

        /// <summary>The types a server answered at least <see cref="MinSkillCalls"/> of, and always their most answered type.</summary>
        private static HashSet<string> Skill(IEnumerable<AnonymousBankCall> answered)
        {
            var byType = answered.GroupBy(c => c.Type).Select(t => (Type: t.Key, Count: t.Count())).OrderByDescending(t => t.Count).ThenBy(t => t.Type, StringComparer.Ordinal).ToList();
            return [byType[0].Type, .. byType.Where(t => t.Count >= MinSkillCalls).Select(t => t.Type)];
        }

        /// <summary>
        /// Simulates the month with the agents present under <paramref name="gap"/>, and projects it with Erlang A.
        /// With <paramref name="priorityFirst"/>, priority-2 customers of each type are a queue of their own that agents
        /// serve first (the id of the type followed by <see cref="PriorityQueue"/>).
        /// </summary>
        public MonthOutcome Play(Runner run, Duration gap, bool priorityFirst = false)
        {
            var n = Intervals;
            var presence = Presence(gap);
            var queues = new List<SimulatedQueue>();
            var measured = Types.ToDictionary(t => t, _ => new Counts[n]);
            var arrivals = Types.SelectMany(t => new[] { t, t + PriorityQueue }).ToDictionary(t => t, _ => new double[n]);
            var perType = Types.ToDictionary(t => t, _ => new double[n]);
            for (var k = 0; k < Calls.Count; k++)
            {
                var c = Calls[k];
                var i = Interval[k];
                var answered = c.Outcome == AnonymousBankOutcome.Agent;
                measured[c.Type][i] += new Counts(1, answered && c.QueueSeconds <= Threshold ? 1 : 0, answered ? 0 : 1, answered ? 1 : 0, answered ? c.QueueSeconds : 0);
                arrivals[priorityFirst && c.Priority == 2 ? c.Type + PriorityQueue : c.Type][i]++;
                perType[c.Type][i]++;
            }

            foreach (var t in Types)
            {
                var aht = Enumerable.Repeat(HandleFit[t].SampleMean, n).ToArray();
                queues.Add(new SimulatedQueue(t, Channel.Voice, Threshold, null, arrivals[t], aht, HandleFit[t].Model, Patience[t], Priority: priorityFirst ? 1 : 0));
                if (priorityFirst)
                {
                    queues.Add(new SimulatedQueue(t + PriorityQueue, Channel.Voice, Threshold, null, arrivals[t + PriorityQueue], aht, HandleFit[t].Model, Patience[t], Priority: 0));
                }
            }

            var agents = presence.GroupBy(p => p.Server, StringComparer.Ordinal)
                .Select(g => new SimulatedAgent(
                    g.Key,
                    [.. Types.Where(Skills[g.Key].Contains).SelectMany(t => priorityFirst ? new[] { t, t + PriorityQueue } : [t])],
                    [.. g.Select(p => new DutySpan((p.Start - Start).TotalSeconds, (p.End - Start).TotalSeconds))]))
                .ToList();
            var model = new SimulationModel(Start, Quarter, n, queues, agents);
            var result = run.Simulate(model, $"{Name}, gap {gap.TotalMinutes:0} min{(priorityFirst ? ", priority customers first" : "")}");

            var present = ServerPresence.AveragePerInterval(presence.Select(p => (p.Start, p.End)), Start, Quarter, n);
            var busy = ServerPresence.AveragePerInterval(Services.Select(s => (s.Start, s.End)), Start, Quarter, n);
            var erlangA = new Counts[n];
            for (var i = 0; i < n; i++)
            {
                var calls = Types.Sum(t => perType[t][i]);
                if (calls == 0) continue;
                var work = Types.Sum(t => perType[t][i] * HandleFit[t].SampleMean);
                erlangA[i] = ErlangAExpected(present[i], calls, work / calls, PooledPatience.TotalSeconds);
            }

            return new MonthOutcome(this, result, measured, erlangA, present, busy);
        }

        /// <summary>Expected counts of one interval by Erlang A, agents interpolated between the whole numbers around a fraction.</summary>
        private static Counts ErlangAExpected(double agents, double calls, double aht, double patience)
        {
            var low = (int)Math.Floor(agents);
            var w = agents - low;
            var load = calls * aht / Quarter.TotalSeconds;
            Counts At(int m)
            {
                var r = ErlangA.Evaluate(m, load, aht, patience, Threshold);
                var answered = calls * (1 - r.Abandonment);
                return new Counts(calls, calls * r.ServiceLevel, calls * r.Abandonment, answered, answered > 0 ? answered * r.Asa : 0);
            }

            var a = At(low);
            if (w < 1e-9) return a;
            var b = At(low + 1);
            return new Counts(calls, ((1 - w) * a.InTime) + (w * b.InTime), ((1 - w) * a.Abandoned) + (w * b.Abandoned), ((1 - w) * a.Answered) + (w * b.Answered), ((1 - w) * a.Wait) + (w * b.Wait));
        }
    }

    private sealed record MonthOutcome(Month Month, SimulationResult Result, Dictionary<string, Counts[]> Measured, Counts[] ErlangA, double[] Present, double[] Busy)
    {
        private Cell Over(IEnumerable<int> intervals, string label, IEnumerable<string>? types = null)
        {
            var which = (types ?? Types).ToList();
            Counts m = default, s = default, e = default;
            double present = 0, busy = 0;
            var count = 0;
            foreach (var i in intervals)
            {
                count++;
                foreach (var t in which)
                {
                    m += Measured[t][i];
                    foreach (var q in new[] { Result.Queue(t)!, Result.Queue(t + PriorityQueue) })
                    {
                        if (q is not null) s += new Counts(q.Offered[i], q.AnsweredInTime[i], q.Abandoned[i], q.Answered[i], q.WaitOfAnswered[i]);
                    }
                }

                e += ErlangA[i];
                present += Present[i] * Quarter.TotalSeconds;
                busy += Busy[i] * Quarter.TotalSeconds;
            }

            return new Cell(label, m, s, types is null ? e : default, present, busy, count);
        }

        /// <summary>Every date with records.</summary>
        public IEnumerable<Cell> Days()
        {
            for (var d = 0; d < Month.Days; d++)
            {
                var date = Month.FirstDate.PlusDays(d);
                if (!Month.Dates.Contains(date)) continue;
                yield return Over(Enumerable.Range(d * 96, 96), Inv($"{date:yyyy-MM-dd} {date.DayOfWeek.ToString()[..3]}"));
            }
        }

        /// <summary>One hour of day on every date with records (one cell per date).</summary>
        public IEnumerable<Cell> Hour(int hour)
        {
            for (var d = 0; d < Month.Days; d++)
            {
                if (!Month.Dates.Contains(Month.FirstDate.PlusDays(d))) continue;
                yield return Over(Enumerable.Range((d * 96) + (hour * 4), 4), "");
            }
        }

        public Cell Type(string type) => Over(Enumerable.Range(0, Month.Intervals), type, [type]);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 3. Multi-skill against Erlang per queue
    // ------------------------------------------------------------------------------------------------------------

    private static string MultiSkill(Runner run, StringBuilder doc)
    {
        const int days = 7;
        const int intervals = days * 96;
        var patience = Duration.FromSeconds(180);
        var curve = new ConcurrencyCurve([1.0, 1.25, 1.6]);
        var queues = new[]
        {
            new MultiQueue("voice-bn", Channel.Voice, 90, 240, new StaffingPolicy(Channel.Voice, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(20))) { MeanPatience = patience }),
            new MultiQueue("voice-en", Channel.Voice, 18, 300, new StaffingPolicy(Channel.Voice, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(20))) { MeanPatience = patience }),
            new MultiQueue("chat-bn", Channel.Chat, 40, 360, new StaffingPolicy(Channel.Chat, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(60))) { Concurrency = curve }),
        };
        var required = queues.Select(q => StaffingCalculator.Required(q.Policy, q.Contacts, q.Aht, Quarter).Agents).ToArray();
        var (rBn, rEn, rChat) = (required[0], required[1], required[2]);

        // Skill sets as indices into queues; at 100 % the flow covers the requirement exactly in every roster.
        var bilingual = (int)Math.Ceiling(0.5 * rEn);
        var blended = (int)Math.Ceiling(0.3 * rChat);
        var generalists = (int)Math.Ceiling(0.2 * rBn);
        var rosters = new (string Name, (string Label, int[] Skills, int Count)[] Groups)[]
        {
            ("specialists only (control)", [("voice-bn", [0], rBn), ("voice-en", [1], rEn), ("chat-bn", [2], rChat)]),
            ("bilingual voice", [("voice-bn", [0], rBn), ("voice-en", [1], rEn - bilingual), ("chat-bn", [2], rChat), ("voice-bn + voice-en", [0, 1], bilingual)]),
            ("mixed skills", [
                ("voice-bn", [0], rBn - generalists),
                ("voice-en", [1], rEn - bilingual),
                ("chat-bn", [2], rChat - blended),
                ("voice-bn + voice-en", [0, 1], bilingual),
                ("voice-bn + chat-bn", [0, 2], blended),
                ("all three", [0, 1, 2], generalists),
            ]),
        };
        double[] levels = [0.9, 1.0, 1.1];

        doc.AppendLine("## 3. Against Erlang per queue on a multi-skill centre");
        doc.AppendLine();
        doc.AppendLine(Inv($"A generated centre with three queues at a constant load for {days} days: {string.Join("; ", queues.Select(q => q.Describe()))}. Voice callers have exponential patience (mean {patience.TotalSeconds:0} s, so Erlang A); chat customers do not give up (the chat model has no abandonment). Handle times are exponential, so that with dedicated agents each queue is its formula's own model and what differs comes from the sharing of agents. Required agents by `StaffingCalculator` (80 % in 20 s for voice, 80 % in 60 s for chat): voice-bn {rBn}, voice-en {rEn}, chat-bn {rChat}. Three rosters, each covering the requirement exactly at 100 %, then scaled to 90 % and 110 % (group sizes rounded): *specialists only*; *bilingual voice*, where {bilingual} of the voice-en agents also speak Bengali; *mixed skills*, which adds {blended} agents who take voice-bn and chat-bn and {generalists} who take all three in place of specialists. {run.Replications} replications each."));
        doc.AppendLine();
        doc.AppendLine("Erlang per queue is computed the way the coverage map does it: the agents on duty are assigned one skill each by the maximum flow `CoverageFlow.Assign` against the required agents, the covered agents of a queue are its flow (never more than required), and `ServiceProjection.ServiceLevel` gives its service level with them. The flow stops at the requirement, so agents above it count nowhere; the column *all assigned* runs the flow against the requirement scaled by the staffing level and puts anyone left over on their first skill, so every agent counts once. The simulator instead lets every agent take any of their queues, contact by contact. The *all* rows weigh the queues by contacts (the simulator's overall service level of its live queues against the same weighting of the Erlang figures).");
        doc.AppendLine();
        doc.AppendLine("| roster | staffing | queue | agents with the skill | covered (coverage map) | Erlang, coverage map | all assigned | Erlang, all assigned | simulated ± half-width | sim − coverage map | sim − all assigned |");
        doc.AppendLine("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var rows = new List<MultiRow>();
        foreach (var (name, groups) in rosters)
        {
            foreach (var level in levels)
            {
                var counts = groups.Select(g => (int)Math.Round(g.Count * level, MidpointRounding.AwayFromZero)).ToArray();
                var skills = groups.Select(g => (IReadOnlyList<int>)g.Skills).ToArray();
                var covered = Column(CoverageFlow.Assign(counts, skills, required), queues.Length);
                var all = AllAssigned(counts, skills, required, level);
                var end = (intervals * Quarter.TotalSeconds) + (4 * 3600);
                var agents = new List<SimulatedAgent>();
                for (var g = 0; g < groups.Length; g++)
                {
                    for (var k = 0; k < counts[g]; k++)
                    {
                        agents.Add(new SimulatedAgent($"{groups[g].Label}-{k}", [.. groups[g].Skills.Select(s => queues[s].Id)], [new DutySpan(0, end)]));
                    }
                }

                var model = new SimulationModel(Origin, Quarter, intervals, [.. queues.Select(q => q.Simulated(intervals, patience))], agents);
                var result = run.Simulate(model, Inv($"{name}, {level:P0}"));
                double weighted = 0, weightedAll = 0;
                for (var q = 0; q < queues.Length; q++)
                {
                    var queue = queues[q];
                    var withSkill = groups.Select((g, i) => g.Skills.Contains(q) ? counts[i] : 0).Sum();
                    var erlang = ServiceProjection.ServiceLevel(queue.Policy, covered[q], queue.Contacts, queue.Aht, Quarter)!.Value;
                    var erlangAll = ServiceProjection.ServiceLevel(queue.Policy, all[q], queue.Contacts, queue.Aht, Quarter)!.Value;
                    weighted += erlang * queue.Contacts;
                    weightedAll += erlangAll * queue.Contacts;
                    var row = new MultiRow(name, level, queue.Id, counts.Sum(), withSkill, covered[q], erlang, all[q], erlangAll, result.Queues[q].ServiceLevel);
                    rows.Add(row);
                    doc.AppendLine(row.Markdown());
                }

                var contacts = queues.Sum(q => q.Contacts);
                var overall = new MultiRow(name, level, "all", counts.Sum(), counts.Sum(), covered.Sum(), weighted / contacts, all.Sum(), weightedAll / contacts, result.ServiceLevel);
                rows.Add(overall);
                doc.AppendLine(overall.Markdown());
            }
        }

        doc.AppendLine();
        doc.AppendLine(MultiSkillReading(rows, rosters[0].Name, rosters[1].Name, rosters[2].Name, queues[0].Contacts / queues[1].Contacts));
        doc.AppendLine();
        var at100 = rows.Where(r => r.Level == 1.0 && r.Roster != rosters[0].Name).ToList();
        return Inv($"at 100 % staffing the simulation against Erlang per queue (coverage map), in points: {string.Join("; ", at100.GroupBy(r => r.Roster).Select(g => $"{g.Key}: {string.Join(", ", g.Select(r => $"{r.Queue} {Signed((r.Simulated.Mean - r.Erlang) * 100, "0.0")}"))}"))}; with specialists only, {rows.Count(r => r.Roster == rosters[0].Name && r.Queue.StartsWith("voice", StringComparison.Ordinal) && r.Simulated.Contains(r.ErlangAll))} of {rows.Count(r => r.Roster == rosters[0].Name && r.Queue.StartsWith("voice", StringComparison.Ordinal))} voice figures match Erlang A (every agent counted) within the confidence interval.");
    }

    private sealed record MultiRow(string Roster, double Level, string Queue, int Agents, int WithSkill, int Covered, double Erlang, int AllAssigned, double ErlangAll, Estimate Simulated)
    {
        public string Markdown() => Inv($"| {Roster} | {Level:P0} ({Agents} agents) | {(Queue == "all" ? "**all**" : Queue)} | {WithSkill} | {Covered} | {Erlang:P1} | {AllAssigned} | {ErlangAll:P1} | {Simulated.Mean:P1} ± {Simulated.HalfWidth * 100:0.0} | {Signed((Simulated.Mean - Erlang) * 100, "0.0")} pt | {Signed((Simulated.Mean - ErlangAll) * 100, "0.0")} pt |");
    }

    private static string MultiSkillReading(List<MultiRow> rows, string control, string bilingual, string mixed, double ratio)
    {
        MultiRow Row(string roster, double level, string queue) => rows.Single(r => r.Roster == roster && r.Level == level && r.Queue == queue);
        string Diff(MultiRow r) => Inv($"{r.Simulated.Mean:P1} against {r.Erlang:P1}");
        var controlVoice = rows.Where(r => r.Roster == control && r.Queue.StartsWith("voice", StringComparison.Ordinal)).ToList();
        var controlChat = rows.Where(r => r.Roster == control && r.Queue == "chat-bn").ToList();
        var worstChat = controlChat.MaxBy(r => Math.Abs(r.Simulated.Mean - r.ErlangAll))!;
        var over = Row(control, 1.1, "voice-bn");
        var biBn = Row(bilingual, 1.0, "voice-bn");
        var biEn = Row(bilingual, 1.0, "voice-en");
        var biAll = Row(bilingual, 1.0, "all");
        var mixBn = Row(mixed, 1.0, "voice-bn");
        var mixEn = Row(mixed, 1.0, "voice-en");
        var mixChat = Row(mixed, 1.0, "chat-bn");
        var mixAll = Row(mixed, 1.0, "all");
        var under = rows.Where(r => r.Level == 0.9 && r.Roster == mixed && r.Queue != "all").MinBy(r => r.Erlang)!;
        return Inv($"""
            **Reading.**

            - *Specialists only (the control).* Nothing is shared, the flow gives each queue its own agents, and {controlVoice.Count(r => r.Simulated.Contains(r.ErlangAll))} of {controlVoice.Count} voice figures agree with Erlang A within the confidence interval. Chat differs by up to {Math.Abs(worstChat.Simulated.Mean - worstChat.ErlangAll) * 100:0.0} points ({worstChat.Level:P0}: {worstChat.Simulated.Mean:P1} ± {worstChat.Simulated.HalfWidth * 100:0.0} against {worstChat.ErlangAll:P1}): the chat chain assumes chats are always spread evenly over the agents, while the simulator gives a new chat to the least-loaded agent of the most specialised group with room but cannot move chats already held when one ends. At 110 % the coverage map's figure stays at the requirement's service level ({over.Erlang:P1} for voice-bn) because the flow counts no agent above the requirement, while the simulation gets the better service the extra agents give ({over.Simulated.Mean:P1}, like *all assigned*, {over.ErlangAll:P1}).
            - *Bilingual voice.* Erlang per queue pins each bilingual agent to English for the whole interval. In the simulation they also take Bengali calls whenever they are free and a Bengali call waits longest: voice-bn gets {Diff(biBn)} and voice-en {Diff(biEn)}. {(biAll.Simulated.Mean > biAll.Erlang ? "Pooling helps the centre as a whole" : "Over all contacts the simulation is not better")} ({biAll.Simulated.Mean:P1} against {biAll.Erlang:P1} over all contacts){(biEn.Simulated.High < biEn.Erlang ? $", but the small queue pays for it: its bilingual agents also serve a queue with {ratio:0} times its calls, whose calls are more often the ones waiting longest. Erlang per queue overstates the small queue's service{(biBn.Simulated.Low > biBn.Erlang ? " and understates the big one's" : "")}" : "")}.
            - *Mixed skills.* voice-bn {Diff(mixBn)}, voice-en {Diff(mixEn)}, chat-bn {Diff(mixChat)}; all contacts {mixAll.Simulated.Mean:P1} against {mixAll.Erlang:P1}. Every queue gains from the sharing: a new chat goes first to the chat specialists' free slots (the most specialised group with room), and a call to the voice specialists, so the blended agents are kept for whatever waits longest on any of their queues, and they take it within seconds, where Erlang per queue pins each of them to one queue for the whole interval. An agent holding a chat takes only chats until it ends, so a blended agent who picks up chats leaves voice for a while; with specialists served first this costs the voice queues little here. Erlang per queue assumes the flow's split holds all interval long.
            - *Under-staffed (90 %).* The coverage map's maximum flow puts the whole shortfall wherever the flow happens to leave it: with mixed skills its worst queue is {under.Queue} at {under.Erlang:P1} with {under.Covered} covered agents, where the simulation gives {under.Simulated.Mean:P1}. Any maximum flow is a valid answer, so the per-queue figures of an under-staffed multi-skill interval depend on which one is found, not on the roster.
            """);
    }

    /// <summary>
    /// Every agent counted: the flow against the requirement scaled by the staffing level, then any agent it leaves
    /// unplaced on the first of their skills.
    /// </summary>
    private static int[] AllAssigned(int[] counts, IReadOnlyList<int>[] skills, int[] required, double level)
    {
        var target = required.Select(r => (int)Math.Round(r * level, MidpointRounding.AwayFromZero)).ToArray();
        var flows = CoverageFlow.Assign(counts, skills, target);
        var placed = Column(flows, required.Length);
        for (var g = 0; g < counts.Length; g++)
        {
            placed[skills[g][0]] += counts[g] - flows[g].Sum();
        }

        return placed;
    }

    private static int[] Column(int[][] flows, int skills)
    {
        var covered = new int[skills];
        foreach (var row in flows)
        {
            for (var s = 0; s < skills; s++) covered[s] += row[s];
        }

        return covered;
    }

    private sealed record MultiQueue(string Id, Channel Channel, double Contacts, double Aht, StaffingPolicy Policy)
    {
        public string Describe() => Channel == Channel.Chat
            ? Inv($"{Id} {Contacts:0} chats per 15 min, {Aht:0} s each when held alone, concurrency {Policy.Concurrency}")
            : Inv($"{Id} {Contacts:0} calls per 15 min, AHT {Aht:0} s ({Contacts * Aht / 900:0.#} Erlangs)");

        public SimulatedQueue Simulated(int intervals, Duration patience) => new(
            Id,
            Channel,
            Policy.Target is ServiceTarget.ServiceLevel sl ? sl.Threshold.TotalSeconds : 0,
            0.8,
            Enumerable.Repeat(Contacts, intervals).ToArray(),
            Enumerable.Repeat(Aht, intervals).ToArray(),
            new HandleTimeModel.Exponential(),
            Channel == Channel.Voice ? new PatienceModel.Exponential(patience.TotalSeconds) : PatienceModel.Infinite,
            Policy.Concurrency);
    }

    // ------------------------------------------------------------------------------------------------------------

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
