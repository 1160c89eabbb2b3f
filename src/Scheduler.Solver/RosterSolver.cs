using System.Diagnostics;
using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Bound;
using Scheduler.Solver.Model;
using Scheduler.Solver.Rules;

namespace Scheduler.Solver;

/// <summary>How to solve: time, workers, seed, and (to re-solve) the roster to stay close to.</summary>
public sealed record SolveOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public int Seed { get; init; }

    /// <summary>Stop when the gap to the bound is at most this (0.01 = 1 %).</summary>
    public double RelativeGap { get; init; }

    /// <summary>Extra CP-SAT parameters in text form (e.g. "log_search_progress:true"), for diagnosis.</summary>
    public string? ExtraParameters { get; init; }

    /// <summary>Which engine: the full one, or one of the baselines the benchmark compares it with.</summary>
    public RosterEngine Engine { get; init; } = RosterEngine.Columns;

    /// <summary>The roster to change as little as possible (re-solve after an absence); null for a fresh roster.</summary>
    public Roster? Baseline { get; init; }

    /// <summary>
    /// A roster to start from (a resumed solve's last checkpoint): used as the first roster when it fits the scenario,
    /// without a penalty for leaving it (unlike <see cref="Baseline"/>).
    /// </summary>
    public Roster? Start { get; init; }
}

/// <summary>The engines <c>bench roster</c> compares (docs/benchmarks/roster.md).</summary>
public enum RosterEngine
{
    /// <summary>Greedy start, column generation (the bound, and a roster combined from its columns), then CP-SAT and
    /// neighbourhood search from the better start (docs/decisions/009).</summary>
    Columns,

    /// <summary>The engine before column generation: greedy start, CP-SAT, neighbourhood search; CP-SAT's bound only.</summary>
    Search,

    /// <summary>CP-SAT alone on the same model for the whole time: no start, no neighbourhood search.</summary>
    CpSat,
}

/// <summary>A progress event: the best roster so far and how far it can still improve.</summary>
public sealed record SolveProgress(long Objective, long Bound, double Gap, TimeSpan Elapsed, int Solutions)
{
    /// <summary>The roster behind <see cref="Objective"/>, built on demand (for a checkpoint); null when not known.</summary>
    public Func<Roster>? Roster { get; init; }
}

public enum SolveStatus
{
    /// <summary>Proven best.</summary>
    Optimal,

    /// <summary>A roster, with a gap to the bound (time ran out or the search was stopped).</summary>
    Feasible,

    /// <summary>The hard rules cannot all hold; <see cref="SolveResult.Conflicts"/> says which.</summary>
    Infeasible,

    /// <summary>No roster found in the time given.</summary>
    Unknown,
}

/// <summary>A hard-rule conflict: one agent's rules that cannot hold together.</summary>
public sealed record RuleConflict(string AgentId, string AgentName, IReadOnlyList<string> Rules);

/// <summary>The outcome of a solve. The roster is judged by the validator, never by the solver's word alone.</summary>
public sealed record SolveResult(
    SolveStatus Status,
    Roster? Roster,
    long? Objective,
    long? Bound,
    double? Gap,
    TimeSpan? TimeToFirst,
    TimeSpan Elapsed,
    IReadOnlyList<RuleConflict> Conflicts,
    ValidationReport? Report);

