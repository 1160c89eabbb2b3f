namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Soft: each agent on duty beyond the interval's total requirement (where something is required) costs
/// <see cref="RosterRules.OverCoverage"/>.</summary>
public sealed class OverCoverage : ISoftRule
{
    public string Name => RuleNames.OverCoverage;

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        var scenario = facts.Scenario;
        foreach (var c in facts.Coverage)
        {
            var total = c.Required.Values.Sum();
            if (total > 0 && c.OnDuty > total)
            {
                costs.Add(new CostTerm(Name, null, scenario.Grid.Intervals[c.Interval].Date, c.Interval, null, c.OnDuty - total, (c.OnDuty - total) * scenario.Rules.OverCoverage, $"{UnderCoverage.Label(scenario, c.Interval)}: {c.OnDuty} on duty for {total} required"));
            }
        }
    }
}
