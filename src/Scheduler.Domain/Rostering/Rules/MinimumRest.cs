using NodaTime;

namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: at least the minimum rest (11 h by default, <see cref="RosterRules.MinRest"/>) from the end of one
/// shift to the start of the next, in elapsed time, including from the last shift before the horizon.</summary>
public sealed class MinimumRest : IHardRule
{
    public string Name => RuleNames.MinimumRest;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        var minRest = facts.Scenario.Rules.MinRest;
        var previousEnd = agent.PreviousShiftEnd;
        foreach (var (_, _, option) in shifts)
        {
            if (previousEnd is { } end && TooSoon(facts.Scenario, end, option.StartInstant))
            {
                var rest = option.StartInstant - end;
                violations.Add(new Violation(Name, agent.Id, option.Date, $"{agent.Name} rests {rest.TotalHours:0.##} h before {option.Date:ddd d MMM} {option.LocalStart:HH:mm}; {minRest.TotalHours:0.#} h needed"));
            }

            previousEnd = previousEnd is { } p && p > option.EndInstant ? p : option.EndInstant;
        }
    }

    /// <summary>Whether <paramref name="option"/> starts too soon after the agent's last shift before the horizon.</summary>
    public static bool TooSoonAfterPrevious(RosterScenario scenario, RosterAgent agent, ShiftOption option) =>
        agent.PreviousShiftEnd is { } end && TooSoon(scenario, end, option.StartInstant);

    /// <summary>Whether a shift starting at <paramref name="start"/> comes too soon after one ending at <paramref name="end"/>.</summary>
    public static bool TooSoon(RosterScenario scenario, Instant end, Instant start) => start - end < scenario.Rules.MinRest;

    /// <summary>The earliest a next shift may start after one ending at <paramref name="end"/>.</summary>
    public static Instant EarliestNextStart(RosterScenario scenario, Instant end) => end + scenario.Rules.MinRest;
}
