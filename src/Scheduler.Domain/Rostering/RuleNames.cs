namespace Scheduler.Domain.Rostering;

/// <summary>The names people read for every rule, hard then soft: the table of contents of the roster engine.</summary>
public static class RuleNames
{
    // Hard rules: a roster that breaks one is not valid. Each has a class of the same name in Rostering/Rules (the
    // check and its explanation), one in the solver (the CP-SAT constraint and the labelling step), and a test class.
    public const string UnknownAgent = "unknown agent";
    public const string UnknownShift = "shift not in any template";
    public const string OneShiftPerDay = "one shift per agent per day";
    public const string Availability = "availability and fixed days off";
    public const string Leave = "no work on approved time off";
    public const string NightConsent = "night work only with consent";
    public const string LockedShifts = "locked shifts kept";
    public const string MinimumRest = "minimum rest between shifts";
    public const string WeeklyHours = "paid hours per week within the contract";
    public const string DaysInARow = "maximum working days in a row";
    public const string DaysOff = "days off in every 7 days";
    public const string Breaks = "breaks inside their windows";
    public const string Activities = "activities inside shifts, outside breaks, one at a time";
    public const string OvertimeTerms = "overtime only with consent and within the weekly cap";

    // How agents on duty cover the requirement: each serves one skill they have (no cost of its own).
    public const string Skills = "agents serve only skills they have";

    // Soft rules: each unit of breach costs the rule's weight.
    public const string UnderCoverage = "under-coverage (agents short)";
    public const string OverCoverage = "over-coverage (agents beyond the total requirement)";
    public const string IdleStaffing = "staffing where nothing is required";
    public const string Preferences = "preferences not met";
    public const string FairNights = "nights shared unevenly (max - min per agent)";
    public const string FairWeekends = "weekends shared unevenly (max - min per agent)";
    public const string FairLates = "late shifts shared unevenly (max - min per agent)";
    public const string FairHolidays = "public-holiday shifts shared unevenly (max - min per agent)";
    public const string StartConsistency = "different start times in the week";
    public const string RestAfterNights = "working within two days after three or more nights";
    public const string ShiftChanges = "shifts changed from the base roster";
}

/// <summary>A hard rule broken: which rule, who, when, and a sentence a supervisor can act on.</summary>
public sealed record Violation(string Rule, string? AgentId, NodaTime.LocalDate? Date, string Description);

/// <summary>One cost of a roster: which rule, where (agent, day, interval, skill), how many units, what it costs.</summary>
public sealed record CostTerm(string Rule, string? AgentId, NodaTime.LocalDate? Date, int? Interval, string? Skill, long Units, long Cost, string Description);

/// <summary>Coverage of one interval: agents on duty, and per skill required against covered.</summary>
public sealed record IntervalCoverage(int Interval, NodaTime.Instant Start, int OnDuty, IReadOnlyDictionary<string, int> Required, IReadOnlyDictionary<string, int> Covered)
{
    public int Short => Required.Sum(kv => Math.Max(0, kv.Value - Covered.GetValueOrDefault(kv.Key)));
}

/// <summary>What the validator found: hard violations, every cost term, and the coverage of each interval.</summary>
public sealed record ValidationReport(IReadOnlyList<Violation> Violations, IReadOnlyList<CostTerm> Costs, IReadOnlyList<IntervalCoverage> Coverage)
{
    public bool IsValid => Violations.Count == 0;

    public long TotalCost => Costs.Sum(c => c.Cost);

    /// <summary>Cost per rule, largest first: the explanation's headline.</summary>
    public IReadOnlyList<(string Rule, long Units, long Cost)> ByRule =>
        [.. Costs.GroupBy(c => c.Rule).Select(g => (g.Key, g.Sum(c => c.Units), g.Sum(c => c.Cost))).OrderByDescending(r => r.Item3)];
}
