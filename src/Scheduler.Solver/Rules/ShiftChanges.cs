using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;
using DomainRules = Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Solver.Rules;

/// <summary>Soft, when re-solving: each day whose shift differs from the base roster (which is also the hint).
/// Labelling: the cost of each option and of the day off (<see cref="DayCosts"/>).</summary>
internal sealed class ShiftChanges : ISolverRule
{
    public string Name => RuleNames.ShiftChanges;

    public void Add(RosterModel m)
    {
        if (m.Baseline is null)
        {
            return;
        }

        var scenario = m.Scenario;
        foreach (var agent in scenario.Agents)
        {
            var before = DomainRules.ShiftChanges.BaseDays(m.Baseline, agent.Id);
            var d = 0;
            foreach (var date in scenario.Dates)
            {
                var day = m.Shifts[agent.Id][d++];
                if (before.TryGetValue(date, out var was))
                {
                    var same = day.Where(s => DomainRules.ShiftChanges.Same(was, s.Option)).Select(s => (LinearExpr)s.Var).ToList();
                    m.Penalize(Name, LinearExpr.Affine(LinearExpr.Sum(same), -1, 1), scenario.Rules.ShiftChange);
                    foreach (var s in day)
                    {
                        m.Cp.AddHint(s.Var, DomainRules.ShiftChanges.Same(was, s.Option));
                    }
                }
                else
                {
                    m.Penalize(Name, LinearExpr.Sum(day.Select(s => (LinearExpr)s.Var)), scenario.Rules.ShiftChange);
                }
            }
        }
    }

    /// <summary>Labelling: the cost of the day off and of each offered option against the base roster's day.</summary>
    public static void DayCosts(RosterScenario scenario, ShiftAssignment? was, IReadOnlyList<ShiftOption> offered, ref long off, long[] options)
    {
        if (!DomainRules.ShiftChanges.Same(was, null))
        {
            off += scenario.Rules.ShiftChange;
        }

        for (var k = 0; k < offered.Count; k++)
        {
            if (!DomainRules.ShiftChanges.Same(was, offered[k]))
            {
                options[k] += scenario.Rules.ShiftChange;
            }
        }
    }
}
