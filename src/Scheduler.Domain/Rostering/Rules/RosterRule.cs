namespace Scheduler.Domain.Rostering.Rules;

/// <summary>A shift of the roster being judged, with its agent and the catalogue option it stands for.</summary>
public sealed record PlacedShift(RosterAgent Agent, ShiftAssignment Shift, ShiftOption Option);

/// <summary>
/// A hard rule: <see cref="Check"/> adds a <see cref="Violation"/> with a sentence a supervisor can act on for each
/// breach by one agent. Its <see cref="Name"/> is a <see cref="RuleNames"/> constant; the solver has a class of the same
/// name (the CP-SAT constraint and the labelling step) and the tests a class of the same name.
/// </summary>
public interface IHardRule
{
    string Name { get; }

    /// <param name="shifts">The agent's shifts in the catalogue, by start.</param>
    void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations);
}

/// <summary>A hard rule that refuses single shifts (availability, leave, night consent): the solver offers only the
/// shifts none of them refuses.</summary>
public interface IShiftRule : IHardRule
{
    /// <summary>Why <paramref name="agent"/> may not work <paramref name="option"/>, or null when this rule allows it.</summary>
    string? Refusal(RosterAgent agent, ShiftOption option);
}

/// <summary>A soft rule: <see cref="Cost"/> adds one <see cref="CostTerm"/> per breach, units × the rule's weight.</summary>
public interface ISoftRule
{
    string Name { get; }

    void Cost(RosterFacts facts, List<CostTerm> costs);
}

/// <summary>The checks shared by the rules that refuse single shifts: one violation per refused shift that is not locked
/// (a locked shift was worked or agreed, and is kept even where a later rule, such as leave for a sick call, refuses it:
/// the solver offers it all the same, <c>ShiftVariables.Offered</c>).</summary>
public abstract class ShiftRule : IShiftRule
{
    public abstract string Name { get; }

    public abstract string? Refusal(RosterAgent agent, ShiftOption option);

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        foreach (var shift in shifts)
        {
            if (Refusal(agent, shift.Option) is { } reason && !LockedShifts.AnyIs(agent, shift.Option))
            {
                violations.Add(new Violation(Name, agent.Id, shift.Option.Date, reason));
            }
        }
    }
}
