using NodaTime;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Domain.Simulation;
using Xunit;

namespace Scheduler.Domain.Tests.Simulation;

public class ArrivalDispersionTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    /// <summary>Twelve weeks of one queue, hourly, 2,000 calls a day times a daily factor of the given cv.</summary>
    private static QueueHistory Days(double cv, int seed)
    {
        var random = new Random(seed);
        var observations = new List<IntervalObservation>();
        var first = new LocalDate(2026, 1, 4);
        for (var d = 0; d < 84; d++)
        {
            // A gamma factor of mean 1 and the cv asked for, by a sum of exponentials (shape 1/cv² = 25 or 4 here).
            var factor = 1.0;
            if (cv > 0)
            {
                var shape = (int)Math.Round(1 / (cv * cv));
                factor = Enumerable.Range(0, shape).Sum(_ => -Math.Log(1 - random.NextDouble())) / shape;
            }

            for (var h = 0; h < 24; h++)
            {
                var mean = 2000.0 / 24 * factor;
                // Poisson by inversion of exponential gaps.
                var count = 0;
                for (var t = -Math.Log(1 - random.NextDouble()); t < mean; t += -Math.Log(1 - random.NextDouble()))
                {
                    count++;
                }

                var start = first.PlusDays(d).At(new LocalTime(h, 0)).InZoneStrictly(Dhaka).ToInstant();
                observations.Add(new IntervalObservation("q", start, Duration.FromHours(1), count, count, 0, count * 180));
            }
        }

        return QueueHistory.From(observations, Dhaka, Duration.FromHours(1), "q");
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.03)]
    [InlineData(0.2, 0.12, 0.28)]
    [InlineData(0.5, 0.35, 0.65)]
    public void Recovers_the_daily_factor_beyond_Poisson(double cv, double low, double high)
    {
        var estimate = ArrivalDispersion.FromHistory(Days(cv, seed: 5));

        Assert.InRange(estimate, low, high);
    }
}
