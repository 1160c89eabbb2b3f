using NodaTime;

namespace Scheduler.Domain.Rostering;

/// <summary>
/// One concrete shift an agent could work: a template, a date, a local start and a length, placed on the instants
/// of the site's zone. The time arithmetic of every rule lives here, so the solver and the validator share it.
/// </summary>
public sealed record ShiftOption
{
    public static readonly LocalTime NightStart = new(22, 0);
    public static readonly LocalTime NightEnd = new(6, 0);

    /// <summary>Hours inside 22:00-06:00 that make a shift a night shift (for fairness and night runs).</summary>
    public static readonly Duration NightShiftThreshold = Duration.FromHours(3);

    /// <summary>Shifts starting at or after this local time (and not night shifts) are late shifts.</summary>
    public static readonly LocalTime LateStart = new(14, 0);

    public ShiftOption(RosterScenario scenario, ShiftTemplate template, LocalDate date, LocalTime start, Duration length)
    {
        TemplateId = template.Id;
        Date = date;
        LocalStart = start;
        Length = length;
        var localStart = date.At(start);
        // Lenient: a start in the spring-forward gap moves forward by the gap; an ambiguous one takes the earlier offset.
        StartInstant = localStart.InZoneLeniently(scenario.Zone).ToInstant();
        EndInstant = localStart.PlusMinutes((long)length.TotalMinutes).InZoneLeniently(scenario.Zone).ToInstant();
        Breaks = template.Breaks;
        OnlyFor = template.OnlyFor;
        var unpaid = template.Breaks.Where(b => !b.Paid).Aggregate(Duration.Zero, (sum, b) => sum + b.Length);
        Paid = Elapsed - unpaid;

        var grid = scenario.Grid;
        var first = grid.IndexOf(StartInstant);
        if (first >= 0 && grid.Intervals[first].Start < StartInstant)
        {
            first++; // a start inside an interval (a zone whose offset moves by less than the grid) covers from the next.
        }

        var count = 0;
        while (first >= 0 && first + count < grid.Count && grid.Intervals[first + count].Start < EndInstant)
        {
            count++;
        }

        var nightIntervals = 0;
        FirstInterval = first;
        IntervalCount = count;
        for (var at = StartInstant; at < EndInstant; at += scenario.IntervalLength)
        {
            if (IsNightTime(at.InZone(scenario.Zone).TimeOfDay))
            {
                nightIntervals++;
            }
        }

        NightTime = scenario.IntervalLength * nightIntervals;
        LastDate = localStart.PlusMinutes((long)length.TotalMinutes).PlusTicks(-1).Date;
        Id = $"{TemplateId}@{Date:yyyy-MM-dd}T{LocalStart:HH:mm}+{Length.TotalMinutes:0}m";
    }

    /// <summary>A stable readable id, e.g. <c>day8@2026-11-30T09:00+480m</c>.</summary>
    public string Id { get; }

    public string TemplateId { get; }

    public LocalDate Date { get; }

    public LocalTime LocalStart { get; }

    /// <summary>Nominal length on the local clock (as the template says).</summary>
    public Duration Length { get; }

    public Instant StartInstant { get; }

    public Instant EndInstant { get; }

    /// <summary>Elapsed time from start to end: 7 or 9 hours for an 8-hour night across a DST change.</summary>
    public Duration Elapsed => EndInstant - StartInstant;

    /// <summary>Elapsed time less unpaid breaks: what counts toward contract hours.</summary>
    public Duration Paid { get; }

    public IReadOnlyList<BreakRule> Breaks { get; }

    /// <summary>Set when the template is one agent's partly worked shift (<see cref="ShiftTemplate.OnlyFor"/>).</summary>
    public TemplateScope? OnlyFor { get; }

    /// <summary>Index of the first grid interval the shift covers, or -1 when it starts after the horizon.</summary>
    public int FirstInterval { get; }

    /// <summary>Grid intervals covered (those past the horizon's end are not counted).</summary>
    public int IntervalCount { get; }

    /// <summary>Time inside 22:00-06:00 local.</summary>
    public Duration NightTime { get; }

    public bool TouchesNight => NightTime > Duration.Zero;

    public bool IsNight => NightTime >= NightShiftThreshold;

    public bool IsLate => !IsNight && LocalStart >= LateStart;

    /// <summary>The local date of the shift's last moment: <see cref="Date"/>, or the next day for a shift past midnight.</summary>
    public LocalDate LastDate { get; }

    /// <summary>Whether the shift touches one of <paramref name="dates"/> (a night from the eve into a holiday does).</summary>
    public bool Touches(IReadOnlySet<LocalDate> dates) => dates.Contains(Date) || dates.Contains(LastDate);

    public bool Covers(int interval) => interval >= FirstInterval && interval < FirstInterval + IntervalCount && FirstInterval >= 0;

    /// <summary>The break start offsets (from the shift start, on the interval grid) allowed for a break rule.</summary>
    public IReadOnlyList<Duration> BreakOffsets(BreakRule rule, Duration intervalLength)
    {
        var offsets = new List<Duration>();
        for (var offset = rule.EarliestStart; offset + rule.Length <= rule.LatestEnd && offset + rule.Length <= Elapsed; offset += intervalLength)
        {
            offsets.Add(offset);
        }

        return offsets;
    }

    /// <summary>
    /// This shift for an agent, each break in the middle of its window (on the interval grid): how a shift added or
    /// moved by hand gets its breaks, which the supervisor can then see and the validator can check.
    /// </summary>
    public ShiftAssignment Assign(string agentId, Duration intervalLength)
    {
        var breaks = new List<BreakAssignment>();
        foreach (var rule in Breaks)
        {
            var offsets = BreakOffsets(rule, intervalLength);
            if (offsets.Count == 0)
            {
                continue; // no room: the validator will say the break is missing
            }

            var start = StartInstant + offsets[offsets.Count / 2];
            breaks.Add(new BreakAssignment(rule.Name, start, start + rule.Length, rule.Paid));
        }

        return new ShiftAssignment(agentId, Date, TemplateId, LocalStart, Length, breaks);
    }

    public static bool IsNightTime(LocalTime time) => time >= NightStart || time < NightEnd;
}
