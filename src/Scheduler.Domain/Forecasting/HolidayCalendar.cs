using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>How a holiday's date is given.</summary>
public enum HolidayKind
{
    /// <summary>The same day every year (Victory Day, 16 December).</summary>
    Fixed,

    /// <summary>Dates entered per year, because they follow a lunar calendar (Eid al-Fitr, Durga Puja).</summary>
    Moving,
}

/// <summary>Where a day sits in a holiday's window.</summary>
public enum HolidayPart
{
    /// <summary>A day before the holiday (the rush before Eid).</summary>
    Before,

    /// <summary>A day of the holiday itself.</summary>
    On,

    /// <summary>A day after the holiday (the surge after Eid).</summary>
    After,
}

/// <summary>
/// One row of a site's holiday calendar: a fixed-date holiday (every year) or one year's dates of a moving one, the
/// days around it whose volume it changes, and the factors a supervisor enters where history does not have it.
/// </summary>
/// <remarks>
/// <para><see cref="Start"/> and <see cref="End"/> are inclusive: Eid al-Fitr from 20 to 22 March is three days.
/// For a fixed holiday only the month and day of <see cref="Start"/> count (<see cref="AnnualDate"/>).</para>
/// <para><see cref="LearnAs"/> names the effect the history is searched for: by default the holiday's own key, so
/// Eid al-Fitr 2027 learns from Eid al-Fitr 2026. Holidays that behave alike may share one (a US bank closed on
/// Memorial Day and on Labor Day sees the same surge the day after).</para>
/// </remarks>
public sealed record Holiday(
    string Key,
    string Name,
    HolidayKind Kind,
    AnnualDate FixedDate,
    LocalDate? Start,
    LocalDate? End,
    int DaysBefore = 0,
    int DaysAfter = 0,
    bool Expected = false,
    double? Factor = null,
    double? BeforeFactor = null,
    double? AfterFactor = null,
    string? LearnAs = null)
{
    /// <summary>The largest volume factor accepted: ten times a normal day.</summary>
    public const double MaxFactor = 10;

    /// <summary>The longest window before or after a holiday, in days.</summary>
    public const int MaxWindowDays = 7;

    /// <summary>The effect key the history is searched for.</summary>
    public string Effect => LearnAs ?? Key;

    /// <summary>A fixed-date holiday, every year.</summary>
    public static Holiday FixedOn(string key, string name, AnnualDate date, int before = 0, int after = 0, double? factor = null) =>
        new(key, name, HolidayKind.Fixed, date, null, null, before, after, Factor: factor);

    /// <summary>One year's dates of a moving holiday.</summary>
    public static Holiday MovingOn(string key, string name, LocalDate start, LocalDate end, int before = 0, int after = 0, bool expected = false, double? factor = null) =>
        new(key, name, HolidayKind.Moving, new AnnualDate(start.Month, start.Day), start, end, before, after, expected, factor);

    /// <summary>The hand-entered factor for a part of the window, if any.</summary>
    public double? FactorFor(HolidayPart part) => part switch
    {
        HolidayPart.Before => BeforeFactor,
        HolidayPart.After => AfterFactor,
        _ => Factor,
    };

    /// <summary>The holiday's own days (not the window) that fall in <paramref name="year"/>.</summary>
    public IEnumerable<(LocalDate Start, LocalDate End)> SpansIn(int year)
    {
        if (Kind == HolidayKind.Fixed)
        {
            // 29 February falls back to 28 February in common years (NodaTime's AnnualDate.InYear).
            var date = FixedDate.InYear(year);
            yield return (date, date);
        }
        else if (Start is { } s && End is { } e && s.Year == year)
        {
            yield return (s, e);
        }
    }
}

/// <summary>One date touched by a holiday: the holiday itself or a day of its window.</summary>
/// <param name="Index">1 for the first day of the holiday, or the first day before/after it; 2 for the next, ...</param>
/// <param name="AlsoNames">Other holidays on the same date (May Day and Buddha Purnima on 1 May 2026).</param>
public sealed record HolidayDay(LocalDate Date, Holiday Holiday, HolidayPart Part, int Index, IReadOnlyList<string> AlsoNames)
{
    /// <summary>The key of the effect this day learns and uses: the holiday's effect, the part and the index.</summary>
    public HolidayEffectKey Key => new(Holiday.Effect, Part, Index);

    /// <summary>How a supervisor reads the day: "Eid al-Fitr (day 2)", "Eid al-Fitr (1 day after)".</summary>
    public string Label
    {
        get
        {
            var name = AlsoNames.Count == 0 ? Holiday.Name : $"{Holiday.Name} / {string.Join(" / ", AlsoNames)}";
            return Part switch
            {
                HolidayPart.Before => $"{name} ({Index} day{(Index == 1 ? string.Empty : "s")} before)",
                HolidayPart.After => $"{name} ({Index} day{(Index == 1 ? string.Empty : "s")} after)",
                _ when Holiday.Start is { } s && Holiday.End is { } e && e > s => $"{name} (day {Index})",
                _ => name,
            };
        }
    }
}

