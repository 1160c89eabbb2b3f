using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Constraints;

/// <summary>Soft, when re-solving: each day whose shift differs from the base roster costs one change.</summary>
internal static class ShiftChanges
{
    public static void Add(RosterModel m)
    {
        if (m.Baseline is null)
        {
            return;
        }

        var scenario = m.Scenario;
        foreach (var agent in scenario.Agents)
        {
            var before = m.Baseline.For(agent.Id).GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.First());
            var d = 0;
            foreach (var date in scenario.Dates)
            {
                var day = m.Shifts[agent.Id][d++];
                if (before.TryGetValue(date, out var was))
                {
                    var same = day.Where(s => s.Option.TemplateId == was.TemplateId && s.Option.LocalStart == was.Start && s.Option.Length == was.Length).Select(s => (LinearExpr)s.Var).ToList();
                    m.Penalize(RuleNames.ShiftChange, LinearExpr.Affine(LinearExpr.Sum(same), -1, 1), scenario.Rules.ShiftChange);
                    foreach (var s in day)
                    {
                        m.Cp.AddHint(s.Var, s.Option.TemplateId == was.TemplateId && s.Option.LocalStart == was.Start && s.Option.Length == was.Length);
                    }
                }
                else
                {
                    m.Penalize(RuleNames.ShiftChange, LinearExpr.Sum(day.Select(s => (LinearExpr)s.Var)), scenario.Rules.ShiftChange);
                }
            }
        }
    }
}
