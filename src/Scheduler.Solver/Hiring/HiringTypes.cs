using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Hiring;

/// <summary>
/// A kind of agent the centre could hire: the skills, the contract's weekly paid hours, days off, night work and wage.
/// </summary>
/// <param name="Templates">The shift templates such a hire works (full-time: the 8-hour shifts; part-time: the 4- and
/// 6-hour ones); empty means every template of the scenario.</param>
public sealed record HireProfile(
    IReadOnlyList<string> Skills,
    Duration MinPaidPerWeek,
    Duration MaxPaidPerWeek,
    int MinDaysOffPerWeek,
    bool NightConsent,
    decimal HourlyCost,
    IReadOnlyList<string> Templates)
{
    /// <summary>"voice-bn+chat-bn": the skills in the order given.</summary>
    public string SkillText => string.Join('+', Skills);

    /// <summary>Full-time from 35 paid hours a week.</summary>
    public bool FullTime => MinPaidPerWeek >= Duration.FromHours(35);

    /// <summary>A stable id: "voice-bn+chat-bn/40-48h".</summary>
    public string Id => FormattableString.Invariant($"{SkillText}/{MinPaidPerWeek.TotalHours:0}-{MaxPaidPerWeek.TotalHours:0}h");
}

/// <summary>How long to search, with how many threads, and the size of the candidate pool.</summary>
public sealed record HiringOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(20);

    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    public int Seed { get; init; }

    /// <summary>The most hires of one profile the model may choose.</summary>
    public int MaxPerProfile { get; init; } = 8;

    /// <summary>
    /// What a hire's paid hour costs in the validator's units. 1000, the cost of one agent short for one interval
    /// (<see cref="RosterRules.UnderCoverage"/>): on a 15-minute grid a hire then pays for itself when at least a quarter
    /// of the hours they are paid for fill a gap, the share a supervisor can defend to a manager.
    /// </summary>
    public long PaidHourCost { get; init; } = 1000;
}

/// <summary>One hire chosen: the profile, and the shifts the model gave them in the week.</summary>
public sealed record SuggestedHire(HireProfile Profile, RosterAgent Agent, IReadOnlyList<ShiftAssignment> Shifts)
{
    public Duration Paid { get; init; }

    /// <summary>The week's wage of the hire: paid hours × the profile's hourly cost.</summary>
    public decimal WeeklyCost => Profile.HourlyCost * (decimal)Paid.TotalHours;
}

/// <summary>Why shortfall remains after the suggested hires.</summary>
public enum RemainingReason
{
    /// <summary>No profile offered has the skill.</summary>
    NoProfileWithSkill,

    /// <summary>Every candidate of the profiles with the skill is hired already.</summary>
    PoolUsedUp,

    /// <summary>Too small or too scattered: no hire's week would fill enough of it to pay for their hours.</summary>
    NotWorthAHire,
}

/// <summary>Shortfall left after the hires: a skill, a local day, the short agent-intervals, and why.</summary>
public sealed record RemainingGap(string Skill, LocalDate Date, int ShortIntervals, RemainingReason Reason);

/// <summary>
/// A hiring suggestion: the hires chosen, the scenario and roster with them added (judged by the validator), and
/// the short agent-intervals and coverage before and after.
/// </summary>
public sealed record HiringSuggestion(
    IReadOnlyList<SuggestedHire> Hires,
    RosterScenario Scenario,
    Roster Roster,
    int Required,
    int ShortBefore,
    int ShortAfter,
    IReadOnlyList<RemainingGap> Remaining,
    SolveStatus Status,
    TimeSpan Elapsed)
{
    public double CoverageBefore => Required == 0 ? 1 : (double)(Required - ShortBefore) / Required;

    public double CoverageAfter => Required == 0 ? 1 : (double)(Required - ShortAfter) / Required;

    public decimal WeeklyCost => Hires.Sum(h => h.WeeklyCost);
}
