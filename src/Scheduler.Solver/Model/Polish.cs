using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Model;

/// <summary>
/// The exact objective of the final roster. During the search CP-SAT may stop with a solution whose skill
/// assignment (the flow variables) is not the best for its shifts and breaks, so its objective can sit above the
/// roster's true cost. With shifts and breaks fixed the rest is a maximum-flow problem per interval, solved exactly
/// by <see cref="CoverageFlow"/> on the on-duty counts of the solution's own variables, and the under-coverage part
/// of the objective moves accordingly. Every other cost term is tight already (max/min equalities, linear terms).
/// </summary>
internal static class Polish
{
    /// <summary>
    /// Rewrites the flow variables of a full solution with a maximum flow per interval (the on-duty counts stay) and
    /// returns the solution's objective after it. Keeps the neighbourhood search steering by true costs.
    /// </summary>
    public static long RepairFlows(RosterModel m, long[] values, long objective)
    {
        var scenario = m.Scenario;
        var groupSkills = m.Groups.Select(g => g.SkillIndices).ToList();
        long before = 0, after = 0;
        for (var t = 0; t < scenario.Grid.Count; t++)
        {
            var required = scenario.Skills.Select(s => scenario.Requirements[s][t]).ToArray();
            if (required.Sum() == 0)
            {
                continue;
            }

            var duty = m.Groups.Select(g => (int)values[m.DutyVars[g.Index, t].GetIndex()]).ToArray();
            var flows = CoverageFlow.Assign(duty, groupSkills, required);
            foreach (var group in m.Groups)
            {
                foreach (var k in group.SkillIndices)
                {
                    if (m.FlowAt.TryGetValue((t, group.Index, k), out var z))
                    {
                        before += values[z.GetIndex()];
                        values[z.GetIndex()] = flows[group.Index][k];
                        after += flows[group.Index][k];
                    }
                }
            }
        }

        return objective - (scenario.Rules.UnderCoverage * (after - before));
    }

    public static long Objective(RosterModel m, Snapshot best)
    {
        var scenario = m.Scenario;
        var groupSkills = m.Groups.Select(g => g.SkillIndices).ToList();
        long bestServed = 0;
        for (var t = 0; t < scenario.Grid.Count; t++)
        {
            var required = scenario.Skills.Select(s => scenario.Requirements[s][t]).ToArray();
            if (required.Sum() == 0)
            {
                continue;
            }

            var duty = m.Groups.Select(g => (int)best.Duty[g.Index, t]).ToArray();
            bestServed += CoverageFlow.Covered(duty, groupSkills, required).Sum();
        }

        return best.Objective - (scenario.Rules.UnderCoverage * (bestServed - best.Served));
    }
}