/// <summary>Builds the CP-SAT model of a scenario, solves it, and returns the roster with its explanation.</summary>
public static class RosterSolver
{
    public static SolveResult Solve(RosterScenario scenario, SolveOptions options, IProgress<SolveProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var model = Build(scenario, options.Baseline, withAssumptions: false);
        var callback = new ProgressCallback(model, clock, progress);
        long[]? bestValues = null;
        if (options.Engine == RosterEngine.CpSat)
        {
            model.Cp.ClearHints();
        }
        else if (options.Start is { } start && WarmStart.FromRoster(model, start, options) is { } resumed)
        {
            // A resumed solve: its checkpoint is the first roster, and the search goes on from there. With a baseline too
            // (the simulation feedback loop re-solves from the roster it compares with): without it, CP-SAT alone found no
            // roster of the demo week in 15 s once a few requirements were raised.
            bestValues = resumed.Solution;
            var startObjective = Polish.RepairFlows(model, bestValues, resumed.Snapshot.Objective);
            callback.Offer(RosterExtractor.Capture(model, v => bestValues[v.GetIndex()], l => bestValues[l.GetIndex()] != 0, startObjective));
            NeighbourhoodStep.HintAll(model.Cp, bestValues);
        }
        else if (options.Baseline is null && WarmStart.Complete(model, options) is { } warm)
        {
            bestValues = warm.Solution;
            var warmObjective = Polish.RepairFlows(model, bestValues, warm.Snapshot.Objective);
            callback.Offer(RosterExtractor.Capture(model, v => bestValues[v.GetIndex()], l => bestValues[l.GetIndex()] != 0, warmObjective)); // the greedy roster, completed: a valid first roster within seconds
            NeighbourhoodStep.HintAll(model.Cp, bestValues);
        }
        NativeMemory.Release();

        // Column generation over whole schedules: the lower bound, and a second start (a roster combined from its columns).
        long? cgBound = null;
        if (options.Engine == RosterEngine.Columns && !ct.IsCancellationRequested)
        {
            using var columns = new RosterColumnGeneration(scenario, options.Baseline, RowsPerHour(scenario));
            if (callback.Best is not null)
            {
                columns.AddRoster(RosterExtractor.Extract(model, callback.Best));
            }

            columns.Run(options.TimeLimit * BoundShare, options.Workers, b =>
            {
                cgBound = b;
                callback.RaiseBound(b);
            }, ct);
            var combined = columns.Rounds > 0 && !columns.Infeasible ? columns.Combined(options.TimeLimit * CombineShare, options.Seed, ct) : null;
            if (!columns.Infeasible && (combined ?? (callback.Best is { } greedy ? RosterExtractor.Extract(model, greedy) : null)) is { } start && !ct.IsCancellationRequested)
            {
                // Every agent's best schedule given everyone else, over all schedules (the labelling), in turns.
                combined = columns.Improve(start, options.TimeLimit * ImproveShare, options.Seed, ct);
            }

            if (combined is not null && !ct.IsCancellationRequested && WarmStart.FromRoster(model, combined, options) is { } fromLp)
            {
                var values = fromLp.Solution;
                var lpObjective = Polish.RepairFlows(model, values, fromLp.Snapshot.Objective);
                if (callback.Best is null || lpObjective < callback.Best.Objective)
                {
                    bestValues = values;
                    callback.Offer(RosterExtractor.Capture(model, v => values[v.GetIndex()], l => values[l.GetIndex()] != 0, lpObjective));
                }
                else if (bestValues is not null)
                {
                    NeighbourhoodStep.HintAll(model.Cp, bestValues); // the greedy roster stays the start
                }
            }
        }

        // CP-SAT's own search first (it also proves the bound), then focused neighbourhood search for the rest.
        var searchShare = options.TimeLimit.TotalSeconds <= 10 || options.Engine == RosterEngine.CpSat ? 1.0 : SearchShare;
        var remaining = options.TimeLimit - clock.Elapsed;
        NativeMemory.Release();
        // On a huge model with a roster in hand CP-SAT's whole-model search is skipped: on the 1,000-agent week it found
        // nothing in its share (18-30 s) and raised the peak by 0.6 GB; the neighbourhood steps improve from the start.
        var status = CpSolverStatus.Unknown;
        CpSolver? solver = null;
        if (options.Engine == RosterEngine.CpSat || bestValues is null || model.Cp.Model.Variables.Count <= WholeModelSearchLimit)
        {
            solver = new CpSolver { StringParameters = Parameters(options with { TimeLimit = remaining * searchShare > TimeSpan.FromSeconds(1) ? remaining * searchShare : TimeSpan.FromSeconds(1) }) };
            using var registration = ct.Register(solver.StopSearch);
            status = solver.Solve(model.Cp, callback);
        }

        if (status == CpSolverStatus.Unknown && bestValues is null && callback.Best is null && !ct.IsCancellationRequested && options.TimeLimit - clock.Elapsed > TimeSpan.FromSeconds(1))
        {
            // No roster yet (no complete warm start, nothing in CP-SAT's share): the neighbourhood search needs one to
            // start from, so CP-SAT keeps the whole remaining time, stopping at its first roster.
            solver = new CpSolver { StringParameters = Parameters(options with { TimeLimit = options.TimeLimit - clock.Elapsed }) + ",stop_after_first_solution:true" };
            using var again = ct.Register(solver.StopSearch);
            status = solver.Solve(model.Cp, callback);
        }

        if (solver?.Response?.Solution is { Count: > 0 } found && callback.FromSearch)
        {
            long[] values = [.. found];
            var repaired = Polish.RepairFlows(model, values, callback.Best!.Objective);
            // Re-capture: the snapshot's flows and served total must be the repaired ones, or the final polish would
            // count the same repair twice.
            callback.Best = RosterExtractor.Capture(model, v => values[v.GetIndex()], l => values[l.GetIndex()] != 0, repaired);
            bestValues = values;
        }

        if (status is CpSolverStatus.Feasible or CpSolverStatus.Unknown && bestValues is not null && !ct.IsCancellationRequested && options.Engine != RosterEngine.CpSat)
        {
            NeighbourhoodSearch.Improve(model, options, bestValues, callback.Best!.Objective, options.TimeLimit, clock, (values, objective) =>
                callback.Offer(RosterExtractor.Capture(model, v => values[v.GetIndex()], l => values[l.GetIndex()] != 0, objective)), ct);
        }

        if (status == CpSolverStatus.Infeasible || status == CpSolverStatus.ModelInvalid)
        {
            return new SolveResult(SolveStatus.Infeasible, null, null, null, null, null, clock.Elapsed, ConflictFinder.Find(scenario, options), null);
        }

        if (callback.Best is null)
        {
            return new SolveResult(SolveStatus.Unknown, null, null, (long)(solver?.BestObjectiveBound ?? 0), null, null, clock.Elapsed, [], null);
        }

        var roster = RosterExtractor.Extract(model, callback.Best);
        var bound = solver is null ? 0 : (long)Math.Ceiling(solver.BestObjectiveBound - 1e-6);
        bound = Math.Max(Math.Max(bound, cgBound ?? 0), 0); // every cost is non-negative

        var objective = Polish.Objective(model, callback.Best);
        var report = RosterValidator.Validate(scenario, roster, options.Baseline);
        var gap = objective == 0 ? 0 : Math.Max(0, (objective - bound) / (double)Math.Abs(objective));
        var solveStatus = status == CpSolverStatus.Optimal && objective <= bound ? SolveStatus.Optimal : SolveStatus.Feasible;
        return new SolveResult(solveStatus, roster, objective, bound, gap, callback.FirstAt, clock.Elapsed, [], report);
    }

