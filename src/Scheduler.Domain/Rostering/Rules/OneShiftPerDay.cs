namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: an agent works at most one shift a day (the day a shift starts on).</summary>
public sealed class OneShiftPerDay : IHardRule
{
    public string Name => RuleNames.OneShiftPerDay;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        foreach (var day in shifts.GroupBy(s => s.Option.Date).Where(g => g.Count() > 1))
        {
            violations.Add(new Violation(Name, agent.Id, day.Key, $"{agent.Name} has {day.Count()} shifts on {day.Key:ddd d MMM}"));
        }
    }
}
