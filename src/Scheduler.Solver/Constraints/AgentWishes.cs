using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Constraints;

/// <summary>Soft: preferences (wanted and unwanted shifts and days) and the same start time across the week.</summary>
internal static class AgentWishes
{
    public static void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        var rules = scenario.Rules;
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
                        var dayWish = preference.TemplateId is null && preference.Start is null;
                        var matching = LinearExpr.Sum(days[d].Where(s => dayWish || preference.Matches(s.Option)).Select(s => (LinearExpr)s.Var));
                        // Unmet = not working a match when wanted; working a match when not wanted.
                        var unmet = preference.Wanted ? LinearExpr.Affine(matching, -1, 1) : matching;
                        m.Penalize(RuleNames.Preference, unmet, preference.Weight * rules.Preference);
                    }

                    d++;
                }
            }

            if (rules.StartConsistency == 0)
            {
                continue;
            }

            var all = days.SelectMany(day => day).ToList();
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
            m.Penalize(RuleNames.StartConsistency, LinearExpr.Sum(starts) - works, rules.StartConsistency);
        }
    }
}
