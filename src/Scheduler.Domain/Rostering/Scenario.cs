using NodaTime;

namespace Scheduler.Domain.Rostering;

/// <summary>Everything a roster is built from: where, when, what is needed, who can work, and the rules.</summary>
/// <remarks>
/// Requirements are agents needed on duty per skill for every interval of <see cref="Grid"/>, in grid order.
/// Skills here are the queues of the staffing step (channel + topic + language, e.g. "voice-bn"): an agent covers a
/// skill only if it is listed among the agent's skills.
/// </remarks>
public sealed record RosterScenario(
    DateTimeZone Zone,
    LocalDate FirstDate,
    int Days,
    Duration IntervalLength,
    IReadOnlyList<string> Skills,
    IReadOnlyDictionary<string, int[]> Requirements,
    IReadOnlyList<ShiftTemplate> Templates,
    IReadOnlyList<RosterAgent> Agents,
    RosterRules Rules)
{
    private Time.IntervalGrid? _grid;

    public Time.IntervalGrid Grid => _grid ??= new Time.IntervalGrid(Zone, FirstDate, Days, IntervalLength);

    public LocalDate LastDate => FirstDate.PlusDays(Days - 1);

    public IEnumerable<LocalDate> Dates => Enumerable.Range(0, Days).Select(FirstDate.PlusDays);

    public ShiftTemplate Template(string id) => Templates.First(t => t.Id == id);

    public RosterAgent Agent(string id) => Agents.First(a => a.Id == id);

    /// <summary>The total requirement over all skills in interval <paramref name="t"/>.</summary>
    public int TotalRequired(int t) => Skills.Sum(s => Requirements[s][t]);

    /// <summary>Day index of <paramref name="date"/> in the horizon (0 = <see cref="FirstDate"/>; outside: below 0 or from <see cref="Days"/>).</summary>
    public int DayIndex(LocalDate date) => Period.Between(FirstDate, date, PeriodUnits.Days).Days;
}

/// <summary>A kind of shift: when it may start, how long it may last, and the breaks it carries.</summary>
/// <remarks>A shift's end is its local start plus its length on the local clock, so a 22:00-06:00 night lasts 7 or 9
/// elapsed hours across a DST change; every count of hours uses the elapsed time.</remarks>
/// <param name="OnlyFor">Set on a one-off template: the part of a shift an agent worked before an absence began (see
/// <see cref="SickCalls"/>). It exists on that date only and no other agent may work it.</param>
public sealed record ShiftTemplate(string Id, IReadOnlyList<LocalTime> Starts, IReadOnlyList<Duration> Lengths, IReadOnlyList<BreakRule> Breaks, TemplateScope? OnlyFor = null);

/// <summary>The one agent and date a one-off template is for.</summary>
public sealed record TemplateScope(string AgentId, LocalDate Date);

/// <summary>
/// A break every shift of the template takes: <see cref="Length"/> long, starting no earlier than
/// <see cref="EarliestStart"/> and ending no later than <see cref="LatestEnd"/> after the shift starts.
/// </summary>
public sealed record BreakRule(string Name, Duration Length, bool Paid, Duration EarliestStart, Duration LatestEnd);

/// <summary>Limits of an agent's contract, per block of seven days from the horizon's first date.</summary>
public sealed record Contract(Duration MinPaidPerWeek, Duration MaxPaidPerWeek, int MaxConsecutiveDays, int MinDaysOffPerWeek);

/// <summary>A wish: a shift (template and/or start) wanted or not on a date or weekday, or a day off wanted.</summary>
/// <remarks>With neither template nor start, <see cref="Wanted"/> false means "I want this day off" and true means
/// "I want to work this day". Each unmet wish costs its <see cref="Weight"/> × the preference rule weight.</remarks>
public sealed record Preference(LocalDate? Date, IsoDayOfWeek? Weekday, string? TemplateId, LocalTime? Start, bool Wanted, int Weight)
{
    public bool AppliesTo(LocalDate date) => (Date is null || Date == date) && (Weekday is null || Weekday == date.DayOfWeek);

    public bool Matches(ShiftOption shift) =>
        (TemplateId is null || TemplateId == shift.TemplateId) && (Start is null || Start == shift.LocalStart);
}

/// <summary>A shift fixed in advance (already worked, agreed, or set by hand): the solver must keep it.</summary>
public sealed record LockedShift(LocalDate Date, string TemplateId, LocalTime Start, Duration Length);

