using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Rules;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>
/// Not a rule: the x variables every rule reads, one per agent and shift option the agent is offered. The options
/// <see cref="Offered"/> leaves out are the rules that refuse single shifts (<see cref="RuleBook.ShiftRules"/>: leave,
/// availability, night consent) and the minimum rest after the last shift before the horizon, unless locked: their
/// CP-SAT face is the variable that is never created. A model built to check one rule offers every option instead, and
/// that rule fixes the refused ones to 0.
/// </summary>
internal static class ShiftVariables
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
                days[d] = [];
                var options = m.OfferEverything ? byDate[date] : Offered(scenario, agent, byDate[date]);
                foreach (var option in options)
                {
                    days[d].Add((option, m.Cp.NewBoolVar($"x[{agent.Id},{option.Id}]")));
                }

                d++;
            }

            m.Shifts[agent.Id] = days;
        }
    }

    /// <summary>
    /// The options of one date the solver offers an agent: those no shift rule refuses and that leave the minimum rest
    /// after the last shift before the horizon, plus any locked shift (kept even where a later rule, such as new leave,
    /// would refuse it: it was agreed or worked). The CP-SAT model and the column generation's pricing both use this list.
    /// </summary>
    public static IEnumerable<ShiftOption> Offered(RosterScenario scenario, RosterAgent agent, IEnumerable<ShiftOption> optionsOfDate)
    {
        foreach (var option in optionsOfDate)
        {
            if (Domain.Rostering.Rules.LockedShifts.AnyIs(agent, option)
                || (ShiftCatalog.Refusal(agent, option) is null && !Domain.Rostering.Rules.MinimumRest.TooSoonAfterPrevious(scenario, agent, option)))
            {
                yield return option;
            }
        }
    }
}
