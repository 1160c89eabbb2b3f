using NodaTime;

namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: every shift takes exactly the breaks of its template, each its length and paid-ness, starting on the
/// interval grid inside its window (<see cref="ShiftOption.BreakOffsets"/>), none overlapping another. An agent on a
/// break is not on duty (<see cref="Takes"/>).</summary>
public sealed class Breaks : IHardRule
{
    public string Name => RuleNames.Breaks;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        foreach (var (_, shift, option) in shifts)
        {
            if (Problem(facts.Scenario, shift, option) is { } problem)
            {
                violations.Add(new Violation(Name, agent.Id, option.Date, $"{agent.Name} on {option.Date:ddd d MMM}: {problem}"));
            }
        }
    }

    /// <summary>Whether the agent working <paramref name="shift"/> is on a break in the interval starting at <paramref name="intervalStart"/>.</summary>
    public static bool Takes(ShiftAssignment shift, Instant intervalStart) => shift.Breaks.Any(b => intervalStart >= b.Start && intervalStart < b.End);

    private static string? Problem(RosterScenario scenario, ShiftAssignment shift, ShiftOption option)
    {
        foreach (var rule in option.Breaks)
        {
            var taken = shift.Breaks.Where(b => b.Name == rule.Name).ToList();
            if (taken.Count != 1)
            {
                return $"{taken.Count} '{rule.Name}' breaks; exactly one is required";
            }

            var b = taken[0];
            var offset = b.Start - option.StartInstant;
            if (b.End - b.Start != rule.Length || b.Paid != rule.Paid || !option.BreakOffsets(rule, scenario.IntervalLength).Contains(offset))
            {
                return $"'{rule.Name}' break at +{offset.TotalMinutes:0} min for {(b.End - b.Start).TotalMinutes:0} min is outside {rule.EarliestStart.TotalHours:0.##}-{rule.LatestEnd.TotalHours:0.##} h or not {rule.Length.TotalMinutes:0} min on the interval grid";
            }
        }

        if (shift.Breaks.Count != option.Breaks.Count)
        {
            return $"{shift.Breaks.Count} breaks where the template has {option.Breaks.Count}";
        }

        var ordered = shift.Breaks.OrderBy(b => b.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start < ordered[i - 1].End)
            {
                return $"breaks '{ordered[i - 1].Name}' and '{ordered[i].Name}' overlap";
            }
        }

        return null;
    }
}
