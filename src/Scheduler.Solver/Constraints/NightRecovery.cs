using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Constraints;

/// <summary>
/// Soft: after a run of three or more nights, the next two days off. One unit for each of those two days worked,
/// with the run ending on the last night (the next day is not a night).
/// </summary>
internal static class NightRecovery
{
    public static void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        var weight = scenario.Rules.RestAfterNights;
        if (weight == 0 || scenario.Days < 4)
        {
            return;
        }

        foreach (var agent in scenario.Agents.Where(a => a.NightConsent))
        {
            var days = m.Shifts[agent.Id];
            var night = new BoolVar[scenario.Days];
            var worked = new BoolVar[scenario.Days];
            for (var d = 0; d < scenario.Days; d++)
            {
                night[d] = m.Cp.NewBoolVar($"night[{agent.Id},{d}]");
                m.Cp.Add(night[d] == LinearExpr.Sum(days[d].Where(s => s.Option.IsNight).Select(s => (LinearExpr)s.Var)));
                worked[d] = m.Cp.NewBoolVar($"worked[{agent.Id},{d}]");
                m.Cp.Add(worked[d] == m.Worked(agent.Id, d));
            }

            for (var d = 2; d + 1 < scenario.Days; d++)
            {
                var run = new List<ILiteral> { night[d - 2], night[d - 1], night[d], night[d + 1].Not() };
                var ends = m.Cp.NewBoolVar($"nightsEnd[{agent.Id},{d}]");
                m.Cp.AddBoolAnd(run).OnlyEnforceIf(ends);
                m.Cp.AddBoolOr(run.Select(l => l.Not())).OnlyEnforceIf(ends.Not());
                for (var e = d + 1; e <= d + 2 && e < scenario.Days; e++)
                {
                    var breach = m.Cp.NewBoolVar($"workAfterNights[{agent.Id},{d}->{e}]");
                    m.Cp.AddBoolAnd([ends, worked[e]]).OnlyEnforceIf(breach);
                    m.Cp.AddBoolOr([ends.Not(), worked[e].Not()]).OnlyEnforceIf(breach.Not());
                    m.Penalize(RuleNames.RestAfterNights, breach, weight);
                }
            }
        }
    }
}
