using System.Diagnostics;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;
using Glop = Google.OrTools.LinearSolver;

namespace Scheduler.Solver.Bound;

/// <summary>
/// The roster's lower bound by column generation over whole horizon schedules (docs/decisions/009). A master LP
/// (GLOP) mixes, per agent, schedules that keep every hard rule of that agent; its rows are the coverage of the
/// CP-SAT model: per interval, agents on duty per skill group flow to the skills they have, under-coverage is what
/// no flow reaches, over-coverage what is on duty beyond the total required. Each agent's pricing problem is a
/// labelling programme over days (<see cref="ScheduleLabelling"/>).
/// </summary>
/// <remarks>
/// <para>The bound is Lagrangian and valid at every round, converged or not: for any prices (α ≥ 0 on the duty rows,
/// β on the cover rows, γ ≥ 0 on the over rows), Σβ·required − Σγ·total + the least reduced cost of every bounded
/// coverage variable + Σ over agents of the least reduced cost of any of their schedules is at most the cost of every
/// roster, because every roster is one schedule per agent plus coverage variables inside their bounds. The pricing is
/// exact, so its least reduced cost is the true minimum.</para>
/// <para>Dual stabilisation (Wentges smoothing): pricing uses a mix of the best prices so far and the LP's; a round
/// that adds nothing at the mix is priced again at the LP's own prices, and nothing there means converged.</para>
/// </remarks>
internal sealed partial class RosterColumnGeneration : IDisposable
{
    private const double Smoothing = 0.5;
    private const int ColumnsPerPricing = 3;

    private readonly RosterScenario _scenario;
    private readonly ShiftCatalog _catalog;
    private readonly PricedOptions _options;
    private readonly ScheduleLabelling[] _pricing;
    private readonly int[] _groupOf; // agent index -> group
    private readonly IReadOnlyList<SkillGroup> _groups;
    private readonly int[] _total; // per interval, total required
    private readonly int[] _rowOf; // per interval, its block of rows, or -1 where nothing is required
    private readonly int[] _rowTotal; // per block, total required over its intervals
    private readonly int[][] _rowRequired; // per block, per skill, required over its intervals
    private readonly int[] _rowIntervals; // per block, its intervals
    private readonly double[] _idle; // per interval: the idle-staffing cost of one agent on duty where nothing is required
    private readonly List<ScheduleColumn>[] _columns;
    private readonly HashSet<string>[] _keys;
    private readonly Glop.Solver _lp;
    private readonly Glop.Constraint[] _convexity;
    private readonly Glop.Constraint?[,] _dutyRow; // [group, interval]
    private readonly Glop.Constraint?[,] _coverRow; // [interval, skill]
    private readonly Glop.Constraint?[] _overRow;
    private readonly List<Glop.Variable>[] _lambda;
    private double[][] _weights = []; // per agent, λ of each column at the last master solve
    private readonly RosterRules _rules;
    private readonly Roster? _baseline;
    private Prices? _centre;
    private double _centreBound = double.NegativeInfinity;