/// <summary>An agent as the roster sees them.</summary>
/// <param name="NightConsent">Agreed to night work (22:00-06:00); without it no shift may touch those hours.</param>
/// <param name="Availability">Per weekday, the local window a shift must lie in; a weekday not listed is free.</param>
/// <param name="PreviousShiftEnd">End of the last shift before the horizon, for the rest rule across its first day.</param>
/// <param name="ConsecutiveDaysBefore">Days worked in a row up to the horizon's first date.</param>
/// <param name="KeptUntil">No shift starting before this instant may be added: the roster up to it is kept as it was
/// (a sick call's re-solve; the shifts kept are <see cref="Locked"/>).</param>
public sealed record RosterAgent(
    string Id,
    string Name,
    DateTimeZone HomeZone,
    IReadOnlySet<string> Skills,
    IReadOnlySet<string> Languages,
    Contract Contract,
    bool NightConsent,
    IReadOnlyDictionary<IsoDayOfWeek, AvailabilityWindow> Availability,
    IReadOnlySet<IsoDayOfWeek> FixedDaysOff,
    IReadOnlySet<LocalDate> TimeOff,
    IReadOnlyList<Preference> Preferences,
    IReadOnlyList<LockedShift> Locked,
    Instant? PreviousShiftEnd = null,
    int ConsecutiveDaysBefore = 0,
    Instant? KeptUntil = null)
{
    /// <summary>Agreed to be offered overtime; without it no shift of theirs may carry overtime hours.</summary>
    public bool OvertimeConsent { get; init; }

    /// <summary>The most overtime hours per 7-day block of the horizon (on top of the contract's maximum); zero: none.</summary>
    public Duration OvertimeCapPerWeek { get; init; }

    /// <summary>The agent's ordinary hourly wage (in the site's currency): an overtime hour costs it times
    /// <see cref="RosterRules.OvertimePremiumPercent"/>, and an hour of voluntary time off (unpaid) saves it.</summary>
    public decimal HourlyCost { get; init; }

    /// <summary>
    /// Nights, weekend shifts and public-holiday shifts worked in the published horizons before this one (the running
    /// balance, decision 015): the fairness rules share this horizon's shifts so the totals come out even.
    /// </summary>
    public FairnessCounts CountsBefore { get; init; } = FairnessCounts.Zero;
}

/// <summary>How many night, weekend and public-holiday shifts an agent worked (a shift may count in more than one).</summary>
public readonly record struct FairnessCounts(int Nights, int Weekends, int Holidays)
{
    public static readonly FairnessCounts Zero = new(0, 0, 0);

    public static FairnessCounts operator +(FairnessCounts a, FairnessCounts b) => new(a.Nights + b.Nights, a.Weekends + b.Weekends, a.Holidays + b.Holidays);

    public bool IsZero => this == Zero;
}

/// <summary>A local window (start no earlier than <see cref="From"/>, end no later than <see cref="To"/>; To may be past midnight as 24:00+).</summary>
public sealed record AvailabilityWindow(LocalTime From, Duration Span);

/// <summary>The rule settings: the hard minimum rest and the weight of every soft rule (cost per unit).</summary>
/// <remarks>Weights are whole numbers so the solver's objective and the validator's total agree exactly.</remarks>
public sealed record RosterRules
{
    public Duration MinRest { get; init; } = Duration.FromHours(11);

    /// <summary>Weekdays counted as weekend for fairness (Friday and Saturday in Bangladesh).</summary>
    public IReadOnlySet<IsoDayOfWeek> WeekendDays { get; init; } = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday };

    /// <summary>The site's public holidays (local dates): a shift that touches one is a holiday shift for fairness.</summary>
    public IReadOnlySet<LocalDate> Holidays { get; init; } = new HashSet<LocalDate>();

    public long UnderCoverage { get; init; } = 1000;

    public long OverCoverage { get; init; } = 20;

    public long IdleStaffing { get; init; } = 60;

    public long Preference { get; init; } = 30;

    public long FairNights { get; init; } = 40;

    public long FairWeekends { get; init; } = 40;

    public long FairLates { get; init; } = 10;

    /// <summary>Per holiday shift of range: more than a night or a weekend (40), as working Eid costs an agent more.</summary>
    public long FairHolidays { get; init; } = 60;

    public long StartConsistency { get; init; } = 8;

    public long RestAfterNights { get; init; } = 150;

    /// <summary>Cost of each shift that differs from the base roster when re-solving.</summary>
    public long ShiftChange { get; init; } = 200;

    /// <summary>What an overtime hour costs as a share of the agent's hourly wage: 200 because Bangladesh's Labour Act
    /// 2006 (section 108) pays overtime at twice the ordinary rate, our first users' law; 150 is time and a half.</summary>
    public int OvertimePremiumPercent { get; init; } = 200;
}
