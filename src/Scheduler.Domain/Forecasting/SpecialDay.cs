using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>
/// A day a supervisor marks as unlike its weekday: a holiday, Eid, the day after Eid, a campaign launch.
/// </summary>
/// <remarks>
/// <see cref="VolumeFactor"/> scales the forecast daily total (0.4 = 40 % of a normal day; 1.3 = the surge the day
/// after). <see cref="ShapeLike"/> borrows the intraday shape of another weekday (a holiday Monday often looks like
/// a Friday). The same dates are left out when the models learn from history, so last year's Eid does not drag
/// down next month's Tuesdays.
/// </remarks>
public sealed record SpecialDay(LocalDate Date, string Name, double VolumeFactor, IsoDayOfWeek? ShapeLike = null)
{
    /// <summary>
    /// The day's own intraday shape (shares per slot of day, summing to 1) learned from past occurrences of the same
    /// holiday, or null to use the weekday's (or <see cref="ShapeLike"/>'s).
    /// </summary>
    public IReadOnlyList<double>? Shape { get; init; }

    /// <summary>How many past days <see cref="Shape"/> rests on; the normal shape is mixed in as one more day.</summary>
    public int ShapeDays { get; init; }

    /// <summary>
    /// The shape to forecast this day with: <see cref="Shape"/> mixed with <paramref name="normal"/> as one pseudo-day
    /// (one past Eid is noisy; two or three settle), or <paramref name="normal"/> when nothing was learned.
    /// </summary>
    public double[] ShapeFrom(double[] normal)
    {
        ArgumentNullException.ThrowIfNull(normal);
        if (Shape is not { } own || own.Count != normal.Length || ShapeDays <= 0)
        {
            return normal;
        }

        var mixed = new double[normal.Length];
        for (var s = 0; s < mixed.Length; s++)
        {
            mixed[s] = ((ShapeDays * own[s]) + normal[s]) / (ShapeDays + 1);
        }

        return mixed;
    }

    public SpecialDay Validate()
    {
        if (double.IsNaN(VolumeFactor) || VolumeFactor < 0 || VolumeFactor > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(VolumeFactor), VolumeFactor, $"Volume factor for {Date} ({Name}) must be between 0 and 10.");
        }

        return this;
    }
}

/// <summary>The calendar of special days a forecast honours.</summary>
public sealed class SpecialDayCalendar
{
    public static readonly SpecialDayCalendar Empty = new([]);

    private readonly Dictionary<LocalDate, SpecialDay> _days;

    public SpecialDayCalendar(IEnumerable<SpecialDay> days)
    {
        _days = [];
        foreach (var day in days)
        {
            if (!_days.TryAdd(day.Date, day.Validate()))
            {
                throw new ArgumentException($"Special day {day.Date} is listed twice.", nameof(days));
            }
        }
    }

    public IReadOnlySet<LocalDate> Dates => _days.Keys.ToHashSet();

    public SpecialDay? For(LocalDate date) => _days.GetValueOrDefault(date);
}
