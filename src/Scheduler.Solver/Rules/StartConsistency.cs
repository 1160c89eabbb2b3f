using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>Soft: distinct start times of an agent beyond the first. Not per day, so the column generation leaves it
/// out of the columns (it costs at least 0: the bound stays valid).</summary>
internal sealed class StartConsistency : ISolverRule
{
    public string Name => RuleNames.StartConsistency;

    public void Add(RosterModel m)
    {
        if (m.Scenario.Rules.StartConsistency == 0)
        {
            return;
        }

        foreach (var agent in m.Scenario.Agents)
        {
            var all = m.Shifts[agent.Id].SelectMany(day => day).ToList();
            if (all.Count == 0)
            {
                continue;
            }

            var starts = new List<LinearExpr>();
            foreach (var byStart in all.GroupBy(s => s.Option.LocalStart))
            {
                var used = m.Cp.NewBoolVar($"starts[{agent.Id},{byStart.Key:HH:mm}]");
                m.Cp.AddMaxEquality(used, byStart.Select(s => (LinearExpr)s.Var));
                starts.Add(used);
            }

            var works = m.Cp.NewBoolVar($"works[{agent.Id}]");
            m.Cp.AddMaxEquality(works, all.Select(s => (LinearExpr)s.Var));
            m.Penalize(Name, LinearExpr.Sum(starts) - works, m.Scenario.Rules.StartConsistency);
        }
    }
}
