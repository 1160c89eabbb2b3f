using NodaTime;

namespace Scheduler.Domain.Time;

/// <summary>One planning interval: a span of elapsed time, labelled by the local day and clock time it starts at.</summary>
public readonly record struct PlanningInterval(Instant Start, Instant End, LocalDate Date, LocalTime LocalStart, int IndexInDay)
{
    public Duration Length => End - Start;
}

/// <summary>
/// The planning grid: consecutive intervals of a fixed elapsed length, anchored at the start of each local day in
/// the site's zone and stored as instants.
/// </summary>
/// <remarks>
/// Intervals are counted in elapsed time from the local start of each day, so a day on which the clocks go forward
/// one hour has 92 quarter-hours and a day on which they go back has 100. A 15-minute label such as 01:15 can occur
/// twice on the autumn day; it is the instant, not the label, that identifies an interval.
/// </remarks>
public sealed class IntervalGrid
{
    /// <summary>The interval lengths a contact centre plans in.</summary>
    public static readonly IReadOnlyList<int> AllowedMinutes = [5, 15, 30, 60];

    private readonly PlanningInterval[] _intervals;
    private readonly int[] _dayStarts;

    public IntervalGrid(DateTimeZone zone, LocalDate firstDate, int days, Duration intervalLength)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        if (!AllowedMinutes.Contains((int)intervalLength.TotalMinutes) || intervalLength.TotalMinutes % 1 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalLength), intervalLength, "Interval length must be 5, 15, 30 or 60 minutes.");
        }

        Zone = zone;
        FirstDate = firstDate;
        Days = days;
        IntervalLength = intervalLength;

        var intervals = new List<PlanningInterval>(days * (int)(Duration.FromDays(1) / intervalLength + 8));
        _dayStarts = new int[days + 1];
        for (var d = 0; d < days; d++)
        {
            var date = firstDate.PlusDays(d);
            var dayStart = zone.AtStartOfDay(date).ToInstant();
            var dayEnd = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            _dayStarts[d] = intervals.Count;
            var index = 0;
            for (var start = dayStart; start < dayEnd; start += intervalLength)
            {
                var end = start + intervalLength;
                if (end > dayEnd)
                {
                    end = dayEnd; // a zone whose offset changes by a non-multiple of the length: the last interval is short.
                }

                intervals.Add(new PlanningInterval(start, end, date, start.InZone(zone).TimeOfDay, index++));
            }
        }

        _dayStarts[days] = intervals.Count;
        _intervals = [.. intervals];
    }

    public DateTimeZone Zone { get; }

    public LocalDate FirstDate { get; }

    public int Days { get; }

    public LocalDate LastDate => FirstDate.PlusDays(Days - 1);

    public Duration IntervalLength { get; }

    public IReadOnlyList<PlanningInterval> Intervals => _intervals;

    public int Count => _intervals.Length;

    public Instant Start => _intervals[0].Start;

    public Instant End => _intervals[^1].End;

    /// <summary>The intervals of one local day (92, 96 or 100 quarter-hours).</summary>
    public ReadOnlySpan<PlanningInterval> Day(LocalDate date)
    {
        var d = Period.Between(FirstDate, date, PeriodUnits.Days).Days;
        if (d < 0 || d >= Days)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "Date is outside the grid.");
        }

        return _intervals.AsSpan(_dayStarts[d], _dayStarts[d + 1] - _dayStarts[d]);
    }

    /// <summary>The index of the interval containing the instant, or -1 when the instant is outside the grid.</summary>
    public int IndexOf(Instant instant)
    {
        if (instant < Start || instant >= End)
        {
            return -1;
        }

        var lo = 0;
        var hi = _intervals.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_intervals[mid].Start <= instant)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    /// <summary>The slot of a local clock time within a day (00:00 = 0), used to line up days for forecasting.</summary>
    public static int SlotOfDay(LocalTime time, Duration intervalLength) =>
        (int)(time.TickOfDay / intervalLength.BclCompatibleTicks);

    public static int SlotsPerDay(Duration intervalLength) => (int)(Duration.FromDays(1) / intervalLength);
}
