using NodaTime;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Planning;

/// <summary>One forecast interval of one queue: contacts expected and their average handle time.</summary>
public sealed record ForecastInterval(string QueueId, Instant Start, Duration Length, double Contacts, double AhtSeconds);

/// <summary>A site's forecast with the holiday effects each queue's forecast used.</summary>
public sealed record SiteForecast(IReadOnlyList<ForecastInterval> Intervals, IReadOnlyDictionary<string, HolidayEffects> Holidays);

/// <summary>Turns a site's history into a forecast on the planning grid of the weeks ahead.</summary>
public static class Forecaster
{
    /// <summary>
    /// As <see cref="Forecast(IReadOnlyList{IntervalObservation}, DateTimeZone, Duration, LocalDate, int, IForecastMethod, SpecialDayCalendar, IProgress{string}?)"/>,
    /// with the site's holiday calendar: each queue learns the holidays' effects from its own history
    /// (<see cref="HolidayEffects.Learn"/>) and forecasts with them.
    /// </summary>
    public static SiteForecast Forecast(
        IReadOnlyList<IntervalObservation> history,
        DateTimeZone zone,
        Duration intervalLength,
        LocalDate start,
        int weeks,
        IForecastMethod method,
        HolidayCalendar holidays,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(holidays);
        var effects = new Dictionary<string, HolidayEffects>(StringComparer.Ordinal);
        var intervals = Forecast(history, zone, intervalLength, start, weeks, method, (queueHistory, dates) =>
        {
            var learned = HolidayEffects.Learn(queueHistory, holidays, dates, method);
            effects[queueHistory.QueueId] = learned;
            return learned.SpecialDays;
        }, progress);
        return new SiteForecast(intervals, effects);
    }

    /// <summary>
    /// Forecasts every queue in <paramref name="history"/> for <paramref name="weeks"/> weeks from
    /// <paramref name="start"/>, laid on the site's interval grid (so DST days get 92 or 100 quarter-hours).
    /// </summary>
    /// <remarks>Only history before <paramref name="start"/> is used, whatever the file holds.</remarks>
    public static IReadOnlyList<ForecastInterval> Forecast(
        IReadOnlyList<IntervalObservation> history,
        DateTimeZone zone,
        Duration intervalLength,
        LocalDate start,
        int weeks,
        IForecastMethod method,
        SpecialDayCalendar specialDays,
        IProgress<string>? progress = null) =>
        Forecast(history, zone, intervalLength, start, weeks, method, (_, _) => specialDays, progress);

    private static List<ForecastInterval> Forecast(
        IReadOnlyList<IntervalObservation> history,
        DateTimeZone zone,
        Duration intervalLength,
        LocalDate start,
        int weeks,
        IForecastMethod method,
        Func<QueueHistory, IReadOnlyList<LocalDate>, SpecialDayCalendar> specialDaysOf,
        IProgress<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        var grid = new IntervalGrid(zone, start, 7 * weeks, intervalLength);
        var dates = Enumerable.Range(0, grid.Days).Select(d => start.PlusDays(d)).ToList();
        var result = new List<ForecastInterval>();
        foreach (var queue in history.GroupBy(o => o.QueueId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var queueId = queue.Key;
            progress?.Report(queueId);
            var queueHistory = QueueHistory.From(queue, zone, intervalLength, queueId).Before(start);
            if (queueHistory.DayCount == 0)
            {
                throw new ArgumentException($"Queue '{queueId}' has no history before {start}; nothing to forecast from.", nameof(history));
            }

            var days = method.Forecast(queueHistory, dates, specialDaysOf(queueHistory, dates));
            foreach (var day in days)
            {
                foreach (var interval in grid.Day(day.Date))
                {
                    var slot = IntervalGrid.SlotOfDay(interval.LocalStart, intervalLength);
                    result.Add(new ForecastInterval(queueId, interval.Start, interval.Length, day.Contacts[slot], day.AhtSeconds[slot]));
                }
            }
        }

        return result;
    }
}
