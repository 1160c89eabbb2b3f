using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>A block of consecutive target dates forecast from the history strictly before its first date.</summary>
public sealed record HoldOutBlock(IReadOnlyList<LocalDate> Dates)
{
    public LocalDate Origin => Dates.Min();
}

/// <summary>How one method scored over every held-out interval.</summary>
/// <param name="Wmape">Sum of |forecast - actual| over every held-out interval divided by the sum of actuals.</param>
/// <param name="DailyMape">Mean over held-out days of |forecast day total - actual day total| / actual day total.</param>
/// <param name="AhtWmape">As <paramref name="Wmape"/> for handle time, weighting each interval by its answered contacts (null when the data has no handle time).</param>
public sealed record BacktestRow(string Method, double Wmape, double DailyMape, double? AhtWmape, int Intervals, int Days, IReadOnlyList<double> BlockWmape)
{
    /// <summary>Every held-out day's errors, so a report can score a subset (the holiday days).</summary>
    public IReadOnlyList<BacktestDay> DayErrors { get; init; } = [];
}

/// <summary>One held-out day: its forecast and actual totals and the summed absolute interval error.</summary>
public sealed record BacktestDay(LocalDate Date, double Forecast, double Actual, double AbsoluteIntervalError, int Intervals);

/// <summary>Rolling-origin evaluation: each block is forecast only from data before it, then compared with what happened.</summary>
public static class Backtest
{
    public static IReadOnlyList<BacktestRow> Run(QueueHistory history, IReadOnlyList<HoldOutBlock> blocks, IReadOnlyList<IForecastMethod> methods, SpecialDayCalendar? specialDays = null, IProgress<string>? progress = null) =>
        Run(history, blocks, methods, (_, _, _) => specialDays ?? SpecialDayCalendar.Empty, progress);

    /// <summary>
    /// As the other overload, with a holiday calendar: before each block, each method learns the holidays' effects from
    /// the history before the block (<see cref="HolidayEffects.Learn"/>) and forecasts with them.
    /// </summary>
    public static IReadOnlyList<BacktestRow> Run(QueueHistory history, IReadOnlyList<HoldOutBlock> blocks, IReadOnlyList<IForecastMethod> methods, HolidayCalendar holidays, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        return Run(history, blocks, methods, (past, dates, method) => HolidayEffects.Learn(past, holidays, dates, method).SpecialDays, progress);
    }

    private static List<BacktestRow> Run(QueueHistory history, IReadOnlyList<HoldOutBlock> blocks, IReadOnlyList<IForecastMethod> methods, Func<QueueHistory, IReadOnlyList<LocalDate>, IForecastMethod, SpecialDayCalendar> specialDaysOf, IProgress<string>? progress)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentOutOfRangeException.ThrowIfZero(blocks.Count);
        var rows = new List<BacktestRow>();
        foreach (var method in methods)
        {
            progress?.Report(method.Name);
            double absError = 0, actualSum = 0, dailyApe = 0, ahtAbs = 0, ahtActual = 0;
            int intervals = 0, days = 0;
            var blockWmape = new List<double>();
            var dayErrors = new List<BacktestDay>();
            foreach (var block in blocks)
            {
                var missing = block.Dates.Where(d => history[d] is null).ToList();
                if (missing.Count > 0)
                {
                    throw new ArgumentException($"Hold-out dates have no history to compare with: {string.Join(", ", missing)}.", nameof(blocks));
                }

                var past = history.Before(block.Origin);
                var forecasts = method.Forecast(past, block.Dates, specialDaysOf(past, block.Dates, method));
                double blockAbs = 0, blockActual = 0;
                foreach (var forecast in forecasts)
                {
                    var actual = history[forecast.Date]!;
                    var dayAbs = 0.0;
                    for (var s = 0; s < actual.Offered.Length; s++)
                    {
                        var error = Math.Abs(forecast.Contacts[s] - actual.Offered[s]);
                        blockAbs += error;
                        dayAbs += error;
                        blockActual += actual.Offered[s];
                        if (actual.Answered[s] > 0 && actual.HandleSeconds[s] > 0)
                        {
                            var actualAht = actual.HandleSeconds[s] / actual.Answered[s];
                            ahtAbs += actual.Answered[s] * Math.Abs(forecast.AhtSeconds[s] - actualAht);
                            ahtActual += actual.HandleSeconds[s];
                        }
                    }

                    intervals += actual.Offered.Length;
                    dayErrors.Add(new BacktestDay(forecast.Date, forecast.TotalContacts, actual.TotalOffered, dayAbs, actual.Offered.Length));
                    var actualTotal = actual.TotalOffered;
                    if (actualTotal > 0)
                    {
                        dailyApe += Math.Abs(forecast.TotalContacts - actualTotal) / actualTotal;
                        days++;
                    }
                }

                absError += blockAbs;
                actualSum += blockActual;
                blockWmape.Add(blockActual > 0 ? blockAbs / blockActual : double.NaN);
            }

            rows.Add(new BacktestRow(
                method.Name,
                actualSum > 0 ? absError / actualSum : double.NaN,
                days > 0 ? dailyApe / days : double.NaN,
                ahtActual > 0 ? ahtAbs / ahtActual : null,
                intervals,
                days,
                blockWmape)
            { DayErrors = dayErrors });
        }

        return rows;
    }
}
