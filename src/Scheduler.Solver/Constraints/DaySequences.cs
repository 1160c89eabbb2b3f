using Google.OrTools.Sat;

namespace Scheduler.Solver.Constraints;

/// <summary>
/// Rules on sequences of working days and days off, shared by the roster engine and the benchmark mode: at most N
/// working days in a row, and no run of working days (or of days off) shorter than a minimum.
/// </summary>
internal static class DaySequences
{
    /// <summary>
    /// At most <paramref name="max"/> of <paramref name="worked"/> in a row are worked, where the
    /// <paramref name="workedBefore"/> days just before the first one count as worked.
    /// </summary>
    public static void MaxRun(CpModel cp, IReadOnlyList<LinearExpr> worked, int max, int workedBefore, ILiteral? enforce)
    {
        var before = Math.Min(workedBefore, max);
        for (var d = -before; d + max < worked.Count; d++)
        {
            // Days d..d+max must not all be worked (the days before the horizon are).
            var first = Math.Max(0, d);
            var inside = Enumerable.Range(first, max + 1 - (first - d)).Select(i => worked[i]).ToList();
            var c = cp.Add(LinearExpr.Sum(inside) <= max - (first - d));
            if (enforce is not null)
            {
                c.OnlyEnforceIf(enforce);
            }
        }
    }

    /// <summary>
    /// Every run of true literals in <paramref name="on"/> that starts after the first day and ends before the last
    /// is at least <paramref name="min"/> long. Runs touching either edge are exempt: the days beyond the horizon
    /// may continue them.
    /// </summary>
    /// <remarks>For each start and each too-short length one clause forbids "off, on × length, off".</remarks>
    public static void MinRun(CpModel cp, IReadOnlyList<ILiteral> on, int min)
    {
        for (var length = 1; length < min; length++)
        {
            for (var start = 1; start + length < on.Count; start++)
            {
                var clause = new List<ILiteral> { on[start - 1] };
                for (var i = start; i < start + length; i++)
                {
                    clause.Add(on[i].Not());
                }

                clause.Add(on[start + length]);
                cp.AddBoolOr(clause);
            }
        }
    }
}
