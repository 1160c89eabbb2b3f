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

/// <summary>Section 1 of docs/benchmarks/simulation.md: one queue against Erlang C and Erlang A.</summary>
public static partial class SimulationValidationBench
{
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
}
