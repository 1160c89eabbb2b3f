using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>Builders for the hold-out blocks of a rolling-origin backtest, including the two reference protocols.</summary>
public static class HoldOut
{
    /// <summary><paramref name="count"/> consecutive calendar weeks starting on <paramref name="first"/>.</summary>
    public static IReadOnlyList<HoldOutBlock> Weeks(LocalDate first, int count) =>
        Enumerable.Range(0, count)
            .Select(w => new HoldOutBlock(Enumerable.Range(0, 7).Select(d => first.PlusDays((7 * w) + d)).ToList()))
            .ToList();

    /// <summary>The last <paramref name="days"/> days that have history, in blocks of <paramref name="blockSize"/> days.</summary>
    /// <remarks>Counted in days with data, not calendar days: a weekday-only centre's "last 20 weekdays" skips weekends
    /// and the holidays it was closed.</remarks>
    public static IReadOnlyList<HoldOutBlock> LastDays(QueueHistory history, int days, int blockSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        var dates = history.Days.Select(d => d.Date).TakeLast(days).ToList();
        if (dates.Count < days)
        {
            throw new ArgumentException($"History has only {dates.Count} days; {days} are needed for the hold-out.", nameof(history));
        }

        return dates.Chunk(blockSize).Select(c => new HoldOutBlock(c)).ToList();
    }

    /// <summary>Anonymous Bank reference protocol: February 1999 as four one-week-ahead forecasts.</summary>
    public static IReadOnlyList<HoldOutBlock> AnonymousBankFebruary1999() => Weeks(new LocalDate(1999, 2, 1), 4);

    /// <summary>bank_calls reference protocol: the last 20 weekdays as four blocks of five.</summary>
    public static IReadOnlyList<HoldOutBlock> BankCallsLast20Weekdays(QueueHistory history) => LastDays(history, 20, 5);
}
