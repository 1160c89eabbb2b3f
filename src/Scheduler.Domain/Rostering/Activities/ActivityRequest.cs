using NodaTime;

namespace Scheduler.Domain.Rostering.Activities;

/// <summary>What an activity is for: it takes agents off the queues inside their shifts.</summary>
public enum ActivityKind
{
    Training,
    Coaching,
    Meeting,
}

/// <summary>How often an activity request asks for a session.</summary>
public enum ActivityRecurrence
{
    /// <summary>One session somewhere in the allowed dates.</summary>
    Once,

    /// <summary>One session in every block of 7 days counted from the first allowed date (e.g. coaching every week).</summary>
    Weekly,
}

/// <summary>
/// Who attends: the named agents, or every agent with <see cref="Skill"/>; with <see cref="Count"/>, only that many of
/// them (the placement chooses which, where coverage suffers least).
/// </summary>
public sealed record ActivityAttendees(IReadOnlyList<string> AgentIds, string? Skill = null, int? Count = null)
{
    public static ActivityAttendees Named(params string[] agentIds) => new(agentIds);

    public static ActivityAttendees WithSkill(string skill, int? count = null) => new([], skill, count);

    /// <summary>The agents of the group, in scenario order.</summary>
    public IReadOnlyList<RosterAgent> Group(RosterScenario scenario) => Skill is null
        ? [.. scenario.Agents.Where(a => AgentIds.Contains(a.Id))]
        : [.. scenario.Agents.Where(a => a.Skills.Contains(Skill))];
}

/// <summary>
/// A request for training, coaching or a meeting: who, how long, on which dates and inside which local window, how
/// often, whether everyone attends together, and an optional coach (a senior agent or supervisor who is on shift and
/// free at the time; the coach is off the queues too).
/// </summary>
/// <remarks>The window is local time of the site's zone on each allowed date, <see cref="WindowStart"/> before
/// <see cref="WindowEnd"/> on the same day: a session starts and ends inside it. A night window across midnight is not
/// offered yet (an activity at night is rare; two requests cover it).</remarks>
public sealed record ActivityRequest(
    string Id,
    ActivityKind Kind,
    string Name,
    ActivityAttendees Who,
    Duration Length,
    LocalDate From,
    LocalDate To,
    LocalTime WindowStart,
    LocalTime WindowEnd,
    ActivityRecurrence Recurrence = ActivityRecurrence.Once,
    bool Together = false,
    string? CoachId = null)
{
    /// <summary>The allowed dates of each occurrence: all of them once, or each 7-day block from <see cref="From"/>.</summary>
    public IReadOnlyList<IReadOnlyList<LocalDate>> Occurrences()
    {
        var dates = new List<LocalDate>();
        for (var d = From; d <= To; d = d.PlusDays(1))
        {
            dates.Add(d);
        }

        return Recurrence == ActivityRecurrence.Once
            ? [dates]
            : [.. dates.Chunk(7).Select(c => (IReadOnlyList<LocalDate>)c)];
    }
}

/// <summary>
/// An activity placed in a roster: which request, what, who (attending together, at one time), the coach, and when.
/// Every agent listed and the coach are off the queues from <see cref="Start"/> to <see cref="End"/>.
/// </summary>
public sealed record PlacedActivity(string RequestId, ActivityKind Kind, string Name, IReadOnlyList<string> AgentIds, string? CoachId, Instant Start, Instant End)
{
    /// <summary>The agents busy with it: the attendees and the coach.</summary>
    public IEnumerable<string> People => CoachId is null ? AgentIds : AgentIds.Append(CoachId);

    public bool Involves(string agentId) => AgentIds.Contains(agentId) || CoachId == agentId;

    public bool Overlaps(Instant start, Instant end) => Start < end && start < End;

    /// <summary>Whether the agent involved is away from the queues in the interval starting at <paramref name="intervalStart"/>.</summary>
    public bool Covers(Instant intervalStart) => intervalStart >= Start && intervalStart < End;
}

/// <summary>An activity the placement could not place, and why, in words a supervisor acts on.</summary>
public sealed record UnplacedActivity(string RequestId, string Name, IReadOnlyList<string> AgentIds, IReadOnlyList<LocalDate> Dates, string Reason);

/// <summary>A request refused before placement: which request, which field, and why.</summary>
public sealed record ActivityRequestProblem(string RequestId, string Field, string Reason)
{
    public override string ToString() => $"activity '{RequestId}', {Field}: {Reason}";
}
