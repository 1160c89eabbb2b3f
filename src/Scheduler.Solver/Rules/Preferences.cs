using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;
using DomainRules = Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Solver.Rules;

/// <summary>Soft: each wish unmet on a day it applies to: not working a match when wanted, working one when not.
/// Labelling: the cost of each option and of the day off (<see cref="DayCosts"/>).</summary>
internal sealed class Preferences : ISolverRule
{
    public string Name => RuleNames.Preferences;

    public void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        foreach (var agent in scenario.Agents)
        {
            var days = m.Shifts[agent.Id];
            foreach (var preference in agent.Preferences)
            {
                var d = 0;
                foreach (var date in scenario.Dates)
                {
                    if (preference.AppliesTo(date))
                    {
                        var dayWish = DomainRules.Preferences.IsDayWish(preference);
                        var matching = LinearExpr.Sum(days[d].Where(s => dayWish || preference.Matches(s.Option)).Select(s => (LinearExpr)s.Var));
                        var unmet = preference.Wanted ? LinearExpr.Affine(matching, -1, 1) : matching;
                        m.Penalize(Name, unmet, preference.Weight * scenario.Rules.Preference);
                    }

                    d++;
                }
            }
        }
    }

    /// <summary>Labelling: the cost of the day off and of each offered option on <paramref name="date"/>, added to
    /// <paramref name="off"/> and <paramref name="options"/>.</summary>
    public static void DayCosts(RosterScenario scenario, RosterAgent agent, NodaTime.LocalDate date, IReadOnlyList<ShiftOption> offered, ref long off, long[] options)
    {
        foreach (var preference in agent.Preferences.Where(p => p.AppliesTo(date)))
        {
            var weight = preference.Weight * scenario.Rules.Preference;
            if (!DomainRules.Preferences.Met(preference, null))
            {
                off += weight;
            }

            for (var k = 0; k < offered.Count; k++)
            {
                if (!DomainRules.Preferences.Met(preference, offered[k]))
                {
                    options[k] += weight;
                }
            }
        }
    }
}
