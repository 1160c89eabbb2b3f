using System.Diagnostics;
using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Curtois;

/// <summary>The outcome of a benchmark solve; the roster is judged by <see cref="CurtoisValidator"/>.</summary>
public sealed record CurtoisSolveResult(
    SolveStatus Status,
    CurtoisRoster? Roster,
    long? Objective,
    long? Bound,
    TimeSpan? TimeToFirst,
    TimeSpan Elapsed,
    CurtoisReport? Report);

/// <summary>
/// The benchmark mode of the engine: the Curtois &amp; Qu rules as CP-SAT constraint families (sharing
/// <see cref="Constraints.DaySequences"/> with the roster engine), solved in four phases: a feasible roster one employee
/// at a time; CP-SAT on the whole model (small instances end here, proved); column generation over whole schedules
/// (a real lower bound) and a dive that fixes the schedules the LP decides; CP-SAT's neighbourhood search from the
/// best roster for the time left. docs/decisions/005-curtois-benchmark.md says why, with the measured alternatives.
/// </summary>
public static class CurtoisSolver
{
    /// <param name="phases">Optional: a line when each phase ends (first roster, CP-SAT, column generation, dive).</param>
    public static CurtoisSolveResult Solve(CurtoisInstance instance, SolveOptions options, IProgress<SolveProgress>? progress = null, CancellationToken ct = default, IProgress<string>? phases = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        if ((long)instance.Employees.Count * instance.Days * instance.ShiftTypes.Count > WholeModelCells)
        {
            return SolveByColumns(instance, options, clock, progress, ct, phases);
        }

        var m = Build(instance);
        var best = new Best(m, clock, progress);

        // A feasible roster at once, one employee at a time (every hard rule concerns one employee); its schedules are
        // the first columns of the column generation below.
        var columns = new ColumnGeneration(instance);
        if (columns.InitialRoster(Deadline.In(options.TimeLimit), options.Workers, options.Seed, ct) is { } initial)
        {
            var values = m.Values(initial);
            best.Offer(values, m.Tighten(values));
            NeighbourhoodStep.HintAll(m.Cp, values);
        }

        phases?.Report($"initial roster: {best.Objective}, t {clock.Elapsed.TotalSeconds:0.0}");

        // CP-SAT on the whole model: small instances are solved (and proved) here; others get a better roster and a bound.
        var share = options.TimeLimit.TotalSeconds <= 5 ? 1.0 : SearchShare;
        var first = TimeSpan.FromSeconds(share >= 1 ? options.TimeLimit.TotalSeconds : Math.Clamp(options.TimeLimit.TotalSeconds * share, 1, FirstSearchSeconds));
        first = TimeSpan.FromSeconds(Math.Max(0.1, Math.Min(first.TotalSeconds, (options.TimeLimit - clock.Elapsed).TotalSeconds)));
        var solver = new CpSolver { StringParameters = RosterSolver.Parameters(options with { TimeLimit = first }) };
        using (ct.Register(solver.StopSearch))
        {
            var status = solver.Solve(m.Cp, new Callback(best));
            best.RaiseBound((long)Math.Ceiling(solver.BestObjectiveBound - 1e-6));
            if (status is CpSolverStatus.Infeasible or CpSolverStatus.ModelInvalid)
            {
                return new CurtoisSolveResult(SolveStatus.Infeasible, null, null, null, null, clock.Elapsed, null);
            }
        }

        phases?.Report($"cp-sat: {best.Objective}, bound {best.Bound}, t {clock.Elapsed.TotalSeconds:0.0}");
        if (best.Values is not null && best.Objective > best.Bound && !ct.IsCancellationRequested)
        {
            // Column generation: a real lower bound, and schedules that a dive turns into a roster.
            columns.AddRoster(m.Roster(best.Values));
            var cgUntil = Deadline.In(TimeSpan.FromSeconds((options.TimeLimit - clock.Elapsed).TotalSeconds * ColumnShare));
            columns.Run(cgUntil, options.Workers, options.Seed, ct);
            best.RaiseBound(columns.LowerBound);
            phases?.Report($"column generation: {columns.Rounds} rounds, {columns.ColumnCount} columns, LP {columns.LpValue:0.##}, bound {columns.LowerBound}, converged {columns.Converged}, t {clock.Elapsed.TotalSeconds:0.0}");
            // Dives, each followed by CP-SAT's neighbourhood search from the dive's roster (which repairs what the
            // rounding left); later dives are jittered and fix fewer schedules per step, so they explore other rosters.
            for (var dive = 0; best.Objective > best.Bound && !ct.IsCancellationRequested && options.TimeLimit - clock.Elapsed > TimeSpan.FromSeconds(2); dive++)
            {
                var left = options.TimeLimit - clock.Elapsed;
                var diveUntil = Deadline.In(left * (dive == 0 ? DiveShare : 0.5));
                var dived = columns.Dive(diveUntil, options.Workers, options.Seed + dive, ct, dive == 0 ? 0.125 : 0.0625, dive == 0 ? null : new Random(options.Seed + dive));
                if (dived is null)
                {
                    break;
                }

                var values = m.Values(dived);
                var diveObjective = m.Tighten(values);
                best.Offer((long[])values.Clone(), diveObjective);
                phases?.Report($"dive {dive + 1}: {diveObjective}, best {best.Objective}, t {clock.Elapsed.TotalSeconds:0.0}");
                if (best.Objective <= best.Bound || ct.IsCancellationRequested)
                {
                    break;
                }

                left = options.TimeLimit - clock.Elapsed;
                var last = left < TimeSpan.FromSeconds(2) * (dive + 2);
                NeighbourhoodStep.HintAll(m.Cp, values);
                var repair = new CpSolver { StringParameters = RosterSolver.Parameters(options with { TimeLimit = last ? left : TimeSpan.FromSeconds(Math.Min(RepairSeconds, left.TotalSeconds * 0.5)) }) };
                using var stop = ct.Register(repair.StopSearch);
                repair.Solve(m.Cp, new Callback(best));
                phases?.Report($"repair {dive + 1}: best {best.Objective}, t {clock.Elapsed.TotalSeconds:0.0}");
            }
        }

        if (best.Values is null)
        {
            return new CurtoisSolveResult(SolveStatus.Unknown, null, null, best.Bound, null, clock.Elapsed, null);
        }

        var roster = m.Roster(best.Values);
        var report = CurtoisValidator.Validate(instance, roster);
        var optimal = best.Objective <= best.Bound;
        return new CurtoisSolveResult(optimal ? SolveStatus.Optimal : SolveStatus.Feasible, roster, best.Objective, Math.Max(0, best.Bound), best.FirstAt, clock.Elapsed, report);
    }

