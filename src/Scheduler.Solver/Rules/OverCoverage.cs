using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>Soft: agents on duty beyond the interval's total requirement, where something is required:
/// over = max(0, on duty - required), exact (not a one-sided bound), so every roster's objective is its true cost.
/// Column generation: the master's over rows.</summary>
internal sealed class OverCoverage : ISolverRule
{
    private static readonly Breaks OnDuty = new();

    public string Name => RuleNames.OverCoverage;

    public IReadOnlyList<ISolverRule> Requires => [OnDuty];

    public void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        if (scenario.Rules.OverCoverage == 0)
        {
            return;
        }

        for (var t = 0; t < scenario.Grid.Count; t++)
        {
            var total = scenario.TotalRequired(t);
            if (total > 0)
            {
                var over = m.Cp.NewIntVar(0, scenario.Agents.Count, $"over[{t}]");
                m.Cp.AddMaxEquality(over, [LinearExpr.Constant(0), LinearExpr.Affine(m.OnDuty(t), 1, -total)]);
                m.Penalize(Name, over, scenario.Rules.OverCoverage);
            }
        }
    }
}
