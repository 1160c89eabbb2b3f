namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: every locked shift (worked, agreed, or set by hand) is in the roster exactly as locked.</summary>
public sealed class LockedShifts : IHardRule
{
    public string Name => RuleNames.LockedShifts;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        foreach (var locked in agent.Locked)
        {
            if (!shifts.Any(s => Is(locked, s.Option)))
            {
                violations.Add(new Violation(Name, agent.Id, locked.Date, $"{agent.Name}'s locked {locked.TemplateId} shift at {locked.Start:HH:mm} on {locked.Date:ddd d MMM} is missing"));
            }
        }
    }

    /// <summary>Whether <paramref name="option"/> is the shift <paramref name="locked"/> fixes.</summary>
    public static bool Is(LockedShift locked, ShiftOption option) =>
        option.Date == locked.Date && option.TemplateId == locked.TemplateId && option.LocalStart == locked.Start && option.Length == locked.Length;

    /// <summary>Whether any of the agent's locked shifts is <paramref name="option"/>.</summary>
    public static bool AnyIs(RosterAgent agent, ShiftOption option) => agent.Locked.Any(l => Is(l, option));
}
