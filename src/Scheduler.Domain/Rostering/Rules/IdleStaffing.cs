namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Soft: each agent on duty in an interval where nothing is required costs <see cref="RosterRules.IdleStaffing"/>.</summary>
public sealed class IdleStaffing : ISoftRule
{
    public string Name => RuleNames.IdleStaffing;

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        var scenario = facts.Scenario;
        foreach (var c in facts.Coverage)
        {
            if (c.Required.Values.Sum() == 0 && c.OnDuty > 0)
            {
                costs.Add(new CostTerm(Name, null, scenario.Grid.Intervals[c.Interval].Date, c.Interval, null, c.OnDuty, c.OnDuty * scenario.Rules.IdleStaffing, $"{UnderCoverage.Label(scenario, c.Interval)}: {c.OnDuty} on duty, nothing required"));
            }
        }
    }
}