    /// <summary>Share of the time limit the column generation may take for the bound (it stops earlier once converged).</summary>
    internal const double BoundShare = 0.2;

    /// <summary>Share of the time limit the LP's columns may take to be combined into a roster.</summary>
    internal const double CombineShare = 0.1;

    /// <summary>Share of the time limit for improving that roster agent by agent over every schedule (it stops earlier
    /// once a whole round changes nothing).</summary>
    internal const double ImproveShare = 0.2;

    /// <summary>The column generation sums the coverage rows of each hour: a valid relaxation whose LP solves several
    /// times faster than one with a row per quarter-hour (docs/decisions/009).</summary>
    internal static int RowsPerHour(RosterScenario scenario) => Math.Max(1, (int)(NodaTime.Duration.FromHours(1) / scenario.IntervalLength));

    /// <summary>Share of the time limit given to CP-SAT's own search (which also proves the bound) before the
    /// neighbourhood search takes over. On two cores CP-SAT spends most of a long search in presolve and the LP; the
    /// focused neighbourhood steps improve big weeks faster (docs/benchmarks/roster.md).</summary>
    internal const double SearchShare = 0.1;

    /// <summary>Above this many variables CP-SAT's whole-model search is skipped once a roster is in hand (the
    /// 1,000-agent week has 610,068; the 50-agent week 118,483).</summary>
    internal const int WholeModelSearchLimit = 400_000;

