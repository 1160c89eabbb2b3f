using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>Intraday shapes (shares of the daily total per slot, summing to 1) for each weekday.</summary>
internal static class ShapeModel
{
    public static Dictionary<IsoDayOfWeek, double[]> Fit(QueueHistory history, LocalDate origin, IReadOnlySet<LocalDate> exclude, TopDownOptions options, int halfWindow)
    {
        var slots = history.SlotsPerDay;
        var raw = new Dictionary<IsoDayOfWeek, (double[] Sum, int Days)>();
        foreach (var weekday in Weekdays)
        {
            var sum = new double[slots];
            var days = 0;
            foreach (var day in history.SameWeekdays(weekday, origin, exclude).Take(options.ShapeWeeks))
            {
                var total = day.TotalOffered;
                if (total <= 0)
                {
                    continue;
                }

                // Each day votes with its shape; busy days do not outvote quiet ones.
                for (var s = 0; s < slots; s++)
                {
                    sum[s] += day.Offered[s] / total;
                }

                days++;
            }

            raw[weekday] = (sum, days);
        }

        var own = raw.ToDictionary(kv => kv.Key, kv => Normalise(Smooth(kv.Value.Sum, halfWindow)));
        var shapes = new Dictionary<IsoDayOfWeek, double[]>();
        foreach (var weekday in Weekdays)
        {
            var (sum, days) = raw[weekday];
            var pooled = new double[slots];
            var pooledDays = 0;
            foreach (var other in Weekdays)
            {
                var (otherSum, otherDays) = raw[other];
                if (other == weekday || otherDays == 0 || days == 0 || Correlation(own[weekday], own[other]) < options.SimilarShapeCorrelation)
                {
                    continue;
                }

                for (var s = 0; s < slots; s++)
                {
                    pooled[s] += otherSum[s];
                }

                pooledDays += otherDays;
            }

            var mixed = new double[slots];
            var pooledWeight = pooledDays > 0 ? options.PooledShapeWeight / pooledDays : 0;
            for (var s = 0; s < slots; s++)
            {
                mixed[s] = sum[s] + (pooledWeight * pooled[s]);
            }

            shapes[weekday] = days == 0 && pooledDays == 0 ? Flat(slots) : Normalise(Smooth(mixed, halfWindow));
        }

        return shapes;
    }

    public static IsoDayOfWeek[] Weekdays { get; } =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    private static double[] Smooth(double[] values, int halfWindow)
    {
        if (halfWindow <= 0)
        {
            return (double[])values.Clone();
        }

        var result = new double[values.Length];
        for (var s = 0; s < values.Length; s++)
        {
            double sum = 0, weights = 0;
            for (var k = -halfWindow; k <= halfWindow; k++)
            {
                var j = s + k;
                if (j < 0 || j >= values.Length)
                {
                    continue;
                }

                var w = halfWindow + 1 - Math.Abs(k);
                sum += w * values[j];
                weights += w;
            }

            result[s] = sum / weights;
        }

        return result;
    }

    private static double[] Normalise(double[] values)
    {
        var total = values.Sum();
        return total > 0 ? values.Select(v => v / total).ToArray() : Flat(values.Length);
    }

    private static double[] Flat(int slots) => Enumerable.Repeat(1.0 / slots, slots).ToArray();

    private static double Correlation(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }
}
