using NodaTime;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Domain.Rostering;

/// <summary>A break placed inside a shift.</summary>
public sealed record BreakAssignment(string Name, Instant Start, Instant End, bool Paid);

/// <summary>One agent working one shift on one day, with its breaks placed.</summary>
public sealed record ShiftAssignment(string AgentId, LocalDate Date, string TemplateId, LocalTime Start, Duration Length, IReadOnlyList<BreakAssignment> Breaks)
{
    /// <summary>
    /// Paid time of this shift worked as overtime (an accepted offer: a whole extra shift, or the hours an extension
    /// added). It counts against the agent's overtime cap instead of the contract's weekly hours
    /// (<see cref="Rules.OvertimeTerms"/>, <see cref="Rules.WeeklyHours"/>). Zero for a contracted shift.
    /// </summary>
    public Duration Overtime { get; init; }
}

/// <summary>Who works which shift over the horizon. The roster alone is enough for the validator to judge it.</summary>
public sealed record Roster(IReadOnlyList<ShiftAssignment> Shifts)
{
    /// <summary>Training, coaching and meetings placed inside the shifts (none unless placed); agents on one are not on duty.</summary>
    public IReadOnlyList<PlacedActivity> Activities { get; init; } = [];

    public IEnumerable<ShiftAssignment> For(string agentId) => Shifts.Where(s => s.AgentId == agentId);
}
