using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>Soft: every agent on duty in an interval where nothing is required. Column generation: part of a
/// schedule's own cost.</summary>
internal sealed class IdleStaffing : ISolverRule
{
    private static readonly Breaks OnDuty = new();

    public string Name => RuleNames.IdleStaffing;

    public IReadOnlyList<ISolverRule> Requires => [OnDuty];

    public void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        for (var t = 0; t < scenario.Grid.Count; t++)
        {
            if (scenario.TotalRequired(t) == 0)
            {
                m.Penalize(Name, m.OnDuty(t), scenario.Rules.IdleStaffing);
            }
        }
    }
}
