using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Domain.Rostering;

/// <summary>
/// Judges a roster from the roster alone, never calling the solver: every hard rule and every cost term of
/// <see cref="RuleBook"/>, and the coverage of every interval (<see cref="Skills.Cover"/>). This is the executable
/// specification of the roster engine; the solver's objective must equal <see cref="ValidationReport.TotalCost"/>.
/// </summary>
public static class RosterValidator
{
    public static ValidationReport Validate(RosterScenario scenario, Roster roster, Roster? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(roster);
        var catalog = new ShiftCatalog(scenario);
        var violations = new List<Violation>();
        var placed = new List<PlacedShift>();
        foreach (var shift in roster.Shifts)
        {
            var agent = scenario.Agents.FirstOrDefault(a => a.Id == shift.AgentId);
            if (agent is null)
            {
                violations.Add(new Violation(RuleNames.UnknownAgent, shift.AgentId, shift.Date, $"agent '{shift.AgentId}' is not in the scenario"));
                continue;
            }

            var option = catalog.Find(shift);
            if (option is null)
            {
                violations.Add(new Violation(RuleNames.UnknownShift, agent.Id, shift.Date, $"{agent.Name}: {shift.TemplateId} at {shift.Start:HH:mm} for {shift.Length.TotalHours:0.##} h on {shift.Date} is not a shift any template allows"));
                continue;
            }

            placed.Add(new PlacedShift(agent, shift, option));
        }

        foreach (var activity in roster.Activities)
        {
            foreach (var unknown in activity.People.Where(p => scenario.Agents.All(a => a.Id != p)).Distinct())
            {
                violations.Add(new Violation(RuleNames.UnknownAgent, unknown, null, $"activity '{activity.Name}': agent '{unknown}' is not in the scenario"));
            }
        }

        var facts = new RosterFacts(catalog, placed, baseline, roster.Activities);
        foreach (var agent in scenario.Agents)
        {
            var shifts = facts.ShiftsOf(agent.Id);
            foreach (var rule in RuleBook.Hard)
            {
                rule.Check(facts, agent, shifts, violations);
            }
        }

        var costs = new List<CostTerm>();
        foreach (var rule in RuleBook.Soft)
        {
            rule.Cost(facts, costs);
        }

        return new ValidationReport(violations, [.. costs.OrderByDescending(c => c.Cost)], facts.Coverage);
    }
}