    /// <param name="intervalsPerRow">Coverage rows per this many consecutive intervals: 1 is the model's own rows; more
    /// sums the rows of each block (a relaxation, so the bound stays valid, weaker but with a far smaller LP).</param>
    public RosterColumnGeneration(RosterScenario scenario, Roster? baseline, int intervalsPerRow = 1)
    {
        _scenario = scenario;
        _baseline = baseline;
        _rules = scenario.Rules;
        var catalog = _catalog = new ShiftCatalog(scenario);
        _options = new PricedOptions(catalog);
        var skillIndex = scenario.Skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        _groups = SkillGroup.Of(scenario, skillIndex);
        var agentIndex = scenario.Agents.Select((a, i) => (a.Id, i)).ToDictionary(x => x.Id, x => x.i);
        _groupOf = new int[scenario.Agents.Count];
        foreach (var g in _groups)
        {
            foreach (var a in g.Agents)
            {
                _groupOf[agentIndex[a.Id]] = g.Index;
            }
        }

        _pricing = [.. Enumerable.Range(0, scenario.Agents.Count).Select(a => new ScheduleLabelling(scenario, catalog, _options, a, baseline))];
        var count = scenario.Grid.Count;
        var required = Enumerable.Range(0, count).Select(t => scenario.Skills.Select(s => scenario.Requirements[s][t]).ToArray()).ToArray();
        _total = [.. required.Select(r => r.Sum())];
        var blocks = new Dictionary<int, int>();
        _rowOf = new int[count];
        for (var t = 0; t < count; t++)
        {
            _rowOf[t] = -1;
            if (_total[t] > 0)
            {
                var block = t / Math.Max(1, intervalsPerRow);
                if (!blocks.TryGetValue(block, out var r))
                {
                    blocks[block] = r = blocks.Count;
                }

                _rowOf[t] = r;
            }
        }

        var rows = blocks.Count;
        _rowRequired = [.. Enumerable.Range(0, rows).Select(_ => new int[scenario.Skills.Count])];
        _rowTotal = new int[rows];
        _rowIntervals = new int[rows];
        for (var t = 0; t < count; t++)
        {
            if (_rowOf[t] is var r and >= 0)
            {
                _rowIntervals[r]++;
                _rowTotal[r] += _total[t];
                for (var k = 0; k < scenario.Skills.Count; k++)
                {
                    _rowRequired[r][k] += required[t][k];
                }
            }
        }

        _idle = [.. _total.Select(t => t == 0 ? (double)_rules.IdleStaffing : 0)];
        _columns = [.. scenario.Agents.Select(_ => new List<ScheduleColumn>())];
        _keys = [.. scenario.Agents.Select(_ => new HashSet<string>(StringComparer.Ordinal))];
        _lambda = [.. scenario.Agents.Select(_ => new List<Glop.Variable>())];

        _lp = Glop.Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
        // Without presolve GLOP starts each solve from the last basis: adding columns keeps it primal feasible.
        _lp.SetSolverSpecificParametersAsString("use_preprocessing:false");
        var objective = _lp.Objective();
        objective.SetMinimization();
        _convexity = [.. scenario.Agents.Select((a, i) => _lp.MakeConstraint(1, 1, $"agent{i}"))];
        _dutyRow = new Glop.Constraint?[_groups.Count, rows];
        _coverRow = new Glop.Constraint?[rows, scenario.Skills.Count];
        _overRow = new Glop.Constraint?[rows];
        for (var t = 0; t < rows; t++)
        {

            for (var s = 0; s < scenario.Skills.Count; s++)
            {
                if (_rowRequired[t][s] > 0)
                {
                    var row = _coverRow[t, s] = _lp.MakeConstraint(_rowRequired[t][s], _rowRequired[t][s], $"cover{t}_{s}");
                    var under = _lp.MakeNumVar(0, _rowRequired[t][s], $"under{t}_{s}");
                    row.SetCoefficient(under, 1);
                    objective.SetCoefficient(under, _rules.UnderCoverage);
                }
            }

            foreach (var g in _groups)
            {
                var skills = g.SkillIndices.Where(s => _rowRequired[t][s] > 0).ToList();
                if (skills.Count == 0)
                {
                    continue;
                }

                var duty = _dutyRow[g.Index, t] = _lp.MakeConstraint(0, double.PositiveInfinity, $"duty{g.Index}_{t}");
                foreach (var s in skills)
                {
                    var z = _lp.MakeNumVar(0, _rowRequired[t][s], $"serve{t}_{g.Index}_{s}");
                    duty.SetCoefficient(z, -1);
                    _coverRow[t, s]!.SetCoefficient(z, 1);
                }
            }

            if (_rules.OverCoverage > 0)
            {
                var row = _overRow[t] = _lp.MakeConstraint(-_rowTotal[t], double.PositiveInfinity, $"over{t}");
                var over = _lp.MakeNumVar(0, scenario.Agents.Count * _rowIntervals[t], $"overv{t}");
                row.SetCoefficient(over, 1);
                objective.SetCoefficient(over, _rules.OverCoverage);
            }
        }
    }

    /// <summary>The best positive lower bound on the roster's total cost so far (null until one is proved).</summary>
    public long? LowerBound { get; private set; }

    /// <summary>The master LP's value after the last solve.</summary>
    public double LpValue { get; private set; } = double.NaN;

    /// <summary>True once pricing at the LP's own prices finds no improving schedule: the bound is the LP optimum.</summary>
    public bool Converged { get; private set; }

    public int Rounds { get; private set; }

    public int ColumnCount => _columns.Sum(c => c.Count);

    /// <summary>True when some agent has no schedule that keeps their hard rules (there is then no bound to give).</summary>
    public bool Infeasible { get; private set; }

