using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Forecasting;

/// <summary>One local day of one queue's history, by slot of the day (slot 0 starts at 00:00 local).</summary>
public sealed class DayHistory
{
    public DayHistory(LocalDate date, int slots)
    {
        Date = date;
        Offered = new double[slots];
        Answered = new double[slots];
        HandleSeconds = new double[slots];
    }

    public LocalDate Date { get; }

    public double[] Offered { get; }

    public double[] Answered { get; }

    public double[] HandleSeconds { get; }

    public double TotalOffered => Offered.Sum();
}

/// <summary>
/// A queue's interval history laid out by local date and slot of day: the shape every forecasting method reads.
/// </summary>
/// <remarks>
/// Slots are keyed by local clock time, so Mondays line up with Mondays whatever the offset. On the autumn DST day
/// two intervals share a clock label; their volumes are added so the day's total stays true. On the spring day the
/// skipped hour's slots stay zero. A date with no observation at all is absent (a gap, not a closed day).
/// </remarks>
public sealed class QueueHistory
{
    private readonly SortedDictionary<LocalDate, DayHistory> _days;

    private QueueHistory(string queueId, DateTimeZone zone, Duration intervalLength, SortedDictionary<LocalDate, DayHistory> days)
    {
        QueueId = queueId;
        Zone = zone;
        IntervalLength = intervalLength;
        SlotsPerDay = IntervalGrid.SlotsPerDay(intervalLength);
        _days = days;
    }

    public string QueueId { get; }

    public DateTimeZone Zone { get; }

    public Duration IntervalLength { get; }

    public int SlotsPerDay { get; }

    public IEnumerable<DayHistory> Days => _days.Values;

    public int DayCount => _days.Count;

    public LocalDate FirstDate => _days.Keys.First();

    public LocalDate LastDate => _days.Keys.Last();

    public DayHistory? this[LocalDate date] => _days.GetValueOrDefault(date);

    /// <summary>
    /// Builds the history of one queue from observations; pass <paramref name="queueId"/> null to add every queue
    /// together (the "all types" view of a centre).
    /// </summary>
    public static QueueHistory From(IEnumerable<IntervalObservation> observations, DateTimeZone zone, Duration intervalLength, string? queueId)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var slots = IntervalGrid.SlotsPerDay(intervalLength);
        var days = new SortedDictionary<LocalDate, DayHistory>();
        foreach (var o in observations)
        {
            if (queueId is not null && o.QueueId != queueId)
            {
                continue;
            }

            if (o.Length != intervalLength)
            {
                throw new ArgumentException($"Observation at {o.Start} lasts {o.Length}, not {intervalLength}; aggregate first.", nameof(observations));
            }

            var local = o.Start.InZone(zone).LocalDateTime;
            if (!days.TryGetValue(local.Date, out var day))
            {
                day = new DayHistory(local.Date, slots);
                days.Add(local.Date, day);
            }

            var slot = IntervalGrid.SlotOfDay(local.TimeOfDay, intervalLength);
            day.Offered[slot] += o.Offered;
            day.Answered[slot] += o.Answered;
            day.HandleSeconds[slot] += o.HandleSeconds;
        }

        return new QueueHistory(queueId ?? "all", zone, intervalLength, days);
    }

    /// <summary>The same history without the days on or after <paramref name="origin"/>: what a forecaster may see.</summary>
    public QueueHistory Before(LocalDate origin)
    {
        var days = new SortedDictionary<LocalDate, DayHistory>();
        foreach (var (date, day) in _days)
        {
            if (date < origin)
            {
                days.Add(date, day);
            }
        }

        return new QueueHistory(QueueId, Zone, IntervalLength, days);
    }

    /// <summary>The most recent days before <paramref name="origin"/> that fall on <paramref name="weekday"/>, newest first.</summary>
    public IEnumerable<DayHistory> SameWeekdays(IsoDayOfWeek weekday, LocalDate origin, IReadOnlySet<LocalDate>? exclude = null)
    {
        foreach (var (date, day) in _days.Reverse())
        {
            if (date < origin && date.DayOfWeek == weekday && (exclude is null || !exclude.Contains(date)))
            {
                yield return day;
            }
        }
    }
}
