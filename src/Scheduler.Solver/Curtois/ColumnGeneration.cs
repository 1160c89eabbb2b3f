using System.Globalization;
using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Scheduler.Solver.Model;
using Glop = Google.OrTools.LinearSolver;

namespace Scheduler.Solver.Curtois;

/// <summary>
/// Column generation over whole schedules: a master LP (GLOP) chooses a convex mix of schedules per employee to meet
/// the cover at least cost, and each employee's pricing problem (a labelling over days where it is exact, the same
/// hard-rule families on a one-employee CP-SAT model otherwise: ColumnGeneration.Pricing.cs) finds the schedule with the most negative reduced cost. The LP over schedules is far
/// tighter than the LP over single shifts, so it gives a real lower bound; the schedules it collects feed a restricted
/// master (one schedule per employee, CP-SAT) that turns them into good rosters.
/// </summary>
/// <remarks>
/// Lower bound (Lagrangian, valid at every iteration): LP value + Σ_e min(0, min reduced cost of e), where each
/// employee's minimum is the CP-SAT pricing bound less the rounding of the duals to integer coefficients.
/// </remarks>
internal sealed partial class ColumnGeneration
{
    private const double Scale = 1000; // duals become integer coefficients for CP-SAT at this scale

    private readonly CurtoisInstance _instance;
    private readonly List<Column>[] _columns;
    private readonly HashSet<string>[] _keys;
    private readonly Pricing[] _pricing;
    private readonly CurtoisLabelling[] _labelling;
    private readonly double[][,] _requestCost; // per employee, [day, shift]: the requests' cost of working that shift
    private readonly bool[] _labellingTooBig; // the exact labelling ran out of its budget once for this employee: not tried again
    private readonly int[,] _coverRow; // (day, shift) -> index into instance.Cover, or -1

    public ColumnGeneration(CurtoisInstance instance)
    {
        _instance = instance;
        var employees = instance.Employees.Count;
        _columns = [.. Enumerable.Range(0, employees).Select(_ => new List<Column>())];
        _keys = [.. Enumerable.Range(0, employees).Select(_ => new HashSet<string>(StringComparer.Ordinal))];
        _pricing = new Pricing[employees];
        _labelling = [.. Enumerable.Range(0, employees).Select(e => new CurtoisLabelling(instance, e))];
        _requestCost = [.. Enumerable.Range(0, employees).Select(e => RequestCosts(instance, e))];
        _labellingTooBig = new bool[employees];
        _coverRow = new int[instance.Days, instance.ShiftTypes.Count];
        for (var d = 0; d < instance.Days; d++)
        {
            for (var s = 0; s < instance.ShiftTypes.Count; s++)
            {
                _coverRow[d, s] = -1;
            }
        }

        for (var i = 0; i < instance.Cover.Count; i++)
        {
            _coverRow[instance.Cover[i].Day, instance.Cover[i].Shift] = i;
        }
    }

    /// <summary>Best lower bound on the penalty found so far (long.MinValue before the first complete pricing round).</summary>
    public long LowerBound { get; private set; } = long.MinValue;

    public double LpValue { get; private set; } = double.NaN;

    public bool Converged { get; private set; }

    public int ColumnCount => _columns.Sum(c => c.Count);

    /// <summary>Master LP solves so far (each followed by a pricing round unless out of time).</summary>
    public int Rounds { get; private set; }

