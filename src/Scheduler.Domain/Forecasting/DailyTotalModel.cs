using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>
/// Daily totals as level × weekday index × day-of-month index, learned only from days before the origin.
/// </summary>
/// <remarks>
/// <para>The level pools every recent day (each divided by its own indices), so a Monday forecast learns from last
/// week's Tuesday too: a mean of four Mondays carries four days of noise, a pooled level carries twenty.</para>
/// <para>The weekday index is the mean of each weekday's totals over <see cref="TopDownOptions.IndexWeeks"/> weeks
/// divided by the mean over all weekdays.</para>
/// <para>The day-of-month index catches pay days and month ends (a bank's customers call on the 1st to the 4th):
/// each past day's total is divided by a centred average of its neighbours (±<see cref="CentredHalfWindow"/> days,
/// weekday-adjusted), the ratios are averaged per day of month, smoothed across neighbouring days and shrunk toward
/// 1 with <see cref="TopDownOptions.MonthDayPrior"/> pseudo-observations. It needs
/// <see cref="TopDownOptions.MonthDayMinimumDays"/> days of history; with less it stays 1.</para>
/// </remarks>
internal sealed class DailyTotalModel
{
    private const int CentredHalfWindow = 7;
    private const int MonthDayHalfWindow = 1;

    private readonly Dictionary<IsoDayOfWeek, double> _weekdayIndex;
    private readonly double[] _monthDayIndex;
    private readonly double _level;

    private DailyTotalModel(Dictionary<IsoDayOfWeek, double> weekdayIndex, double[] monthDayIndex, double level)
    {
        _weekdayIndex = weekdayIndex;
        _monthDayIndex = monthDayIndex;
        _level = level;
    }

    public static DailyTotalModel Fit(QueueHistory history, LocalDate origin, IReadOnlySet<LocalDate> exclude, TopDownOptions options)
    {
        var days = history.Days.Where(d => d.Date < origin && !exclude.Contains(d.Date)).Select(d => (d.Date, Total: d.TotalOffered)).ToList();
        var weekdayIndex = WeekdayIndex(days, origin.PlusWeeks(-options.IndexWeeks));
        var monthDay = MonthDayIndex(days, weekdayIndex, options);

        double level = 0, weights = 0;
        var from = origin.PlusDays(-options.LevelDays);
        foreach (var (date, total) in days)
        {
            if (date < from || !weekdayIndex.TryGetValue(date.DayOfWeek, out var index) || index <= 0)
            {
                continue;
            }

            // Weight by the weekday index: a quiet Saturday says less about the level than a busy Sunday.
            level += total / monthDay[date.Day];
            weights += index;
        }

        return new DailyTotalModel(weekdayIndex, monthDay, weights > 0 ? level / weights : 0);
    }

    public double Total(LocalDate date) =>
        _weekdayIndex.TryGetValue(date.DayOfWeek, out var index) ? _level * index * _monthDayIndex[date.Day] : 0;

    private static Dictionary<IsoDayOfWeek, double> WeekdayIndex(List<(LocalDate Date, double Total)> days, LocalDate from)
    {
        var byWeekday = days.Where(d => d.Date >= from)
            .GroupBy(d => d.Date.DayOfWeek)
            .ToDictionary(g => g.Key, g => g.Average(d => d.Total));
        var mean = byWeekday.Count > 0 ? byWeekday.Values.Average() : 0;
        return byWeekday.ToDictionary(kv => kv.Key, kv => mean > 0 ? kv.Value / mean : 0);
    }

    private static double[] MonthDayIndex(List<(LocalDate Date, double Total)> days, Dictionary<IsoDayOfWeek, double> weekdayIndex, TopDownOptions options)
    {
        var index = Enumerable.Repeat(1.0, 32).ToArray();
        if (days.Count < options.MonthDayMinimumDays || options.MonthDayPrior <= 0)
        {
            return index;
        }

        var adjusted = days.Where(d => weekdayIndex.GetValueOrDefault(d.Date.DayOfWeek) > 0)
            .Select(d => (d.Date, Value: d.Total / weekdayIndex[d.Date.DayOfWeek]))
            .ToList();
        var sums = new double[32];
        var counts = new double[32];
        for (var i = 0; i < adjusted.Count; i++)
        {
            var (date, value) = adjusted[i];
            double near = 0;
            var n = 0;
            for (var j = i; j >= 0 && Period.Between(adjusted[j].Date, date, PeriodUnits.Days).Days <= CentredHalfWindow; j--)
            {
                near += adjusted[j].Value;
                n++;
            }

            for (var j = i + 1; j < adjusted.Count && Period.Between(date, adjusted[j].Date, PeriodUnits.Days).Days <= CentredHalfWindow; j++)
            {
                near += adjusted[j].Value;
                n++;
            }

            if (n < 5 || near <= 0)
            {
                continue;
            }

            sums[date.Day] += value / (near / n);
            counts[date.Day]++;
        }

        for (var day = 1; day <= 31; day++)
        {
            double num = options.MonthDayPrior, den = options.MonthDayPrior;
            for (var k = -MonthDayHalfWindow; k <= MonthDayHalfWindow; k++)
            {
                var j = day + k;
                if (j is >= 1 and <= 31)
                {
                    var w = MonthDayHalfWindow + 1 - Math.Abs(k);
                    num += w * sums[j];
                    den += w * counts[j];
                }
            }

            index[day] = num / den;
        }

        return index;
    }
}
