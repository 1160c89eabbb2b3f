using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>Where a holiday day's effect comes from.</summary>
public enum HolidayEffectSource
{
    /// <summary>Learned from the same holiday in the history.</summary>
    Learned,

    /// <summary>Entered by hand in the calendar, because the history does not have the holiday.</summary>
    Entered,

    /// <summary>Neither: the day is forecast as a normal day (and left out of what the models learn).</summary>
    None,
}

/// <summary>
/// A holiday day's effect on the forecast: a factor against the normal forecast for that day, and an intraday shape.
/// </summary>
/// <param name="Occurrences">The past days the factor rests on (0 unless learned).</param>
/// <param name="Spread">The smallest and largest factor of those days, so a supervisor sees how sure it is.</param>
public sealed record HolidayEffect(HolidayEffectKey Key, double Factor, IReadOnlyList<double>? Shape, int Occurrences, HolidayEffectSource Source, (double Min, double Max)? Spread = null);

/// <summary>One forecast date a holiday touches, with the effect used for it.</summary>
public sealed record HolidayForecastDay(HolidayDay Day, HolidayEffect Effect);

/// <summary>
/// The effects of a site's holidays on one queue's forecast, learned from the queue's history: each past holiday day is
/// compared with what the method would have forecast for it as a normal day (from the history before it, holidays left
/// out), and the ratios of the same holiday, part and day are averaged.
/// </summary>
/// <remarks>
/// <para>The factor is the mean ratio actual / normal over the occurrences; the shape is the mean of their own shapes
/// (shares per slot), mixed with the normal shape as one more day when forecasting (<see cref="SpecialDay.ShapeFrom"/>).</para>
/// <para>A day of a holiday that history does not have uses the calendar's hand-entered factor, or else the nearest
/// day of the same part that was learned (a fourth day of Eid when past Eids had three), or else none.</para>
/// <para>Every holiday day of the history is left out of what the models learn, learned or not: last year's Eid must
/// not drag down next month's Tuesdays.</para>
/// </remarks>
public sealed class HolidayEffects
{
    /// <summary>Days of history needed before a past holiday for its normal forecast to mean anything.</summary>
    public const int MinimumHistoryDays = 14;

    public static readonly HolidayEffects None = new(new Dictionary<HolidayEffectKey, HolidayEffect>(), [], SpecialDayCalendar.Empty);

    private HolidayEffects(IReadOnlyDictionary<HolidayEffectKey, HolidayEffect> learned, IReadOnlyList<HolidayForecastDay> days, SpecialDayCalendar specialDays)
    {
        Learned = learned;
        Days = days;
        SpecialDays = specialDays;
    }

    /// <summary>Every effect the history had, by key.</summary>
    public IReadOnlyDictionary<HolidayEffectKey, HolidayEffect> Learned { get; }

    /// <summary>The forecast dates a holiday touches, with the effect used.</summary>
    public IReadOnlyList<HolidayForecastDay> Days { get; }

    /// <summary>What a forecast method takes: every holiday day of history (left out of learning) and the forecast days' effects.</summary>
    public SpecialDayCalendar SpecialDays { get; }

    /// <summary>Learns from <paramref name="history"/> before the first of <paramref name="dates"/> and sets the effect of each date.</summary>
    public static HolidayEffects Learn(QueueHistory history, HolidayCalendar calendar, IReadOnlyList<LocalDate> dates, IForecastMethod method)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentOutOfRangeException.ThrowIfZero(dates.Count);
        if (calendar.IsEmpty)
        {
            return None;
        }

        var origin = dates.Min();
        var past = history.Before(origin);
        var from = past.DayCount > 0 ? past.FirstDate : origin;
        var all = calendar.Days(from, dates.Max());
        var leaveOut = new SpecialDayCalendar(all.Select(d => new SpecialDay(d.Date, d.Label, 1.0)));
        var learned = LearnFrom(past, all.Where(d => d.Date < origin).ToList(), leaveOut, method);

        var targets = dates.ToHashSet();
        var days = new List<HolidayForecastDay>();
        var special = new List<SpecialDay>();
        foreach (var day in all)
        {
            if (!targets.Contains(day.Date))
            {
                special.Add(new SpecialDay(day.Date, day.Label, 1.0));
                continue;
            }

            var effect = EffectFor(day, learned);
            days.Add(new HolidayForecastDay(day, effect));
            special.Add(new SpecialDay(day.Date, day.Label, effect.Factor) { Shape = effect.Shape, ShapeDays = effect.Shape is null ? 0 : effect.Occurrences });
        }