    /// <summary>
    /// Above this many (employee, day, shift) cells the whole-model CP-SAT phases are skipped: on Instance24 (1.75 million)
    /// building and presolving that model alone took 10 GiB and more than the minute. The column phases need one small
    /// model per employee only.
    /// </summary>
    private const long WholeModelCells = 1_000_000;

    /// <summary>
    /// The phases without the whole model: a first roster one employee at a time, column generation, then dives, each
    /// roster judged by the validator (the same penalty the model would give).
    /// </summary>
    private static CurtoisSolveResult SolveByColumns(CurtoisInstance instance, SolveOptions options, Stopwatch clock, IProgress<SolveProgress>? progress, CancellationToken ct, IProgress<string>? phases)
    {
        CurtoisRoster? best = null;
        CurtoisReport? bestReport = null;
        TimeSpan? firstAt = null;
        var solutions = 0;
        var columns = new ColumnGeneration(instance);
        void Offer(CurtoisRoster roster)
        {
            var report = CurtoisValidator.Validate(instance, roster);
            if (!report.Feasible || (bestReport is not null && report.Penalty >= bestReport.Penalty))
            {
                return;
            }

            (best, bestReport) = (roster, report);
            firstAt ??= clock.Elapsed;
            solutions++;
            var bound = Math.Max(0, columns.LowerBound);
            progress?.Report(new SolveProgress(report.Penalty, bound, report.Penalty == 0 ? 0 : Math.Max(0, (report.Penalty - bound) / (double)report.Penalty), clock.Elapsed, solutions));
        }

        var end = Deadline.In(options.TimeLimit);
        if (columns.InitialRoster(end, options.Workers, options.Seed, ct) is { } initial)
        {
            Offer(initial);
        }

        phases?.Report($"initial roster: {bestReport?.Penalty.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, t {clock.Elapsed.TotalSeconds:0.0}");
        if (best is not null && !ct.IsCancellationRequested && !end.HasPassed)
        {
            columns.Run(Deadline.In(end.Left * ColumnShare), options.Workers, options.Seed, ct);
            phases?.Report($"column generation: {columns.Rounds} rounds, {columns.ColumnCount} columns, LP {columns.LpValue:0.##}, bound {columns.LowerBound}, t {clock.Elapsed.TotalSeconds:0.0}");
            for (var dive = 0; !ct.IsCancellationRequested && end.Left > TimeSpan.FromSeconds(2); dive++)
            {
                var dived = columns.Dive(Deadline.In(end.Left * (dive == 0 ? DiveShare : 1)), options.Workers, options.Seed + dive, ct, dive == 0 ? 0.125 : 0.0625, dive == 0 ? null : new Random(options.Seed + dive));
                if (dived is null)
                {
                    break;
                }

                Offer(dived);
                phases?.Report($"dive {dive + 1}: best {bestReport?.Penalty}, t {clock.Elapsed.TotalSeconds:0.0}");
            }
        }

        var lower = columns.LowerBound == long.MinValue ? (long?)null : Math.Max(0, columns.LowerBound);
        if (best is null)
        {
            return new CurtoisSolveResult(SolveStatus.Unknown, null, null, lower, null, clock.Elapsed, null);
        }

        var optimal = lower is { } b && bestReport!.Penalty <= b;
        return new CurtoisSolveResult(optimal ? SolveStatus.Optimal : SolveStatus.Feasible, best, bestReport!.Penalty, lower ?? 0, firstAt, clock.Elapsed, bestReport);
    }

