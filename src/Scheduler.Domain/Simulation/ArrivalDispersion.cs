using Scheduler.Domain.Forecasting;

namespace Scheduler.Domain.Simulation;

/// <summary>
/// How much more days vary than Poisson arrivals would: the coefficient of variation of a daily factor on the
/// arrival rate (<see cref="SimulatedQueue.Overdispersion"/>), fitted from a queue's history.
/// </summary>
/// <remarks>
/// If a day's arrivals are Poisson with mean m·G, G a factor of mean 1 and variance c², the day's total has variance
/// m + m²c². So per weekday, c² = (variance − mean) ÷ mean² of the day totals; the weekdays' estimates are averaged,
/// weighted by their days, and clipped at zero (Poisson or calmer). A trend over the history inflates it a little,
/// which errs on the careful side. Weekdays with fewer than three days are skipped.
/// </remarks>
public static class ArrivalDispersion
{
    public static double FromHistory(QueueHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        double weighted = 0, weight = 0;
        foreach (var weekday in history.Days.GroupBy(d => d.Date.DayOfWeek))
        {
            var totals = weekday.Select(d => d.TotalOffered).ToArray();
            if (totals.Length < 3)
            {
                continue;
            }

            var mean = totals.Average();
            if (mean <= 0)
            {
                continue;
            }

            var variance = totals.Sum(t => (t - mean) * (t - mean)) / (totals.Length - 1);
            weighted += (totals.Length - 1) * (variance - mean) / (mean * mean);
            weight += totals.Length - 1;
        }

        return weight == 0 ? 0 : Math.Sqrt(Math.Max(0, weighted / weight));
    }
}
