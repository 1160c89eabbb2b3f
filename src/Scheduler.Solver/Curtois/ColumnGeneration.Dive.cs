using System.Globalization;
using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Scheduler.Solver.Model;
using Glop = Google.OrTools.LinearSolver;

namespace Scheduler.Solver.Curtois;

/// <summary>Diving: fix the cells the LP has decided, re-optimise, repeat until the roster is whole.</summary>
internal sealed partial class ColumnGeneration
{
    /// <summary>
    /// Diving: fix the (employee, day) cells the LP has decided, re-optimise the LP with a few pricing rounds (schedules
    /// must now agree with the fixed cells), and repeat until every cell is fixed. The LP over schedules is close to
    /// integral on these instances, so the dive lands near the bound, where columns alone rarely fit together.
    /// </summary>
    /// <param name="share">Each step fixes at least this share of the employees left (largest λ first).</param>
    /// <param name="random">When given, λ is jittered by up to 30 % before ranking, so repeated dives differ.</param>
    public CurtoisRoster? Dive(Deadline deadline, int workers, int seed, CancellationToken ct, double share = 0.125, Random? random = null)
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
                for (var i = 0; i < DiveRounds && !deadline.HasPassed; i++)
                {
                    if (ct.IsCancellationRequested)
                    {
                        return null;
                    }

                    round = Round(deadline, workers, seed, ct);
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
                    round = Round(Deadline.Past, workers, seed, ct); // the LP with the latest columns, no pricing
                    if (round is null)
                    {
                        return null;
                    }
                }

                if (deadline.HasPassed)
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
}