    /// <summary>Share of the time left given to column generation, then of what is left after it to the dive.</summary>
    private const double ColumnShare = 0.4;

    private const double DiveShare = 0.5;

    /// <summary>At most this long for CP-SAT's repair after each dive but the last, in seconds.</summary>
    private const double RepairSeconds = 15;

    /// <summary>At most this long for CP-SAT's first search on the full model, in seconds.</summary>
    private const double FirstSearchSeconds = 2;

    /// <summary>Share of the time for CP-SAT's full search before neighbourhood search takes over.</summary>
    private const double SearchShare = 0.15;

    internal static CurtoisModel Build(CurtoisInstance instance)
    {
        var m = new CurtoisModel(instance);
        // Hard rules, then soft rules: the table of contents of the model.
        OneShiftPerDay.Add(m);
        ShiftRotation.Add(m);
        WorkLimits.Add(m);
        RunsAndWeekends.Add(m);
        ShiftRequests.Add(m);
        Cover.Add(m);
        m.BuildObjective();
        return m;
    }

    private sealed class Best(CurtoisModel model, Stopwatch clock, IProgress<SolveProgress>? progress)
    {
        private int _solutions;

        public long[]? Values { get; private set; }

        public long Objective { get; private set; } = long.MaxValue;

        public long Bound { get; private set; } = long.MinValue;

        public TimeSpan? FirstAt { get; private set; }

        public void RaiseBound(long bound) => Bound = Math.Max(Bound, bound);

        public void Offer(long[] values, long objective)
        {
            objective = Math.Min(objective, model.Tighten(values));
            if (objective > Objective || (objective == Objective && Values is not null && values.AsSpan().SequenceEqual(Values)))
            {
                return;
            }

            var better = objective < Objective;
            Values = values;
            Objective = objective;
            FirstAt ??= clock.Elapsed;
            if (better)
            {
                _solutions++;
                var bound = Math.Max(0, Bound);
                var gap = objective == 0 ? 0 : Math.Max(0, (objective - bound) / (double)objective);
                progress?.Report(new SolveProgress(objective, bound, gap, clock.Elapsed, _solutions));
            }
        }
    }

    private sealed class Callback(Best best) : CpSolverSolutionCallback
    {
        public override void OnSolutionCallback()
        {
            best.RaiseBound((long)Math.Ceiling(BestObjectiveBound() - 1e-6));
            best.Offer([.. Response().Solution], (long)Math.Round(ObjectiveValue()));
        }
    }
}
