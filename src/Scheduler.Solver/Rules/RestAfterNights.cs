using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;
using DomainRules = Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Solver.Rules;

/// <summary>
/// Soft: after a run of three or more nights (ending on its last night: the next day is not a night), each of the next
/// two days worked. Labelling: a label carries the state of a run of nights (<see cref="Step"/>).
/// </summary>
internal sealed class RestAfterNights : ISolverRule
{
    public string Name => RuleNames.RestAfterNights;

    public void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        var weight = scenario.Rules.RestAfterNights;
        const int run = DomainRules.RestAfterNights.RunLength;
        if (weight == 0 || scenario.Days < run + 1)
        {
            return;
        }

        foreach (var agent in scenario.Agents.Where(a => a.NightConsent || m.OfferEverything))
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

            for (var d = run - 1; d + 1 < scenario.Days; d++)
            {
                var nights = Enumerable.Range(d - run + 1, run).Select(i => (ILiteral)night[i]).Append(night[d + 1].Not()).ToList();
                var ends = m.Cp.NewBoolVar($"nightsEnd[{agent.Id},{d}]");
                m.Cp.AddBoolAnd(nights).OnlyEnforceIf(ends);
                m.Cp.AddBoolOr(nights.Select(l => l.Not())).OnlyEnforceIf(ends.Not());
                for (var e = d + 1; e <= d + DomainRules.RestAfterNights.RecoveryDays && e < scenario.Days; e++)
                {
                    var breach = m.Cp.NewBoolVar($"workAfterNights[{agent.Id},{d}->{e}]");
                    m.Cp.AddBoolAnd([ends, worked[e]]).OnlyEnforceIf(breach);
                    m.Cp.AddBoolOr([ends.Not(), worked[e].Not()]).OnlyEnforceIf(breach.Not());
                    m.Penalize(Name, breach, weight);
                }
            }
        }
    }

    /// <summary>
    /// Labelling: the night state after one more day, and what that day costs. State: the nights in a row so far
    /// (0..3, three meaning "a run"), plus 4 while the second day after a run is still to be counted.
    /// </summary>
    public static byte Step(byte state, bool worked, bool night, long weight, out long cost)
    {
        var nightRun = state & 3;
        var pending = (state & 4) != 0;
        cost = 0;
        if (pending)
        {
            cost = worked ? weight : 0;
            return (byte)(night ? 1 : 0);
        }

        if (nightRun >= DomainRules.RestAfterNights.RunLength && !night)
        {
            cost = worked ? weight : 0;
            return 4;
        }

        return (byte)(night ? Math.Min(DomainRules.RestAfterNights.RunLength, nightRun + 1) : 0);
    }
}
