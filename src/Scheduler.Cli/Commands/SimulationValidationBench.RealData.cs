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

/// <summary>Section 2: the Anonymous Bank's January and February 1999 replayed with the agents the call records show.</summary>
public static partial class SimulationValidationBench
{
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
}
