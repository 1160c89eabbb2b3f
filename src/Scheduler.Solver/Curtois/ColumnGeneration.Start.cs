using System.Globalization;
using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Scheduler.Solver.Model;
using Glop = Google.OrTools.LinearSolver;

namespace Scheduler.Solver.Curtois;

/// <summary>The first roster: every employee's schedule by the labelling, cover still short pulling, and a roster's schedules as first columns.</summary>
internal sealed partial class ColumnGeneration
{
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
    public CurtoisRoster? InitialRoster(Deadline deadline, int workers, int seed, CancellationToken ct)
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
                chosen[i] = FirstSchedule(batch[i], short_, deadline, seed)!;
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
    private int[]? FirstSchedule(int e, int[,] short_, Deadline deadline, int seed)
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

        var left = deadline.Left.TotalSeconds;
        var price = _instance.Cover.Select(c => c.Required > 0 ? c.WeightUnder / 2.0 : -c.WeightOver).ToArray();
        var fallback = left > 0 ? Price(e, 0, price, TimeSpan.FromSeconds(left), seed, stopAtFirst: true) : (Schedules: [], LowerBound: double.NaN, Proven: false);
        return fallback.Schedules.Count > 0 ? fallback.Schedules[^1] : null;
    }

    /// <summary>Labels the exact search for a first schedule may create.</summary>
    private const long InitialBudget = 300_000;
}
