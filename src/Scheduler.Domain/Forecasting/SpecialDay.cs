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
