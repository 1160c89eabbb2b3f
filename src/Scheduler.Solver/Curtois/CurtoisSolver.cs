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
/// The benchmark mode of the engine: the Curtois &amp; Qu rules as CP-SAT constraint families, CP-SAT's own search
/// for a first roster and a bound, then large-neighbourhood search over employees and windows of days.
/// </summary>
public static class CurtoisSolver
{
    public static CurtoisSolveResult Solve(CurtoisInstance instance, SolveOptions options, IProgress<SolveProgress>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var m = Build(instance);
        var best = new Best(m, clock, progress);

        // CP-SAT first: small instances are solved (and proved) here; larger ones get a first roster and a bound.
        var share = options.TimeLimit.TotalSeconds <= 5 ? 1.0 : SearchShare;
        var first = TimeSpan.FromSeconds(Math.Max(1, options.TimeLimit.TotalSeconds * share));
        var solver = new CpSolver { StringParameters = RosterSolver.Parameters(options with { TimeLimit = first }) };
        using (ct.Register(solver.StopSearch))
        {
            var callback = new Callback(best);
            var status = solver.Solve(m.Cp, callback);
            best.RaiseBound((long)Math.Ceiling(solver.BestObjectiveBound - 1e-6));
            if (solver.Response?.Solution is { Count: > 0 } found && status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            {
                best.Offer([.. found], (long)Math.Round(solver.ObjectiveValue));
            }

            if (status is CpSolverStatus.Infeasible or CpSolverStatus.ModelInvalid)
            {
                return new CurtoisSolveResult(SolveStatus.Infeasible, null, null, null, null, clock.Elapsed, null);
            }

            // No roster yet (large horizons): keep searching for one before improving it.
            while (best.Values is null && !ct.IsCancellationRequested && clock.Elapsed < options.TimeLimit - TimeSpan.FromSeconds(1))
            {
                var more = new CpSolver { StringParameters = RosterSolver.Parameters(options with { TimeLimit = options.TimeLimit - clock.Elapsed }) + ",stop_after_first_solution:true" };
                using var again = ct.Register(more.StopSearch);
                var s = more.Solve(m.Cp);
                if (more.Response?.Solution is { Count: > 0 } f && s is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
                {
                    best.Offer([.. f], (long)Math.Round(more.ObjectiveValue));
                }
                else
                {
                    break;
                }
            }
        }

        if (best.Values is not null && best.Objective > best.Bound)
        {
            Improve(m, options, best, clock, ct);
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

    /// <summary>Share of the time for CP-SAT's full search before neighbourhood search takes over.</summary>
    internal static readonly double SearchShare = double.Parse(Environment.GetEnvironmentVariable("SCHEDULER_CURTOIS_SHARE") ?? "0.15", System.Globalization.CultureInfo.InvariantCulture);

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

    /// <summary>
    /// Large-neighbourhood search: free some employees for the whole horizon, or everyone over a window of days, or
    /// a block of both; solve that part to optimality if the step's time allows, keep a roster at least as good.
    /// Each kind of neighbourhood grows while its steps are solved to optimality and shrinks when they time out.
    /// </summary>
    private static void Improve(CurtoisModel m, SolveOptions options, Best best, Stopwatch clock, CancellationToken ct)
    {
        var instance = m.Instance;
        var employees = instance.Employees.Count;
        var days = instance.Days;
        var random = new Random(options.Seed);
        // Size of each kind as a share of the whole roster's (employee, day) cells.
        double[] size = [Math.Min(1, 4.0 / employees), Math.Min(1, 7.0 / days), Math.Min(1, 0.25)];
        var step = 0;
        while (!ct.IsCancellationRequested && best.Objective > best.Bound)
        {
            var left = options.TimeLimit - clock.Elapsed;
            if (left < TimeSpan.FromSeconds(0.2))
            {
                break;
            }

            var kind = Kinds[step % Kinds.Length];
            step++;
            var free = new bool[employees, days];
            switch (kind)
            {
                case 0: // some employees, whole horizon
                {
                    var count = Math.Clamp((int)Math.Round(size[0] * employees), 2, employees);
                    foreach (var e in Enumerable.Range(0, employees).OrderBy(_ => random.Next()).Take(count))
                    {
                        for (var d = 0; d < days; d++)
                        {
                            free[e, d] = true;
                        }
                    }

                    break;
                }

                case 1: // everyone, a window of days
                {
                    var width = Math.Clamp((int)Math.Round(size[1] * days), 2, days);
                    var start = random.Next(days - width + 1);
                    for (var e = 0; e < employees; e++)
                    {
                        for (var d = start; d < start + width; d++)
                        {
                            free[e, d] = true;
                        }
                    }

                    break;
                }

                default: // half the employees over a window: a block of both
                {
                    var width = Math.Clamp((int)Math.Round(Math.Sqrt(size[2]) * days * 1.4), 2, days);
                    var count = Math.Clamp((int)Math.Round(size[2] * employees * days / width), 2, employees);
                    var start = random.Next(days - width + 1);
                    foreach (var e in Enumerable.Range(0, employees).OrderBy(_ => random.Next()).Take(count))
                    {
                        for (var d = start; d < start + width; d++)
                        {
                            free[e, d] = true;
                        }
                    }

                    break;
                }
            }

            var fixedVars = new List<int>();
            for (var e = 0; e < employees; e++)
            {
                for (var d = 0; d < days; d++)
                {
                    if (!free[e, d])
                    {
                        fixedVars.AddRange(m.DecisionIndices(e, d));
                    }
                }
            }

            var limit = Math.Min(left.TotalSeconds, StepSeconds);
            var parameters = RosterSolver.Parameters(options with { TimeLimit = TimeSpan.FromSeconds(limit), Seed = options.Seed + step, RelativeGap = 0, Workers = StepWorkers }) + (Environment.GetEnvironmentVariable("SCHEDULER_LNS_PARAMS") ?? "");
            var result = NeighbourhoodStep.Run(m.Cp, best.Values!, fixedVars, parameters, ct);
            if (result is { } r && r.Objective <= best.Objective)
            {
                best.Offer(r.Values, r.Objective);
            }

            // Solved to optimality: the neighbourhood can grow; timed out: it was too big.
            var grow = result is { Status: CpSolverStatus.Optimal };
            size[kind] = Math.Clamp(size[kind] * (grow ? 1.15 : 0.8), 0.01, 1);
            if (Environment.GetEnvironmentVariable("SCHEDULER_LNS_TRACE") is not null)
            {
                Console.Error.WriteLine($"step {step} kind {kind} size {size[kind]:0.000} free {employees * days - (fixedVars.Count / 2)} status {result?.Status} obj {result?.Objective} best {best.Objective} t {clock.Elapsed.TotalSeconds:0.0}");
            }
        }
    }

    private static readonly int[] Kinds = (Environment.GetEnvironmentVariable("SCHEDULER_LNS_KINDS") ?? "0,1,2").Split(',').Select(int.Parse).ToArray();

    /// <summary>Time of one neighbourhood step, in seconds.</summary>
    private static readonly double StepSeconds = double.Parse(Environment.GetEnvironmentVariable("SCHEDULER_LNS_STEP") ?? "1", System.Globalization.CultureInfo.InvariantCulture);

    private static readonly int StepWorkers = int.Parse(Environment.GetEnvironmentVariable("SCHEDULER_LNS_WORKERS") ?? "1", System.Globalization.CultureInfo.InvariantCulture);

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
