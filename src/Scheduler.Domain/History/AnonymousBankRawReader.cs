using NodaTime;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.History;

/// <summary>Reads a raw monthly per-call file of the Technion "Anonymous Bank" 1999 data into intervals.</summary>
/// <remarks>
/// Follows the data set's README ("Derived 15-minute files: exactly how they were made"), so that the three raw files
/// at 15 minutes give back the derived file row for row:
/// each call goes to the interval holding its <c>date</c> and <c>vru_exit</c> (the moment it reaches the queue or an
/// agent); PHANTOM calls are skipped and counted; offered = AGENT + HANG, answered = AGENT, abandoned = HANG; handle =
/// <c>ser_time</c> of AGENT calls (talk time only: the data has no wrap-up); wait = <c>q_time</c> summed over answered
/// and abandoned calls. Calls that never queued have <c>q_time</c> 0; <c>q_start</c> = 0:00:00 is not used as the test
/// because one call in february queued at exactly midnight (q_time 27 s), which the derived file counts. Within service level = AGENT calls with
/// <c>q_time</c> at most the threshold (calls that never queued count, their wait is 0).
/// Every interval of every date with any record is emitted, zero-filled, for every queue (all seven call types when
/// split), like the derived files; dates without records (11–12 Jan 1999) are left out, not zero-filled.
/// Lines with 16 fields whose 4th field holds priority and type separated by spaces (two such lines in october.txt)
/// are repaired by splitting that field; any other field count is an error. Every field is checked, used or not,
/// except <c>customer_id</c>, which is opaque text: october.txt has 15 ids in spreadsheet notation (<c>6.02082E+11</c>),
/// a quirk the README does not list, and the derived files keep those calls; the id plays no part in the intervals.
/// Lines are parsed by <see cref="AnonymousBankCallReader.Parse"/>, which reads the same files call by call.
/// A clock time the zone skips or repeats (DST days; none in the 1999 months) is placed leniently: skipped times move
/// forward by the gap, repeated ones take the earlier offset, since a call record cannot say which was meant.
/// </remarks>
internal static class AnonymousBankRawReader
{
    public const string DefaultZoneId = "Asia/Jerusalem";
    public static readonly IReadOnlyList<string> CallTypes = AnonymousBankCallReader.CallTypes;
    public const string PhantomReason = "PHANTOM: a virtual call the data set says to ignore";

    public static bool IsHeader(string header) => header.StartsWith("vru+line", StringComparison.Ordinal);

    public static ReadResult Read(string header, TextReader reader, HistoryReadOptions options, ImportLog log)
    {
        var zone = options.Zone ?? DateTimeZoneProviders.Tzdb[DefaultZoneId];
        var length = Duration.FromMinutes(options.IntervalMinutes ?? 15);
        if (!header.TrimEnd().Split('\t').SequenceEqual(AnonymousBankCallReader.Header))
        {
            log.Error(1, "header", $"expected the 17 tab-separated columns {string.Join(" ", AnonymousBankCallReader.Header)}");
            return new ReadResult([], length, zone, 0);
        }

        var calls = new List<AnonymousBankCall>(40_000);
        var lines = new DataLines(reader, log);
        while (lines.Next() is { } line)
        {
            var call = AnonymousBankCallReader.Parse(line, lines.LineNumber, log);
            if (call is null) continue;
            if (call.Outcome == AnonymousBankOutcome.Phantom) log.Skip(PhantomReason);
            calls.Add(call);
        }

        if (log.HasErrors || calls.Count == 0) return new ReadResult([], length, zone, lines.Rows);
        return new ReadResult(Bucket(calls, zone, length, options), length, zone, lines.Rows);
    }

    private static List<IntervalObservation> Bucket(List<AnonymousBankCall> calls, DateTimeZone zone, Duration length, HistoryReadOptions options)
    {
        var first = calls.Min(c => c.Date);
        var last = calls.Max(c => c.Date);
        var grid = new IntervalGrid(zone, first, Period.Between(first, last, PeriodUnits.Days).Days + 1, length);
        var queues = options.SplitByType ? CallTypes : ["all"];
        var sums = queues.Select(_ => new Sums(grid.Count)).ToArray();
        var dates = new SortedSet<LocalDate>();
        foreach (var c in calls)
        {
            dates.Add(c.Date);
            if (c.Outcome == AnonymousBankOutcome.Phantom) continue;
            var s = sums[options.SplitByType ? IndexOf(c.Type) : 0];
            var i = grid.IndexOf(zone.AtLeniently(c.VruExit).ToInstant());
            s.Offered[i]++;
            s.Wait[i] += c.QueueSeconds;
            if (c.Outcome == AnonymousBankOutcome.Hang)
            {
                s.Abandoned[i]++;
                continue;
            }

            s.Answered[i]++;
            s.Handle[i] += c.ServiceSeconds;
            if (c.QueueSeconds <= options.ServiceThresholdSeconds) s.WithinSl[i]++;
        }

        var result = new List<IntervalObservation>(queues.Count * dates.Count * grid.Day(first).Length);
        for (var q = 0; q < queues.Count; q++)
        {
            var s = sums[q];
            foreach (var date in dates)
            {
                foreach (var interval in grid.Day(date))
                {
                    var i = grid.IndexOf(interval.Start);
                    result.Add(new IntervalObservation(
                        queues[q], interval.Start, interval.Length, s.Offered[i], s.Answered[i], s.Abandoned[i], s.Handle[i], s.Wait[i], s.WithinSl[i]));
                }
            }
        }

        return result;
    }

    private static int IndexOf(string type)
    {
        for (var t = 0; t < CallTypes.Count; t++)
        {
            if (CallTypes[t] == type) return t;
        }

        throw new ArgumentOutOfRangeException(nameof(type), type, "Not a call type.");
    }

    private sealed class Sums(int count)
    {
        public long[] Offered { get; } = new long[count];
        public long[] Answered { get; } = new long[count];
        public long[] Abandoned { get; } = new long[count];
        public long[] Handle { get; } = new long[count];
        public long[] Wait { get; } = new long[count];
        public long[] WithinSl { get; } = new long[count];
    }
}
