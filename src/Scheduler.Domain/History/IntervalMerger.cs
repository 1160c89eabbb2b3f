using NodaTime;

namespace Scheduler.Domain.History;

/// <summary>Merges short intervals into longer ones and puts observations in the order <see cref="HistoryImport"/> promises.</summary>
/// <remarks>
/// A short interval goes to the long interval whose start is its own start floored to the long length on the local
/// clock of <c>zone</c> (so 09:45 goes to 09:30 at 30 minutes, and a 21:00 five-minute bucket is alone in 21:00–21:15).
/// Counts and seconds are summed; an optional column is kept only when every merged interval has it.
/// </remarks>
internal static class IntervalMerger
{
    public static List<IntervalObservation> Merge(IReadOnlyList<IntervalObservation> source, Duration length, DateTimeZone zone)
    {
        var merged = new Dictionary<(string Queue, Instant Start), IntervalObservation>();
        foreach (var o in source)
        {
            var tickOfDay = o.Start.InZone(zone).TimeOfDay.TickOfDay;
            var start = o.Start - Duration.FromTicks(tickOfDay % length.BclCompatibleTicks);
            var key = (o.QueueId, start);
            merged[key] = merged.TryGetValue(key, out var m)
                ? m with
                {
                    Offered = m.Offered + o.Offered,
                    Answered = m.Answered + o.Answered,
                    Abandoned = m.Abandoned + o.Abandoned,
                    HandleSeconds = m.HandleSeconds + o.HandleSeconds,
                    WaitSeconds = m.WaitSeconds + o.WaitSeconds,
                    AnsweredWithinThreshold = m.AnsweredWithinThreshold + o.AnsweredWithinThreshold,
                }
                : o with { Start = start, Length = length };
        }

        return Sorted(merged.Values);
    }

    /// <summary>Sorted by queue id (ordinal), then start.</summary>
    public static List<IntervalObservation> Sorted(IEnumerable<IntervalObservation> source)
    {
        var list = source.ToList();
        list.Sort(static (a, b) =>
        {
            var byQueue = string.CompareOrdinal(a.QueueId, b.QueueId);
            return byQueue != 0 ? byQueue : a.Start.CompareTo(b.Start);
        });
        return list;
    }
}
