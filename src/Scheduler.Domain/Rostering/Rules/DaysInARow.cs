namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: at most the contract's working days in a row, counting the days worked just before the horizon.</summary>
public sealed class DaysInARow : IHardRule
{
    public string Name => RuleNames.DaysInARow;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        var scenario = facts.Scenario;
        var worked = facts.Worked(shifts);
        var run = agent.ConsecutiveDaysBefore;
        for (var d = 0; d < scenario.Days; d++)
        {
            run = worked[d] ? run + 1 : 0;
            if (run == agent.Contract.MaxConsecutiveDays + 1)
            {
                violations.Add(new Violation(Name, agent.Id, scenario.FirstDate.PlusDays(d), $"{agent.Name} works {run} days in a row up to {scenario.FirstDate.PlusDays(d):ddd d MMM}; at most {agent.Contract.MaxConsecutiveDays}"));
            }
        }
    }
}
