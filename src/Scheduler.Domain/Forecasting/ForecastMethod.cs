using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>The forecast of one local day of one queue: contacts and average handle time per slot of day.</summary>
public sealed record DayForecast(LocalDate Date, double[] Contacts, double[] AhtSeconds)
{
    public double TotalContacts => Contacts.Sum();
}

/// <summary>A way to forecast days from history. Each method sees only the history it is given.</summary>
public interface IForecastMethod
{
    /// <summary>A short stable name used in reports and on the command line (e.g. "top-down").</summary>
    string Name { get; }

    /// <summary>Forecasts <paramref name="dates"/> from <paramref name="history"/>, which holds only days before them.</summary>
    IReadOnlyList<DayForecast> Forecast(QueueHistory history, IReadOnlyList<LocalDate> dates, SpecialDayCalendar specialDays);
}
