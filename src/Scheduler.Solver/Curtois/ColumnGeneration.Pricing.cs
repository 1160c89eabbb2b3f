using System.Globalization;
using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Scheduler.Solver.Model;
using Glop = Google.OrTools.LinearSolver;

namespace Scheduler.Solver.Curtois;

/// <summary>Pricing: each employee's schedule of least reduced cost, by the labelling where it is exact (or a beam), by CP-SAT otherwise.</summary>
internal sealed partial class ColumnGeneration
{
    /// <summary>Labels the exact pricing may create per employee before it gives up for good on that employee.</summary>
    private const long PricingBudget = 300_000;

    /// <summary>Beam width of the pricing when the exact labelling is too big: columns, but no bound.</summary>
    private const int PricingBeam = 4;

    /// <summary>
    /// Pricing by the labelling: exact when it fits its budget (the least reduced cost is then the true minimum, and
    /// the Lagrangian bound holds), otherwise a beam that gives columns but no bound. Null when neither finds a schedule
    /// of negative reduced cost without proving there is none: the caller then asks CP-SAT (which also bounds).
    /// </summary>
    private (List<int[]> Schedules, double LowerBound, bool Proven)? PriceByLabelling(int e, double convexityDual, double[] coverDual)
    {
        var days = _instance.Days;
        var types = _instance.ShiftTypes.Count;
        var cost = (double[,])_requestCost[e].Clone();
        for (var d = 0; d < days; d++)
        {
            for (var s = 0; s < types; s++)
            {
                if (_coverRow[d, s] is var row and >= 0)
                {
                    cost[d, s] -= coverDual[row];
                }
            }
        }

        var constant = _instance.OnRequests.Where(r => r.Employee == e).Sum(r => (double)r.Weight) - convexityDual;
        var fixedCells = _fixed?[e];
        if (!_labellingTooBig[e])
        {
            var exact = _labelling[e].Price(cost, fixedCells, keep: ColumnsPerPricing, budget: PricingBudget, below: -constant - 1e-6);
            if (exact.Exact)
            {
                return ([.. exact.Schedules.Select(x => x.Schedule)], constant + exact.Least, true);
            }

            _labellingTooBig[e] = true;
        }

        var beam = _labelling[e].Price(cost, fixedCells, keep: ColumnsPerPricing, beam: PricingBeam, below: -constant - 1e-6);
        return beam.Schedules.Count > 0 ? ([.. beam.Schedules.Select(x => x.Schedule)], double.NaN, false) : null;
    }

    /// <summary>Schedules of negative reduced cost the labelling returns per employee and round, cheapest first.</summary>
    private const int ColumnsPerPricing = 5;

    private static double[,] RequestCosts(CurtoisInstance instance, int e)
    {
        var cost = new double[instance.Days, instance.ShiftTypes.Count];
        foreach (var r in instance.OnRequests.Where(r => r.Employee == e))
        {
            cost[r.Day, r.Shift] -= r.Weight;
        }

        foreach (var r in instance.OffRequests.Where(r => r.Employee == e))
        {
            cost[r.Day, r.Shift] += r.Weight;
        }

        return cost;
    }

    /// <summary>Time for one employee's pricing problem, in seconds.</summary>
    private const double PricingSeconds = 2;