    internal static RosterModel Build(RosterScenario scenario, Roster? baseline, bool withAssumptions)
    {
        var model = new RosterModel(scenario, baseline, withAssumptions);
        SolverRuleBook.AddTo(model, SolverRuleBook.All); // hard rules, then soft rules: the table of contents
        if (!withAssumptions)
        {
            model.BuildObjective(); // finding conflicts needs feasibility only
            if (baseline is null)
            {
                GreedyStart.Hint(model);
            }
        }

        return model;
    }

    /// <remarks>
    /// keep_all_feasible_solutions_in_presolve: without it presolve may turn "over = max(0, duty - required)" into
    /// "over >= ...", since minimising makes it tight at the optimum; intermediate rosters would then report a cost
    /// above their true one. With it every roster's objective is exact, as the validator's total requires.
    /// </remarks>
    internal static string Parameters(SolveOptions options) => FormattableString.Invariant(
        $"keep_all_feasible_solutions_in_presolve:true,max_time_in_seconds:{options.TimeLimit.TotalSeconds:0.###},num_workers:{options.Workers},random_seed:{options.Seed},relative_gap_limit:{options.RelativeGap:0.#####}") + (string.IsNullOrWhiteSpace(options.ExtraParameters) ? "" : "," + options.ExtraParameters);

    /// <summary>Keeps the values of the best solution (the solver's own are gone once the search stops).</summary>
    private sealed class ProgressCallback(RosterModel model, Stopwatch clock, IProgress<SolveProgress>? progress) : CpSolverSolutionCallback
    {
        private int _solutions;

        public Snapshot? Best { get; set; }

        public TimeSpan? FirstAt { get; private set; }

        private long _bound = long.MinValue;

        public override void OnSolutionCallback()
        {
            var objective = (long)Math.Round(ObjectiveValue());
            _bound = Math.Max(_bound, (long)Math.Ceiling(BestObjectiveBound() - 1e-6));
            if (Best is not null && objective >= Best.Objective)
            {
                return; // the warm start was better so far
            }

            Offer(RosterExtractor.Capture(model, v => Value(v), l => BooleanValue(l), objective));
            FromSearch = true;
        }

        /// <summary>True when the best roster came from the CP-SAT search (not the warm start).</summary>
        public bool FromSearch { get; private set; }

        /// <summary>A lower bound proved outside CP-SAT (the column generation's): reported with the best roster.</summary>
        public void RaiseBound(long bound)
        {
            if (bound <= _bound)
            {
                return;
            }

            _bound = bound;
            if (Best is { } best)
            {
                var gap = best.Objective == 0 ? 0 : Math.Max(0, (best.Objective - _bound) / (double)Math.Abs(best.Objective));
                progress?.Report(new SolveProgress(best.Objective, _bound, gap, clock.Elapsed, _solutions) { Roster = () => RosterExtractor.Extract(model, best) });
            }
        }

        public void Offer(Snapshot snapshot)
        {
            FromSearch = false;
            _solutions++;
            FirstAt ??= clock.Elapsed;
            Best = snapshot;
            var gap = _bound == long.MinValue || snapshot.Objective == 0 ? 1 : Math.Max(0, (snapshot.Objective - _bound) / (double)Math.Abs(snapshot.Objective));
            progress?.Report(new SolveProgress(snapshot.Objective, _bound == long.MinValue ? 0 : _bound, gap, clock.Elapsed, _solutions) { Roster = () => RosterExtractor.Extract(model, snapshot) });
        }
    }
}
