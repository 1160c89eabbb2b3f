using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>Seasonal naive: each interval repeats the same interval of the latest same weekday before the origin.</summary>
/// <remarks>With a one-week horizon this is "same interval last week"; with longer horizons it repeats the last
/// week the forecaster could see.</remarks>
public sealed class SeasonalNaiveMethod : IForecastMethod
{
    public string Name => "seasonal-naive";

    public IReadOnlyList<DayForecast> Forecast(QueueHistory history, IReadOnlyList<LocalDate> dates, SpecialDayCalendar specialDays) =>
        new SameWeekdayMeanMethod(1).ForecastAs(history, dates, specialDays);
}

/// <summary>The mean of the last N same weekdays, interval by interval: the baseline most planners use by hand.</summary>
public sealed class SameWeekdayMeanMethod : IForecastMethod
{
    public SameWeekdayMeanMethod(int weeks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        Weeks = weeks;
    }

    public int Weeks { get; }

    public string Name => $"mean-last-{Weeks}-same-weekdays";

    public IReadOnlyList<DayForecast> Forecast(QueueHistory history, IReadOnlyList<LocalDate> dates, SpecialDayCalendar specialDays) =>
        ForecastAs(history, dates, specialDays);

    internal IReadOnlyList<DayForecast> ForecastAs(QueueHistory history, IReadOnlyList<LocalDate> dates, SpecialDayCalendar specialDays)
    {
        ArgumentNullException.ThrowIfNull(history);
        var origin = dates.Min();
        var fallbackAht = AhtEstimator.OverallAht(history, origin);
        var result = new List<DayForecast>(dates.Count);
        foreach (var date in dates)
        {
            var contacts = new double[history.SlotsPerDay];
            var handle = new double[history.SlotsPerDay];
            var answered = new double[history.SlotsPerDay];
            var used = 0;
            foreach (var day in history.SameWeekdays(date.DayOfWeek, origin, specialDays.Dates).Take(Weeks))
            {
                for (var s = 0; s < contacts.Length; s++)
                {
                    contacts[s] += day.Offered[s];
                    handle[s] += day.HandleSeconds[s];
                    answered[s] += day.Answered[s];
                }

                used++;
            }

            var aht = new double[contacts.Length];
            for (var s = 0; s < contacts.Length; s++)
            {
                contacts[s] = used == 0 ? 0 : contacts[s] / used;
                aht[s] = answered[s] > 0 ? handle[s] / answered[s] : fallbackAht;
            }

            var special = specialDays.For(date);
            if (special is not null)
            {
                var total = contacts.Sum();
                var shape = special.ShapeFrom(total > 0 ? contacts.Select(c => c / total).ToArray() : contacts);
                for (var s = 0; s < contacts.Length; s++)
                {
                    contacts[s] = total * special.VolumeFactor * shape[s];
                }
            }

            result.Add(new DayForecast(date, contacts, aht));
        }

        return result;
    }
}