    /// <summary>Employee e's schedule of least reduced cost, and a lower bound on that reduced cost.</summary>
    private (List<int[]> Schedules, double LowerBound, bool Proven) Price(int e, double convexityDual, double[] coverDual, TimeSpan limit, int seed, bool stopAtFirst = false)
    {
        var pricing = _pricing[e] ??= new Pricing(_instance, e);
        var m = pricing.Model;
        var objective = LinearExpr.NewBuilder();
        // Exact: reduced cost = constant + Σ coefficient · x; the CP-SAT objective uses coefficients rounded at Scale.
        var constant = _instance.OnRequests.Where(r => r.Employee == e).Sum(r => (double)r.Weight) - convexityDual;
        var rounding = 0.0;
        for (var d = 0; d < _instance.Days; d++)
        {
            for (var s = 0; s < _instance.ShiftTypes.Count; s++)
            {
                if (m.X[0][d][s] is not { } x)
                {
                    continue;
                }

                var coefficient = pricing.RequestCost[d, s] - (_coverRow[d, s] >= 0 ? coverDual[_coverRow[d, s]] : 0);
                var scaled = Math.Round(coefficient * Scale);
                rounding += Math.Abs((scaled / Scale) - coefficient);
                objective.AddTerm(x, (long)scaled);
            }
        }

        m.Cp.Minimize(objective);
        var saved = new List<(Google.OrTools.Sat.IntegerVariableProto Variable, long[] Domain)>();
        if (_fixed is not null)
        {
            for (var d = 0; d < _instance.Days; d++)
            {
                if (_fixed[e][d] == Free)
                {
                    continue;
                }

                var literal = _fixed[e][d] == CurtoisRoster.Off ? m.OffDay[0][d] : m.X[0][d][_fixed[e][d]];
                if (literal is null)
                {
                    continue;
                }

                var variable = m.Cp.Model.Variables[literal.GetIndex()];
                saved.Add((variable, [.. variable.Domain]));
                variable.Domain.Clear();
                variable.Domain.Add(1);
                variable.Domain.Add(1);
            }
        }

        var solver = new CpSolver
        {
            StringParameters = FormattableString.Invariant($"max_time_in_seconds:{Math.Max(0.05, limit.TotalSeconds):0.###},num_workers:1,linearization_level:2,random_seed:{seed},stop_after_first_solution:{(stopAtFirst ? "true" : "false")}"),
        };
        var collector = new ScheduleCollector(m, _instance);
        var status = solver.Solve(m.Cp, collector);
        foreach (var (variable, domain) in saved)
        {
            variable.Domain.Clear();
            variable.Domain.Add(domain);
        }

        var bound = double.IsFinite(solver.BestObjectiveBound) ? constant + (solver.BestObjectiveBound / Scale) - rounding : double.NaN;
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            return ([], status == CpSolverStatus.Infeasible ? double.NaN : bound, false);
        }

        return (collector.Schedules, bound, status == CpSolverStatus.Optimal);
    }

    /// <summary>Every schedule the pricing search passes on its way to the best: more columns per round for free.</summary>
    private sealed class ScheduleCollector(CurtoisModel m, CurtoisInstance instance) : CpSolverSolutionCallback
    {
        public List<int[]> Schedules { get; } = [];

        public override void OnSolutionCallback()
        {
            var schedule = new int[instance.Days];
            for (var d = 0; d < instance.Days; d++)
            {
                schedule[d] = CurtoisRoster.Off;
                for (var s = 0; s < instance.ShiftTypes.Count; s++)
                {
                    if (m.X[0][d][s] is { } x && BooleanValue(x))
                    {
                        schedule[d] = s;
                    }
                }
            }

            Schedules.Add(schedule);
        }
    }

    /// <summary>One employee's pricing model: the hard rules on that employee alone, and the request cost per (day, shift).</summary>
    private sealed class Pricing
    {
        public Pricing(CurtoisInstance instance, int e)
        {
            var alone = instance with
            {
                Employees = [instance.Employees[e]],
                OnRequests = [],
                OffRequests = [],
                Cover = [],
            };
            Model = new CurtoisModel(alone);
            OneShiftPerDay.Add(Model);
            ShiftRotation.Add(Model);
            WorkLimits.Add(Model);
            RunsAndWeekends.Add(Model);
            RequestCost = new double[instance.Days, instance.ShiftTypes.Count];
            foreach (var r in instance.OnRequests.Where(r => r.Employee == e))
            {
                RequestCost[r.Day, r.Shift] -= r.Weight;
            }

            foreach (var r in instance.OffRequests.Where(r => r.Employee == e))
            {
                RequestCost[r.Day, r.Shift] += r.Weight;
            }
        }

        public CurtoisModel Model { get; }

        public double[,] RequestCost { get; }
    }
}
