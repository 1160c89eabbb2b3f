using NodaTime;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Domain.Rostering.Rules;

/// <summary>
/// Hard: every activity an agent attends or coaches lies inside one of their shifts, outside its breaks, on the
/// interval grid, and does not overlap another activity of theirs; so a coach is on shift and free while coaching.
/// The attendees of one placed activity attend it at one time (a "together" request places one activity for all).
/// An agent on an activity is not on duty (<see cref="Skills.Cover"/>).
/// </summary>
public sealed class ActivitiesInShifts : IHardRule
{
    public string Name => RuleNames.Activities;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        var scenario = facts.Scenario;
        var mine = facts.Activities.Where(a => a.Involves(agent.Id)).OrderBy(a => a.Start).ToList();
        foreach (var a in mine)
        {
            var who = a.CoachId == agent.Id ? $"{agent.Name} (coach)" : agent.Name;
            var shift = shifts.FirstOrDefault(s => s.Option.StartInstant <= a.Start && a.End <= s.Option.EndInstant);
            LocalDate? date = shift?.Option.Date ?? a.Start.InZone(scenario.Zone).Date;
            if (Problem(scenario, a, shift) is { } problem)
            {
                violations.Add(new Violation(Name, agent.Id, date, $"{who}: '{a.Name}' {When(scenario, a)} {problem}"));
            }
        }

        for (var i = 1; i < mine.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (mine[j].Overlaps(mine[i].Start, mine[i].End))
                {
                    violations.Add(new Violation(Name, agent.Id, mine[i].Start.InZone(scenario.Zone).Date, $"{agent.Name}: '{mine[i].Name}' {When(scenario, mine[i])} overlaps '{mine[j].Name}' {When(scenario, mine[j])}"));
                }
            }
        }
    }

    /// <summary>The local day and times of an activity, for people: "Mon 30 Nov 10:00-10:30".</summary>
    public static string When(RosterScenario scenario, PlacedActivity a)
    {
        var start = a.Start.InZone(scenario.Zone);
        return $"{start:ddd d MMM HH:mm}-{a.End.InZone(scenario.Zone):HH:mm}";
    }

    private static string? Problem(RosterScenario scenario, PlacedActivity a, PlacedShift? shift)
    {
        if (a.End <= a.Start)
        {
            return "ends before it starts";
        }

        if (a.AgentIds.Count == 0)
        {
            return "has no attendee";
        }

        var grid = scenario.Grid;
        var first = grid.IndexOf(a.Start);
        var last = grid.IndexOf(a.End - Duration.Epsilon);
        if (first < 0 || last < 0 || grid.Intervals[first].Start != a.Start || grid.Intervals[last].End != a.End)
        {
            return $"is not on the {scenario.IntervalLength.TotalMinutes:0}-minute interval grid of the horizon";
        }

        if (shift is null)
        {
            return "lies outside every shift of theirs";
        }

        return shift.Shift.Breaks.FirstOrDefault(b => a.Overlaps(b.Start, b.End)) is { } b
            ? $"overlaps the '{b.Name}' break {b.Start.InZone(scenario.Zone):HH:mm}-{b.End.InZone(scenario.Zone):HH:mm}"
            : null;
    }
}
