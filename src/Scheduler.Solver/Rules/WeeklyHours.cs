using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>
/// Hard: the paid minutes of every 7-day block within the contract (<see cref="ShiftCatalog.WeekBlock"/>). Labelling:
/// a label carries the paid minutes of its block; an option that would pass the maximum is not taken
/// (<see cref="Fits"/>), a label that can no longer reach the minimum is dropped (<see cref="CanReach"/>), and the
/// count starts again at each block.
/// </summary>
internal sealed class WeeklyHours : ISolverRule
{
    public string Name => RuleNames.WeeklyHours;

    public void Add(RosterModel m)
    {
        foreach (var agent in m.Scenario.Agents)
        {
            var days = m.Shifts[agent.Id];
            var enforce = m.Enforcement(agent, Name);
            for (var block = 0; block < m.Catalog.WeekBlocks; block++)
            {
                var (_, first, count, minPaid, maxPaid) = m.Catalog.WeekBlock(agent, block * 7);
                var paid = LinearExpr.NewBuilder();
                for (var d = first; d < first + count; d++)
                {
                    foreach (var (option, x) in days[d])
                    {
                        paid.AddTerm(x, (long)option.Paid.TotalMinutes);
                    }
                }

                var c = m.Cp.AddLinearConstraint(paid, (long)minPaid.TotalMinutes, (long)maxPaid.TotalMinutes);
                if (enforce is not null)
                {
                    c.OnlyEnforceIf(enforce);
                }
            }
        }
    }

    /// <summary>Labelling: whether <paramref name="add"/> more paid minutes keep the block within its maximum.</summary>
    public static bool Fits(int paid, int add, int max) => paid + add <= max;

    /// <summary>Labelling: whether the block can still reach its minimum with at most <paramref name="left"/> more.</summary>
    public static bool CanReach(int paid, int left, int min) => paid + left >= min;
}
