namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: in every 7 consecutive days of the horizon, at least the contract's days off.</summary>
public sealed class DaysOff : IHardRule
{
    public string Name => RuleNames.DaysOff;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        var scenario = facts.Scenario;
        var worked = facts.Worked(shifts);
        for (var d = 0; d + 7 <= scenario.Days; d++)
        {
            var days = Enumerable.Range(d, 7).Count(i => worked[i]);
            if (days > MaxWorkedIn7(agent))
            {
                violations.Add(new Violation(Name, agent.Id, scenario.FirstDate.PlusDays(d), $"{agent.Name} works {days} of the 7 days from {scenario.FirstDate.PlusDays(d):d MMM}; {agent.Contract.MinDaysOffPerWeek} day(s) off needed"));
            }
        }
    }

    /// <summary>The most days of any seven the agent may work.</summary>
    public static int MaxWorkedIn7(RosterAgent agent) => 7 - agent.Contract.MinDaysOffPerWeek;
}
