namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Soft: each start time beyond the first an agent has in the horizon costs <see cref="RosterRules.StartConsistency"/>.</summary>
public sealed class StartConsistency : ISoftRule
{
    public string Name => RuleNames.StartConsistency;

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        foreach (var agent in facts.Scenario.Agents)
        {
            var starts = facts.ShiftsOf(agent.Id).Select(s => s.Option.LocalStart).Distinct().Count();
            if (starts > 1)
            {
                costs.Add(new CostTerm(Name, agent.Id, null, null, null, starts - 1, (starts - 1) * facts.Scenario.Rules.StartConsistency, $"{agent.Name} starts at {starts} different times"));
            }
        }
    }
}
