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
                foreach (var option in Offered(scenario, agent, byDate[date]))
                {
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

    /// <summary>
    /// The options of one date the solver offers an agent: those the agent may work and that leave the rest after the
    /// last shift before the horizon, plus any locked shift (kept even where a later rule, such as new leave, would
    /// refuse it: it was agreed or worked). The CP-SAT model and the column generation's pricing both use this list.
    /// </summary>
    public static IEnumerable<ShiftOption> Offered(RosterScenario scenario, RosterAgent agent, IEnumerable<ShiftOption> optionsOfDate)
    {
        foreach (var option in optionsOfDate)
        {
            var isLocked = agent.Locked.Any(l => l.Date == option.Date && l.TemplateId == option.TemplateId && l.Start == option.LocalStart && l.Length == option.Length);
            if (isLocked || (ShiftCatalog.Refusal(agent, option) is null && !RestsTooLittleAfterPrevious(agent, option, scenario)))
            {
                yield return option;
            }
        }
    }

    private static bool RestsTooLittleAfterPrevious(RosterAgent agent, ShiftOption option, RosterScenario scenario) =>
        agent.PreviousShiftEnd is { } end && option.StartInstant - end < scenario.Rules.MinRest;
}
