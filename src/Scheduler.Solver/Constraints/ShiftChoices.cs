using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Constraints;

/// <summary>
/// Hard: one shift per agent per day, only shifts the agent may work (availability, time off, fixed days off, night
/// consent), and locked shifts kept. Creates the x variables every other family reads.
/// </summary>
internal static class ShiftChoices
{
    public static void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        var byDate = m.Catalog.Options.GroupBy(o => o.Date).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var agent in scenario.Agents)
        {
            var days = new List<(ShiftOption, BoolVar)>[scenario.Days];
            var d = 0;
            foreach (var date in scenario.Dates)
            {
                var locked = agent.Locked.Where(l => l.Date == date).ToList();
                days[d] = [];
                foreach (var option in byDate[date])
                {
                    var isLocked = locked.Any(l => l.TemplateId == option.TemplateId && l.Start == option.LocalStart && l.Length == option.Length);
                    // A locked shift is kept even where a later rule (new leave) would refuse it: it was agreed or worked.
                    if (!isLocked && (ShiftCatalog.Refusal(agent, option) is not null || RestsTooLittleAfterPrevious(agent, option, scenario)))
                    {
                        continue;
                    }

                    days[d].Add((option, m.Cp.NewBoolVar($"x[{agent.Id},{option.Id}]")));
                }

                m.Cp.AddAtMostOne(days[d].Select(s => (ILiteral)s.Item2));
                foreach (var l in locked)
                {
                    var match = days[d].FirstOrDefault(s => s.Item1.TemplateId == l.TemplateId && s.Item1.LocalStart == l.Start && s.Item1.Length == l.Length);
                    if (match.Item2 is null)
                    {
                        throw new ArgumentException($"{agent.Name}'s locked shift {l.TemplateId} {l.Start:HH:mm} on {l.Date} is not a shift of any template.", nameof(m));
                    }

                    var enforce = m.Enforcement(agent, RuleNames.Locked);
                    var constraint = m.Cp.Add(match.Item2 == 1);
                    if (enforce is not null)
                    {
                        constraint.OnlyEnforceIf(enforce);
                    }
                }

                d++;
            }

            m.Shifts[agent.Id] = days;
        }
    }

    private static bool RestsTooLittleAfterPrevious(RosterAgent agent, ShiftOption option, RosterScenario scenario) =>
        agent.PreviousShiftEnd is { } end && option.StartInstant - end < scenario.Rules.MinRest;
}