    /// <summary>
    /// Rounds of master LP and pricing until converged, out of time, or cancelled. <paramref name="bound"/> is told
    /// each improvement of the lower bound.
    /// </summary>
    public void Run(TimeSpan limit, int workers, Action<long>? bound, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (_columns.Any(c => c.Count == 0))
        {
            // Every agent needs a first column: the least-cost schedule with coverage priced at zero.
            var zero = new Prices(new double[_groups.Count, _rowTotal.Length], new double[_rowTotal.Length, _scenario.Skills.Count], new double[_rowTotal.Length]);
            var (columns, _) = PriceAll(zero, workers, ct, [.. Enumerable.Range(0, _scenario.Agents.Count).Where(a => _columns[a].Count == 0)]);
            if (columns is null)
            {
                return;
            }

            foreach (var column in columns)
            {
                Add(column);
            }
        }

        var atLp = false;
        while (!ct.IsCancellationRequested && !Converged && clock.Elapsed < limit)
        {
            var lpPrices = SolveMaster();
            if (lpPrices is null)
            {
                return;
            }

            var prices = atLp || _centre is null ? lpPrices : Prices.Mix(_centre, lpPrices, Smoothing);
            var (found, least) = PriceAll(prices, workers, ct, [.. Enumerable.Range(0, _scenario.Agents.Count)]);
            if (found is null || ct.IsCancellationRequested)
            {
                return;
            }

            var lagrangian = Lagrangian(prices, least);

            if (lagrangian > _centreBound)
            {
                _centreBound = lagrangian;
                _centre = prices;
                var rounded = (long)Math.Ceiling(lagrangian - (1e-7 * Math.Max(1, Math.Abs(lagrangian))));
                if (rounded > (LowerBound ?? 0)) // every cost is non-negative: only a positive bound says something
                {
                    LowerBound = rounded;
                    bound?.Invoke(rounded);
                }
            }

            var added = 0;
            foreach (var column in found)
            {
                if (ReducedAtLp(column, lpPrices) < -1e-6 && Add(column))
                {
                    added++;
                }
            }

            Rounds++;
            if (added == 0)
            {
                if (atLp)
                {
                    Converged = true; // nothing improves the LP at its own prices: the LP is optimal over all schedules
                    return;
                }

                atLp = true; // a mispriced round: try the LP's own prices before concluding
            }
            else
            {
                atLp = false;
            }
        }
    }

    public void Dispose() => _lp.Dispose();

    private bool Add(ScheduleColumn column)
    {
        var a = column.Agent;
        if (!_keys[a].Add(column.Key))
        {
            return false;
        }

        _columns[a].Add(column);
        var lambda = _lp.MakeNumVar(0, double.PositiveInfinity, $"l{a}_{_columns[a].Count}");
        _lambda[a].Add(lambda);
        _lp.Objective().SetCoefficient(lambda, column.Cost);
        _convexity[a].SetCoefficient(lambda, 1);
        var g = _groupOf[a];
        foreach (var (r, n) in column.Duty.Where(t => _rowOf[t] >= 0).GroupBy(t => _rowOf[t]).Select(x => (x.Key, x.Count())))
        {
            _dutyRow[g, r]?.SetCoefficient(lambda, n);
            _overRow[r]?.SetCoefficient(lambda, -n);
        }

        return true;
    }

    /// <summary>Prices on the rows: α per (group, interval), β per (interval, skill), γ per interval.</summary>
    private sealed record Prices(double[,] Duty, double[,] Cover, double[] Over)
    {
        public double[] Convexity { get; init; } = [];

        public static Prices Mix(Prices centre, Prices lp, double weight)
        {
            var duty = (double[,])lp.Duty.Clone();
            var cover = (double[,])lp.Cover.Clone();
            var over = (double[])lp.Over.Clone();
            for (var i = 0; i < duty.GetLength(0); i++)
            {
                for (var j = 0; j < duty.GetLength(1); j++)
                {
                    duty[i, j] = (weight * centre.Duty[i, j]) + ((1 - weight) * lp.Duty[i, j]);
                }
            }

            for (var i = 0; i < cover.GetLength(0); i++)
            {
                for (var j = 0; j < cover.GetLength(1); j++)
                {
                    cover[i, j] = (weight * centre.Cover[i, j]) + ((1 - weight) * lp.Cover[i, j]);
                }
            }

            for (var i = 0; i < over.Length; i++)
            {
                over[i] = (weight * centre.Over[i]) + ((1 - weight) * lp.Over[i]);
            }

            return new Prices(duty, cover, over) { Convexity = lp.Convexity };
        }
    }

