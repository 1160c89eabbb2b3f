using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>
/// Agents on duty serve only skills they have: in every interval where something is required, flow variables per
/// skill group and skill (<see cref="RosterModel.FlowAt"/>) assign the group's agents on duty, each to one skill
/// (the flows of a group add up to at most its agents on duty); <see cref="RosterModel.Served"/> is what each skill
/// receives. The column generation's master has the same flows per hour.
/// </summary>
internal sealed class Skills : ISolverRule
{
    private static readonly Breaks OnDuty = new();

    public string Name => RuleNames.Skills;

    public IReadOnlyList<ISolverRule> Requires => [OnDuty];

    public void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        for (var t = 0; t < scenario.Grid.Count; t++)
        {
            var required = scenario.Skills.Select(s => scenario.Requirements[s][t]).ToArray();
            if (required.Sum() == 0)
            {
                continue;
            }

            var served = new LinearExprBuilder?[required.Length];
            foreach (var group in m.Groups)
            {
                var flows = new List<IntVar>();
                foreach (var s in group.SkillIndices.Where(s => required[s] > 0))
                {
                    var z = m.Cp.NewIntVar(0, required[s], $"serve[{t},{group.Index},{scenario.Skills[s]}]");
                    flows.Add(z);
                    m.Flows.Add(z);
                    m.FlowAt[(t, group.Index, s)] = z;
                    (served[s] ??= LinearExpr.NewBuilder()).Add(z);
                }

                if (flows.Count > 0)
                {
                    m.Cp.Add(LinearExpr.Sum(flows) <= m.DutyVars[group.Index, t]);
                }
            }

            m.Served[t] = served;
        }
    }
}
