namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Soft: each agent short of a skill's requirement in an interval (after <see cref="Skills"/> assigns the
/// agents on duty) costs <see cref="RosterRules.UnderCoverage"/>.</summary>
public sealed class UnderCoverage : ISoftRule
{
    public string Name => RuleNames.UnderCoverage;

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        var scenario = facts.Scenario;
        foreach (var c in facts.Coverage)
        {
            foreach (var skill in scenario.Skills)
            {
                var shortBy = c.Required[skill] - c.Covered[skill];
                if (shortBy > 0)
                {
                    costs.Add(new CostTerm(Name, null, scenario.Grid.Intervals[c.Interval].Date, c.Interval, skill, shortBy, shortBy * scenario.Rules.UnderCoverage, $"{Label(scenario, c.Interval)}: {skill} short {shortBy} of {c.Required[skill]}"));
                }
            }
        }
    }

    internal static string Label(RosterScenario scenario, int t) => $"{scenario.Grid.Intervals[t].Date:ddd d MMM} {scenario.Grid.Intervals[t].LocalStart:HH:mm}";
}