        return new HolidayEffects(learned, days, new SpecialDayCalendar(special));
    }

    /// <summary>
    /// Every effect <paramref name="history"/> holds (all of it, up to its last day): what the calendar page shows
    /// beside each holiday, with <see cref="EffectFor"/>.
    /// </summary>
    public static IReadOnlyDictionary<HolidayEffectKey, HolidayEffect> LearnedFrom(QueueHistory history, HolidayCalendar calendar, IForecastMethod method)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(calendar);
        if (calendar.IsEmpty || history.DayCount == 0)
        {
            return new Dictionary<HolidayEffectKey, HolidayEffect>();
        }

        var all = calendar.Days(history.FirstDate, history.LastDate);
        var leaveOut = new SpecialDayCalendar(all.Select(d => new SpecialDay(d.Date, d.Label, 1.0)));
        return LearnFrom(history, [.. all], leaveOut, method);
    }

    /// <summary>The effect a forecast uses for <paramref name="day"/>: learned, else entered, else the nearest learned day of the same part, else none.</summary>
    public static HolidayEffect EffectFor(HolidayDay day, IReadOnlyDictionary<HolidayEffectKey, HolidayEffect> learned)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(learned);
        if (learned.TryGetValue(day.Key, out var exact))
        {
            return exact;
        }

        if (day.Holiday.FactorFor(day.Part) is { } entered)
        {
            return new HolidayEffect(day.Key, entered, null, 0, HolidayEffectSource.Entered);
        }

        var nearest = learned.Values
            .Where(e => e.Key.Effect == day.Key.Effect && e.Key.Part == day.Key.Part)
            .OrderBy(e => Math.Abs(e.Key.Index - day.Key.Index))
            .FirstOrDefault();
        return nearest is not null ? nearest with { Key = day.Key } : new HolidayEffect(day.Key, 1.0, null, 0, HolidayEffectSource.None);
    }

    private static Dictionary<HolidayEffectKey, HolidayEffect> LearnFrom(QueueHistory past, List<HolidayDay> days, SpecialDayCalendar leaveOut, IForecastMethod method)
    {
        var ratios = new Dictionary<HolidayEffectKey, List<(double Ratio, double[] Shape)>>();
        foreach (var run in Runs(days))
        {
            // A day the centre was closed has no history (a gap, not a zero): nothing to learn from it.
            var observed = run.Where(d => past[d.Date] is { TotalOffered: > 0 }).ToList();
            var before = past.Before(run[0].Date);
            if (observed.Count == 0 || before.DayCount < MinimumHistoryDays)
            {
                continue;
            }

            var normal = method.Forecast(before, [.. observed.Select(d => d.Date)], leaveOut);
            for (var i = 0; i < observed.Count; i++)
            {
                var expected = normal[i].TotalContacts;
                if (expected <= 0)
                {
                    continue;
                }

                var actual = past[observed[i].Date]!;
                var total = actual.TotalOffered;
                if (!ratios.TryGetValue(observed[i].Key, out var list))
                {
                    list = [];
                    ratios.Add(observed[i].Key, list);
                }

                list.Add((total / expected, actual.Offered.Select(o => o / total).ToArray()));
            }
        }

        return ratios.ToDictionary(
            kv => kv.Key,
            kv =>
            {
                var slots = kv.Value[0].Shape.Length;
                var shape = new double[slots];
                foreach (var (_, s) in kv.Value)
                {
                    for (var k = 0; k < slots; k++)
                    {
                        shape[k] += s[k] / kv.Value.Count;
                    }
                }

                var factors = kv.Value.Select(v => v.Ratio).ToList();
                return new HolidayEffect(kv.Key, factors.Average(), shape, factors.Count, HolidayEffectSource.Learned, (factors.Min(), factors.Max()));
            });
    }

    /// <summary>Holiday days in runs of consecutive dates: a run is forecast at once, from the history before it.</summary>
    private static IEnumerable<List<HolidayDay>> Runs(List<HolidayDay> days)
    {
        var run = new List<HolidayDay>();
        foreach (var day in days.OrderBy(d => d.Date))
        {
            if (run.Count > 0 && run[^1].Date.PlusDays(1) != day.Date)
            {
                yield return run;
                run = [];
            }

            run.Add(day);
        }

        if (run.Count > 0)
        {
            yield return run;
        }
    }
}