    /// <summary>Runs pricing rounds until no column improves the LP, the time is up, or it is cancelled.</summary>
    public void Run(Deadline deadline, int workers, int seed, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && !deadline.HasPassed && !Converged)
        {
            var round = Round(deadline, workers, seed, ct);
            if (round is null)
            {
                return;
            }

            if (round.Added == 0 && round.Complete)
            {
                Converged = true;
                LowerBound = Math.Max(LowerBound, (long)Math.Ceiling(round.Lp - 1e-6));
            }
        }
    }

    private sealed record RoundResult(double Lp, int Added, bool Complete, double[][] Lambda);

    /// <summary>
    /// Solves the master LP (during a dive, over the schedules that fit the fixed cells) and prices every employee not
    /// fully fixed once; with nothing fixed it also updates the Lagrangian lower bound.
    /// </summary>
    private RoundResult? Round(Deadline deadline, int workers, int seed, CancellationToken ct)
    {
        var employees = _instance.Employees.Count;
        var (lp, lambdaOut, convexity, cover) = SolveMaster();
        if (lp is null)
        {
            return null;
        }

        if (_fixed is null)
        {
            LpValue = lp.Value;
        }

        var bounds = new double[employees];
        var added = 0;
        var complete = true;
        var free = Enumerable.Range(0, employees).Where(e => _fixed is null || _fixed[e].Contains(Free)).ToList(); // a fully fixed schedule has nothing to price
        Parallel.ForEach(free, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, e =>
        {
            var left = deadline.Left;
            if (left <= TimeSpan.Zero || ct.IsCancellationRequested)
            {
                complete = false;
                bounds[e] = double.NaN;
                return;
            }

            var result = PriceByLabelling(e, convexity[e], cover) ?? Price(e, convexity[e], cover, TimeSpan.FromSeconds(Math.Min(left.TotalSeconds, PricingSeconds)), seed);
            bounds[e] = result.LowerBound;
            if (!result.Proven)
            {
                complete = false;
            }

            foreach (var schedule in result.Schedules)
            {
                if (ReducedCost(e, schedule, convexity[e], cover) < -1e-6)
                {
                    lock (_columns[e])
                    {
                        if (AddColumn(e, schedule))
                        {
                            Interlocked.Increment(ref added);
                        }
                    }
                }
            }
        });

        if (_fixed is null && bounds.All(b => !double.IsNaN(b)) && !ct.IsCancellationRequested)
        {
            var bound = lp.Value + bounds.Sum(b => Math.Min(0, b));
            LowerBound = Math.Max(LowerBound, (long)Math.Ceiling(bound - 1e-6));
        }

        Rounds++;
        return new RoundResult(lp.Value, added, complete, lambdaOut);
    }

    private bool AddColumn(int e, int[] schedule)
    {
        var key = Key(schedule);
        if (!_keys[e].Add(key))
        {
            return false;
        }

        _columns[e].Add(new Column(schedule, Cost(e, schedule), key));
        return true;
    }

    private static string Key(int[] schedule) => string.Join(',', schedule);

    private long Cost(int e, int[] schedule)
    {
        long cost = 0;
        foreach (var r in _instance.OnRequests)
        {
            if (r.Employee == e && schedule[r.Day] != r.Shift)
            {
                cost += r.Weight;
            }
        }

        foreach (var r in _instance.OffRequests)
        {
            if (r.Employee == e && schedule[r.Day] == r.Shift)
            {
                cost += r.Weight;
            }
        }

        return cost;
    }

    private double ReducedCost(int e, int[] schedule, double convexityDual, double[] coverDual)
    {
        var reduced = Cost(e, schedule) - convexityDual;
        for (var d = 0; d < schedule.Length; d++)
        {
            if (schedule[d] >= 0 && _coverRow[d, schedule[d]] is var row and >= 0)
            {
                reduced -= coverDual[row];
            }
        }

        return reduced;
    }

    /// <summary>The master LP over the columns so far: its value and the duals of the convexity and cover rows.</summary>
    private (double? Value, double[][] Lambda, double[] Convexity, double[] Cover) SolveMaster()
    {
        using var lp = Glop.Solver.CreateSolver("GLOP");
        var employees = _instance.Employees.Count;
        var convexity = new Glop.Constraint[employees];
        var cover = new Glop.Constraint[_instance.Cover.Count];
        var objective = lp.Objective();
        objective.SetMinimization();
        for (var i = 0; i < cover.Length; i++)
        {
            var c = _instance.Cover[i];
            cover[i] = lp.MakeConstraint(c.Required, c.Required, $"cover{i}");
            var under = lp.MakeNumVar(0, double.PositiveInfinity, $"under{i}");
            var over = lp.MakeNumVar(0, double.PositiveInfinity, $"over{i}");
            cover[i].SetCoefficient(under, 1);
            cover[i].SetCoefficient(over, -1);
            objective.SetCoefficient(under, c.WeightUnder);
            objective.SetCoefficient(over, c.WeightOver);
        }

        var lambdas = new Glop.Variable?[employees][];
        for (var e = 0; e < employees; e++)
        {
            convexity[e] = lp.MakeConstraint(1, 1, $"employee{e}");
            lambdas[e] = new Glop.Variable?[_columns[e].Count];
            for (var p = 0; p < _columns[e].Count; p++)
            {
                if (!Fits(e, _columns[e][p].Schedule))
                {
                    continue;
                }

                var column = _columns[e][p];
                var lambda = lp.MakeNumVar(0, double.PositiveInfinity, $"l{e}_{p}");
                lambdas[e][p] = lambda;
                convexity[e].SetCoefficient(lambda, 1);
                objective.SetCoefficient(lambda, column.Cost);
                for (var d = 0; d < _instance.Days; d++)
                {
                    if (column.Schedule[d] >= 0 && _coverRow[d, column.Schedule[d]] is var row and >= 0)
                    {
                        cover[row].SetCoefficient(lambda, 1);
                    }
                }
            }
        }

        if (lp.Solve() != Glop.Solver.ResultStatus.OPTIMAL)
        {
            return (null, [], [], []);
        }

        return (objective.Value(), [.. lambdas.Select(l => l.Select(v => v?.SolutionValue() ?? 0).ToArray())], [.. convexity.Select(c => c.DualValue())], [.. cover.Select(c => c.DualValue())]);
    }

    private sealed record Column(int[] Schedule, long Cost, string Key);

}
