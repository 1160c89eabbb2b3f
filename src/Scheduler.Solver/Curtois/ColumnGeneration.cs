using System.Globalization;
using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Glop = Google.OrTools.LinearSolver;

namespace Scheduler.Solver.Curtois;

/// <summary>
/// Column generation over whole schedules: a master LP (GLOP) chooses a convex mix of schedules per employee to meet
/// the cover at least cost, and each employee's pricing problem (the same hard-rule families on a one-employee
/// model, solved by CP-SAT) finds the schedule with the most negative reduced cost. The LP over schedules is far
/// tighter than the LP over single shifts, so it gives a real lower bound; the schedules it collects feed a restricted
/// master (one schedule per employee, CP-SAT) that turns them into good rosters.
/// </summary>
/// <remarks>
/// Lower bound (Lagrangian, valid at every iteration): LP value + Σ_e min(0, min reduced cost of e), where each
/// employee's minimum is the CP-SAT pricing bound less the rounding of the duals to integer coefficients.
/// </remarks>
internal sealed class ColumnGeneration
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

    /// <summary>Adds every employee's schedule of a roster as a column (duplicates are ignored).</summary>
    public void AddRoster(CurtoisRoster roster)
    {
        for (var e = 0; e < _instance.Employees.Count; e++)
        {
            AddColumn(e, [.. Enumerable.Range(0, _instance.Days).Select(d => roster[e, d])]);
        }
    }

    /// <summary>
    /// A first roster without any search over the whole: every hard rule of the benchmark concerns one employee, so a
    /// feasible schedule per employee is a feasible roster. Employees are scheduled one after the other by the
    /// labelling (<see cref="CurtoisLabelling"/>, a beam: milliseconds per employee even on year-long horizons) under
    /// cover prices: a (day, shift) still short of its requirement attracts (minus the under-cover weight), one already
    /// met repels (plus the over-cover weight), and the employee's requests count as in the penalty. An employee the
    /// beam finds no schedule for gets a wider beam, then the exact labelling, then CP-SAT's first feasible schedule.
    /// The schedules become the first columns.
    /// </summary>
    public CurtoisRoster? InitialRoster(DateTime deadlineUtc, int workers, int seed, CancellationToken ct)
    {
        var employees = _instance.Employees.Count;
        var days = _instance.Days;
        var types = _instance.ShiftTypes.Count;
        var roster = new CurtoisRoster(employees, days);
        var short_ = new int[days, types];
        foreach (var c in _instance.Cover)
        {
            short_[c.Day, c.Shift] = c.Required;
        }

        // Employees in batches of one per worker, each batch priced against the cover the earlier batches left short.
        var failed = false;
        for (var first = 0; first < employees && !failed; first += Math.Max(1, workers))
        {
            if (ct.IsCancellationRequested)
            {
                return null;
            }

            var batch = Enumerable.Range(first, Math.Min(Math.Max(1, workers), employees - first)).ToList();
            var chosen = new int[batch.Count][];
            Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, i =>
            {
                chosen[i] = FirstSchedule(batch[i], short_, deadlineUtc, seed)!;
            });

            for (var i = 0; i < batch.Count; i++)
            {
                var schedule = chosen[i];
                if (schedule is null)
                {
                    failed = true;
                    continue;
                }

                var e = batch[i];
                AddColumn(e, schedule);
                for (var d = 0; d < days; d++)
                {
                    roster[e, d] = schedule[d];
                    if (schedule[d] >= 0)
                    {
                        short_[d, schedule[d]]--;
                    }
                }
            }
        }

        return failed ? null : roster;
    }

    /// <summary>One employee's schedule for the first roster, or null when none is found in time.</summary>
    private int[]? FirstSchedule(int e, int[,] short_, DateTime deadlineUtc, int seed)
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
                    cost[d, s] += short_[d, s] > 0 ? -_instance.Cover[row].WeightUnder : _instance.Cover[row].WeightOver;
                }
            }
        }

        var flat = new double[days, types];
        // The beam under cover prices first, then a wider one; when their greedy choices leave the hard rules unreachable,
        // the exact search with no prices (every schedule costs the same, so dominance is by resources alone), then a
        // beam with no prices; then CP-SAT.
        foreach (var (beam, costs) in new[] { (1, cost), (8, cost), (0, flat), (8, flat) })
        {
            var result = _labelling[e].Price(costs, beam: beam, budget: InitialBudget);
            if (result.Schedules.Count > 0)
            {
                return result.Schedules[0].Schedule;
            }

            if (result.Exact)
            {
                return null; // proved: this employee has no schedule that keeps the hard rules
            }
        }

        var left = (deadlineUtc - DateTime.UtcNow).TotalSeconds;
        var price = _instance.Cover.Select(c => c.Required > 0 ? c.WeightUnder / 2.0 : -c.WeightOver).ToArray();
        var fallback = left > 0 ? Price(e, 0, price, TimeSpan.FromSeconds(left), seed, stopAtFirst: true) : (Schedules: [], LowerBound: double.NaN, Proven: false);
        return fallback.Schedules.Count > 0 ? fallback.Schedules[^1] : null;
    }

    /// <summary>Labels the exact search for a first schedule may create.</summary>
    private const long InitialBudget = 300_000;

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

    /// <summary>Runs pricing rounds until no column improves the LP, the time is up, or it is cancelled.</summary>
    public void Run(DateTime deadlineUtc, int workers, int seed, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && DateTime.UtcNow < deadlineUtc && !Converged)
        {
            var round = Round(deadlineUtc, workers, seed, ct);
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

    /// <summary>
    /// Diving: fix the (employee, day) cells the LP has decided, re-optimise the LP with a few pricing rounds (schedules
    /// must now agree with the fixed cells), and repeat until every cell is fixed. The LP over schedules is close to
    /// integral on these instances, so the dive lands near the bound, where columns alone rarely fit together.
    /// </summary>
    /// <param name="share">Each step fixes at least this share of the employees left (largest λ first).</param>
    /// <param name="random">When given, λ is jittered by up to 30 % before ranking, so repeated dives differ.</param>
    public CurtoisRoster? Dive(DateTime deadlineUtc, int workers, int seed, CancellationToken ct, double share = 0.125, Random? random = null)
    {
        var employees = _instance.Employees.Count;
        var days = _instance.Days;
        _fixed = new int[employees][];
        for (var e = 0; e < employees; e++)
        {
            _fixed[e] = Enumerable.Repeat(Free, days).ToArray();
        }

        try
        {
            while (true)
            {
                RoundResult? round = null;
                for (var i = 0; i < DiveRounds && DateTime.UtcNow < deadlineUtc; i++)
                {
                    if (ct.IsCancellationRequested)
                    {
                        return null;
                    }

                    round = Round(deadlineUtc, workers, seed, ct);
                    if (round is null)
                    {
                        return null;
                    }

                    if (round.Added == 0)
                    {
                        break;
                    }
                }

                if (round is null || round.Added > 0)
                {
                    round = Round(DateTime.MinValue, workers, seed, ct); // the LP with the latest columns, no pricing
                    if (round is null)
                    {
                        return null;
                    }
                }

                if (DateTime.UtcNow >= deadlineUtc)
                {
                    return Rounded(round); // out of time: each employee's heaviest schedule that fits the fixings
                }

                // Fix the schedules the LP has decided (λ ≥ 0.99), and at least a share of the employees left, largest λ first.
                var candidates = Enumerable.Range(0, employees).Where(e => _fixed[e].Contains(Free))
                    .Select(e => (Employee: e, Column: Array.IndexOf(round.Lambda[e], round.Lambda[e].Max()), Lambda: round.Lambda[e].Max()))
                    .OrderByDescending(c => c.Lambda >= 0.99 ? 2 : c.Lambda * (1 + (0.3 * (random?.NextDouble() ?? 0)))).ToList();
                if (candidates.Count == 0)
                {
                    return Rounded(round);
                }

                var atLeast = Math.Max(1, (int)(candidates.Count * share));
                for (var i = 0; i < candidates.Count && (i < atLeast || candidates[i].Lambda >= 0.99); i++)
                {
                    var (e, p, _) = candidates[i];
                    for (var d = 0; d < days; d++)
                    {
                        _fixed[e][d] = _columns[e][p].Schedule[d];
                    }
                }
            }
        }
        finally
        {
            _fixed = null;
        }
    }

    private const int Free = -2;

    /// <summary>Cells fixed by the dive: per employee and day a shift, <see cref="CurtoisRoster.Off"/>, or <see cref="Free"/>.</summary>
    private int[][]? _fixed;

    private bool Fits(int e, int[] schedule)
    {
        if (_fixed is null)
        {
            return true;
        }

        for (var d = 0; d < schedule.Length; d++)
        {
            if (_fixed[e][d] != Free && _fixed[e][d] != schedule[d])
            {
                return false;
            }
        }

        return true;
    }

    private CurtoisRoster Rounded(RoundResult round)
    {
        var roster = new CurtoisRoster(_instance.Employees.Count, _instance.Days);
        for (var e = 0; e < _instance.Employees.Count; e++)
        {
            var p = Array.IndexOf(round.Lambda[e], round.Lambda[e].Max());
            for (var d = 0; d < _instance.Days; d++)
            {
                roster[e, d] = _columns[e][p].Schedule[d];
            }
        }

        return roster;
    }

    /// <summary>Pricing rounds per dive step before the next fixing.</summary>
    private const int DiveRounds = 2;

    private sealed record RoundResult(double Lp, int Added, bool Complete, double[][] Lambda);

    /// <summary>
    /// Solves the master LP (during a dive, over the schedules that fit the fixed cells) and prices every employee not
    /// fully fixed once; with nothing fixed it also updates the Lagrangian lower bound.
    /// </summary>
    private RoundResult? Round(DateTime deadlineUtc, int workers, int seed, CancellationToken ct)
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
            var left = deadlineUtc - DateTime.UtcNow;
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

    /// <summary>Time for one employee's pricing problem, in seconds.</summary>
    private const double PricingSeconds = 2;

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

    private sealed record Column(int[] Schedule, long Cost, string Key);

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