    private Prices? SolveMaster()
    {
        var status = _lp.Solve();
        if (status != Glop.Solver.ResultStatus.OPTIMAL)
        {
            return null;
        }

        LpValue = _lp.Objective().Value();
        _weights = [.. _lambda.Select(l => l.Select(v => v.SolutionValue()).ToArray())];
        var count = _rowTotal.Length;
        var duty = new double[_groups.Count, count];
        var cover = new double[count, _scenario.Skills.Count];
        var over = new double[count];
        for (var t = 0; t < count; t++)
        {
            for (var g = 0; g < _groups.Count; g++)
            {
                duty[g, t] = _dutyRow[g, t] is { } row ? Math.Max(0, row.DualValue()) : 0;
            }

            for (var s = 0; s < _scenario.Skills.Count; s++)
            {
                cover[t, s] = _coverRow[t, s]?.DualValue() ?? 0;
            }

            over[t] = _overRow[t] is { } o ? Math.Max(0, o.DualValue()) : 0;
        }

        return new Prices(duty, cover, over) { Convexity = [.. _convexity.Select(c => c.DualValue())] };
    }

    /// <summary>The value of one agent of group g on duty in each interval: α − γ where something is required, minus the
    /// idle-staffing cost where nothing is.</summary>
    private double[] DutyPrice(Prices prices, int g)
    {
        var count = _scenario.Grid.Count;
        var price = new double[count];
        for (var t = 0; t < count; t++)
        {
            price[t] = _rowOf[t] < 0 ? -_idle[t] : prices.Duty[g, _rowOf[t]] - prices.Over[_rowOf[t]];
        }

        return price;
    }

    /// <summary>Prices every listed agent: the best columns and, per agent, the least reduced cost (without the convexity price).</summary>
    private (List<ScheduleColumn>? Columns, double[] Least) PriceAll(Prices prices, int workers, CancellationToken ct, int[] agents)
    {
        var perGroup = new OptionPrices[_groups.Count];
        Parallel.For(0, _groups.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, g => perGroup[g] = new OptionPrices(_options, DutyPrice(prices, g)));
        var least = new double[_scenario.Agents.Count];
        var found = new List<ScheduleColumn>[_scenario.Agents.Count];
        Parallel.ForEach(agents, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = CancellationToken.None }, a =>
        {
            if (ct.IsCancellationRequested)
            {
                return;
            }

            var (columns, min) = _pricing[a].Price(perGroup[_groupOf[a]], ColumnsPerPricing, _idle);
            least[a] = min;
            found[a] = columns;
        });

        if (agents.Any(a => double.IsPositiveInfinity(least[a])))
        {
            Infeasible = true;
            return (null, least);
        }

        return (ct.IsCancellationRequested ? null : [.. agents.SelectMany(a => found[a] ?? [])], least);
    }

    private double ReducedAtLp(ScheduleColumn column, Prices lp)
    {
        var g = _groupOf[column.Agent];
        var reduced = column.Cost - lp.Convexity[column.Agent];
        foreach (var t in column.Duty)
        {
            if (_rowOf[t] is var r and >= 0)
            {
                reduced -= lp.Duty[g, r] - lp.Over[r];
            }
        }

        return reduced;
    }

    /// <summary>The Lagrangian bound at <paramref name="prices"/> given each agent's least reduced cost there.</summary>
    private double Lagrangian(Prices prices, double[] least)
    {
        double bound = least.Sum();
        for (var t = 0; t < _rowTotal.Length; t++)
        {
            for (var s = 0; s < _scenario.Skills.Count; s++)
            {
                var required = _rowRequired[t][s];
                if (required == 0)
                {
                    continue;
                }

                var beta = prices.Cover[t, s];
                bound += beta * required;
                bound += Math.Min(0, _rules.UnderCoverage - beta) * required; // under ∈ [0, required]
                foreach (var g in _groups)
                {
                    if (g.SkillIndices.Contains(s))
                    {
                        bound += Math.Min(0, prices.Duty[g.Index, t] - beta) * required; // serve ∈ [0, required]
                    }
                }
            }

            if (_overRow[t] is not null)
            {
                bound -= prices.Over[t] * _rowTotal[t];
                bound += Math.Min(0, _rules.OverCoverage - prices.Over[t]) * _scenario.Agents.Count * _rowIntervals[t]; // over ∈ [0, agents × intervals]
            }
        }

        return bound;
    }
}