/// <summary>What a holiday day's effect is learned under: Eid al-Fitr's second day, the first day after it.</summary>
public readonly record struct HolidayEffectKey(string Effect, HolidayPart Part, int Index)
{
    public override string ToString() => Part switch
    {
        HolidayPart.Before => $"{Effect} -{Index}",
        HolidayPart.After => $"{Effect} +{Index}",
        _ => $"{Effect} day {Index}",
    };
}

/// <summary>A site's holidays: fixed dates every year, moving dates per year, each with its window of days around it.</summary>
/// <remarks>
/// Where windows meet, a holiday's own day wins over another's window day (Independence Day inside the week after
/// Eid is Independence Day), and otherwise the row listed first wins; two holidays on one date are one day with
/// both names, its effect learned under the first.
/// </remarks>
public sealed class HolidayCalendar
{
    public static readonly HolidayCalendar Empty = new([]);

    public HolidayCalendar(IReadOnlyList<Holiday> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        Holidays = holidays;
    }

    public IReadOnlyList<Holiday> Holidays { get; }

    public bool IsEmpty => Holidays.Count == 0;

    /// <summary>The years some moving holiday has dates for (an empty set when the calendar has only fixed dates).</summary>
    public IReadOnlySet<int> MovingYears => Holidays.Where(h => h.Kind == HolidayKind.Moving && h.Start is not null).Select(h => h.Start!.Value.Year).ToHashSet();

    /// <summary>
    /// The years of <paramref name="first"/>..<paramref name="last"/> for which no moving holiday has a date, when the
    /// calendar has moving holidays at all: a forecast of those dates would miss Eid without saying so.
    /// </summary>
    public IReadOnlyList<int> YearsWithoutMovingDates(LocalDate first, LocalDate last)
    {
        var years = MovingYears;
        if (years.Count == 0)
        {
            return [];
        }

        return Enumerable.Range(first.Year, last.Year - first.Year + 1).Where(y => !years.Contains(y)).ToList();
    }

    /// <summary>Every date from <paramref name="first"/> to <paramref name="last"/> (inclusive) a holiday touches.</summary>
    public IReadOnlyList<HolidayDay> Days(LocalDate first, LocalDate last)
    {
        var byDate = new Dictionary<LocalDate, HolidayDay>();
        var also = new Dictionary<LocalDate, List<string>>();
        // Own days first, so a window never hides a holiday.
        foreach (var part in new[] { HolidayPart.On, HolidayPart.Before, HolidayPart.After })
        {
            foreach (var holiday in Holidays)
            {
                for (var year = first.Year - 1; year <= last.Year + 1; year++)
                {
                    foreach (var (start, end) in holiday.SpansIn(year))
                    {
                        foreach (var (date, index) in Window(start, end, holiday, part))
                        {
                            if (date < first || date > last)
                            {
                                continue;
                            }

                            if (!byDate.TryAdd(date, new HolidayDay(date, holiday, part, index, [])) && part == HolidayPart.On && byDate[date].Holiday.Name != holiday.Name)
                            {
                                if (!also.TryGetValue(date, out var names))
                                {
                                    names = [];
                                    also.Add(date, names);
                                }

                                names.Add(holiday.Name);
                            }
                        }
                    }
                }
            }
        }

        return byDate.Values.Select(d => also.TryGetValue(d.Date, out var names) ? d with { AlsoNames = names } : d).OrderBy(d => d.Date).ToList();
    }

    /// <summary>The dates of the holidays themselves (not their windows) in the range, with their names: the public holidays.</summary>
    public IReadOnlyDictionary<LocalDate, string> PublicHolidays(LocalDate first, LocalDate last) =>
        Days(first, last).Where(d => d.Part == HolidayPart.On).ToDictionary(d => d.Date, d => d.AlsoNames.Count == 0 ? d.Holiday.Name : $"{d.Holiday.Name} / {string.Join(" / ", d.AlsoNames)}");

    private static IEnumerable<(LocalDate Date, int Index)> Window(LocalDate start, LocalDate end, Holiday holiday, HolidayPart part)
    {
        switch (part)
        {
            case HolidayPart.On:
                var index = 1;
                for (var d = start; d <= end; d = d.PlusDays(1))
                {
                    yield return (d, index++);
                }

                break;
            case HolidayPart.Before:
                for (var k = 1; k <= holiday.DaysBefore; k++)
                {
                    yield return (start.PlusDays(-k), k);
                }

                break;
            default:
                for (var k = 1; k <= holiday.DaysAfter; k++)
                {
                    yield return (end.PlusDays(k), k);
                }

                break;
        }
    }
}
