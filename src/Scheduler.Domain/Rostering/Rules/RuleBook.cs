namespace Scheduler.Domain.Rostering.Rules;

/// <summary>
/// The table of contents of the roster rules, hard then soft, in the order the validator reports them. Each rule is
/// one class here, one class of the same name in the solver (Scheduler.Solver.Rules: the CP-SAT constraint and the
/// step of the column generation's labelling), and one test class of the same name.
/// </summary>
public static class RuleBook
{
    public static readonly Availability Availability = new();
    public static readonly Leave Leave = new();
    public static readonly NightConsent NightConsent = new();

    public static readonly FairNights FairNights = new();
    public static readonly FairWeekends FairWeekends = new();
    public static readonly FairHolidays FairHolidays = new();

    /// <summary>The fairness rules that carry a running balance across published horizons (decision 015).</summary>
    public static readonly IReadOnlyList<FairShare> Balanced = [FairNights, FairWeekends, FairHolidays];

    /// <summary>The rules that refuse single shifts: the solver offers only the shifts none of them refuses.</summary>
    public static readonly IReadOnlyList<IShiftRule> ShiftRules = [Leave, Availability, NightConsent];

    public static readonly IReadOnlyList<IHardRule> Hard =
    [
        Leave,
        Availability,
        NightConsent,
        new OneShiftPerDay(),
        new MinimumRest(),
        new WeeklyHours(),
        new DaysInARow(),
        new DaysOff(),
        new Breaks(),
        new ActivitiesInShifts(),
        new LockedShifts(),
        new OvertimeTerms(),
    ];

    public static readonly IReadOnlyList<ISoftRule> Soft =
    [
        new UnderCoverage(),
        new OverCoverage(),
        new IdleStaffing(),
        new Preferences(),
        new StartConsistency(),
        new RestAfterNights(),
        new ShiftChanges(),
        FairNights,
        FairWeekends,
        new FairLates(),
        FairHolidays,
    ];
}
