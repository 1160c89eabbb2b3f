using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>Settings of the top-down model; the defaults are the ones the reference backtests chose.</summary>
public sealed record TopDownOptions
{
    /// <summary>Weeks of history the intraday shape is learned from.</summary>
    public int ShapeWeeks { get; init; } = 12;

    /// <summary>
    /// Half-width, in slots, of the triangular kernel that smooths the shape; null chooses it from the history by
    /// forecasting the last <see cref="SmoothingFolds"/> weeks before the origin with each candidate.
    /// </summary>
    public int? ShapeHalfWindow { get; init; }

    /// <summary>Weeks held out inside the training data to choose the smoothing.</summary>
    public int SmoothingFolds { get; init; } = 2;

    /// <summary>Pseudo-days of the pooled shape (all weekdays with a similar shape) mixed into each weekday's own.</summary>
    public double PooledShapeWeight { get; init; } = 4;

    /// <summary>Minimum correlation for another weekday's shape to join the pool.</summary>
    public double SimilarShapeCorrelation { get; init; } = 0.85;

    /// <summary>Days (of any weekday) that set the level of the daily totals.</summary>
    public int LevelDays { get; init; } = 28;

    /// <summary>Weeks of history the weekday indices are learned from.</summary>
    public int IndexWeeks { get; init; } = 12;

    /// <summary>Pseudo-observations that shrink the day-of-month index toward 1; 0 switches it off.</summary>
    public double MonthDayPrior { get; init; } = 3;

    /// <summary>Days of history needed before a day-of-month effect is learned (about three months).</summary>
    public int MonthDayMinimumDays { get; init; } = 60;
}

/// <summary>
/// The usual workforce-management forecast: a daily total per date times a smoothed intraday shape per weekday.
/// </summary>
/// <remarks>
/// Interval counts in a contact centre are close to Poisson, so copying last week's intervals copies last week's
/// noise. Splitting the forecast into a daily total (estimated from whole days, where noise is small relative to
/// volume) and a shape (estimated from many days pooled, smoothed across neighbouring slots) averages the noise away.
/// Weekdays whose shapes correlate strongly (Sunday to Thursday in Israel, Monday to Friday in a US bank) share
/// their shape data; a weekday with its own pattern (a Friday that closes at 14:00) keeps its own.
/// </remarks>
public sealed class TopDownMethod(TopDownOptions options) : IForecastMethod
{
    public TopDownMethod()
        : this(new TopDownOptions())
    {
    }

    public TopDownOptions Options { get; } = options;

    public string Name => "top-down";

    public IReadOnlyList<DayForecast> Forecast(QueueHistory history, IReadOnlyList<LocalDate> dates, SpecialDayCalendar specialDays)
    {
        ArgumentNullException.ThrowIfNull(history);
        var origin = dates.Min();
        var exclude = specialDays.Dates;
        var halfWindow = Options.ShapeHalfWindow ?? ChooseHalfWindow(history, origin, exclude);
        var shapes = ShapeModel.Fit(history, origin, exclude, Options, halfWindow);
        var totals = DailyTotalModel.Fit(history, origin, exclude, Options);
        var result = new List<DayForecast>(dates.Count);
        var ahtProfiles = new Dictionary<IsoDayOfWeek, double[]>();
        foreach (var date in dates)
        {
            var special = specialDays.For(date);
            var total = totals.Total(date) * (special?.VolumeFactor ?? 1.0);
            var normalShape = shapes[special?.ShapeLike ?? date.DayOfWeek];
            var shape = special?.ShapeFrom(normalShape) ?? normalShape;
            var contacts = new double[shape.Length];
            for (var s = 0; s < shape.Length; s++)
            {
                contacts[s] = total * shape[s];
            }

            var ahtWeekday = special?.ShapeLike ?? date.DayOfWeek;
            if (!ahtProfiles.TryGetValue(ahtWeekday, out var aht))
            {
                aht = AhtEstimator.Profile(history, ahtWeekday, origin, Options.ShapeWeeks, exclude);
                ahtProfiles.Add(ahtWeekday, aht);
            }

            result.Add(new DayForecast(date, contacts, aht));
        }

        return result;
    }

    /// <summary>The smoothing candidates tried when <see cref="TopDownOptions.ShapeHalfWindow"/> is null.</summary>
    public static IReadOnlyList<int> HalfWindowCandidates { get; } = [0, 1, 2, 3];

    /// <summary>
    /// Picks the shape smoothing that would have forecast the last weeks before the origin best (lowest summed
    /// absolute interval error, with those weeks' own daily totals so only the shape is judged). Busy queues with
    /// sharp peaks choose little smoothing; quiet, noisy queues choose more.
    /// </summary>
    private int ChooseHalfWindow(QueueHistory history, LocalDate origin, IReadOnlySet<LocalDate> exclude)
    {
        var errors = new double[HalfWindowCandidates.Count];
        var folds = 0;
        for (var fold = 1; fold <= Options.SmoothingFolds; fold++)
        {
            var foldOrigin = origin.PlusWeeks(-fold);
            var days = Enumerable.Range(0, 7).Select(d => history[foldOrigin.PlusDays(d)])
                .Where(d => d is not null && !exclude.Contains(d.Date)).Select(d => d!).ToList();
            if (days.Count == 0 || history.Days.Count(d => d.Date < foldOrigin) < 14)
            {
                continue;
            }

            folds++;
            for (var c = 0; c < HalfWindowCandidates.Count; c++)
            {
                var shapes = ShapeModel.Fit(history, foldOrigin, exclude, Options, HalfWindowCandidates[c]);
                foreach (var day in days)
                {
                    var shape = shapes[day.Date.DayOfWeek];
                    var total = day.TotalOffered;
                    for (var s = 0; s < shape.Length; s++)
                    {
                        errors[c] += Math.Abs((total * shape[s]) - day.Offered[s]);
                    }
                }
            }
        }

        return folds == 0 ? 1 : HalfWindowCandidates[Array.IndexOf(errors, errors.Min())];
    }
}
