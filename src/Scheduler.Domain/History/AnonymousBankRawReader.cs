using NodaTime;
using NodaTime.Text;
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
/// A clock time the zone skips or repeats (DST days; none in the 1999 months) is placed leniently: skipped times move
/// forward by the gap, repeated ones take the earlier offset, since a call record cannot say which was meant.
/// </remarks>
internal static class AnonymousBankRawReader
{
    public const string DefaultZoneId = "Asia/Jerusalem";
    public static readonly IReadOnlyList<string> CallTypes = ["PS", "PE", "IN", "NE", "NW", "TT", "AA"];
    public const string PhantomReason = "PHANTOM: a virtual call the data set says to ignore";

    private static readonly string[] Columns =
    [
        "vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry", "vru_exit", "vru_time",
        "q_start", "q_exit", "q_time", "outcome", "ser_start", "ser_exit", "ser_time", "server",
    ];

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("yyMMdd");
    private static readonly LocalTimePattern ClockPattern = LocalTimePattern.CreateWithInvariantCulture("H:mm:ss");

    public static bool IsHeader(string header) => header.StartsWith("vru+line", StringComparison.Ordinal);

    public static ReadResult Read(string header, TextReader reader, HistoryReadOptions options, ImportLog log)
    {
        var zone = options.Zone ?? DateTimeZoneProviders.Tzdb[DefaultZoneId];
        var length = Duration.FromMinutes(options.IntervalMinutes ?? 15);
        if (!header.TrimEnd().Split('\t').SequenceEqual(Columns))
        {
            log.Error(1, "header", $"expected the 17 tab-separated columns {string.Join(" ", Columns)}");
            return new ReadResult([], length, zone, 0);
        }

        var calls = new List<Call>(40_000);
        var lines = new DataLines(reader, log);
        while (lines.Next() is { } line)
        {
            var call = Parse(line, lines.LineNumber, log);
            if (call is null) continue;
            if (call.Value.Outcome == Outcome.Phantom) log.Skip(PhantomReason);
            calls.Add(call.Value);
        }

        if (log.HasErrors || calls.Count == 0) return new ReadResult([], length, zone, lines.Rows);
        return new ReadResult(Bucket(calls, zone, length, options), length, zone, lines.Rows);
    }

    private static List<IntervalObservation> Bucket(List<Call> calls, DateTimeZone zone, Duration length, HistoryReadOptions options)
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
            if (c.Outcome == Outcome.Phantom) continue;
            var s = sums[options.SplitByType ? c.TypeIndex : 0];
            var i = grid.IndexOf(zone.AtLeniently(c.Date + c.VruExit).ToInstant());
            s.Offered[i]++;
            s.Wait[i] += c.QTime;
            if (c.Outcome == Outcome.Hang)
            {
                s.Abandoned[i]++;
                continue;
            }

            s.Answered[i]++;
            s.Handle[i] += c.SerTime;
            if (c.QTime <= options.ServiceThresholdSeconds) s.WithinSl[i]++;
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

    private static Call? Parse(string line, int lineNo, ImportLog log)
    {
        var f = line.TrimEnd('\r').Split('\t');
        if (f.Length == 16)
        {
            var parts = f[3].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                log.Error(lineNo, "line", "has 16 tab-separated fields, expected 17; only a 'priority' field holding priority and type separated by spaces can be repaired");
                return null;
            }

            f = [.. f[..3], .. parts, .. f[4..]];
        }
        else if (f.Length != 17)
        {
            log.Error(lineNo, "line", $"has {f.Length} tab-separated fields, expected 17");
            return null;
        }

        var before = log.ErrorCount;
        if (f[0].Trim().Length == 0) log.Error(lineNo, "vru+line", "is empty");
        Number(f, 1, lineNo, log, allowNegative: false);
        if (f[2].Trim().Length == 0) log.Error(lineNo, "customer_id", "is empty; 0 marks an unidentified customer");
        if (f[3] is not ("0" or "1" or "2")) log.Error(lineNo, "priority", $"'{f[3]}' is not a priority (0, 1 or 2)");
        var typeIndex = -1;
        for (var t = 0; t < CallTypes.Count; t++) if (f[4] == CallTypes[t]) typeIndex = t;
        if (typeIndex < 0) log.Error(lineNo, "type", $"'{f[4]}' is not a call type ({string.Join(", ", CallTypes)})");
        var date = DatePattern.Parse(f[5]);
        if (!date.Success) log.Error(lineNo, "date", $"'{f[5]}' is not a date in the form YYMMDD");
        Clock(f, 6, lineNo, log);
        var vruExit = Clock(f, 7, lineNo, log);
        Number(f, 8, lineNo, log, allowNegative: true); // vru_time: negative in a few records (clock skew), per the README.
        Clock(f, 9, lineNo, log);
        Clock(f, 10, lineNo, log);
        var qTime = Number(f, 11, lineNo, log, allowNegative: false);
        var outcome = f[12] switch { "AGENT" => Outcome.Agent, "HANG" => Outcome.Hang, "PHANTOM" => Outcome.Phantom, _ => (Outcome?)null };
        if (outcome is null) log.Error(lineNo, "outcome", $"'{f[12]}' is not an outcome (AGENT, HANG or PHANTOM)");
        Clock(f, 13, lineNo, log);
        Clock(f, 14, lineNo, log);
        var serTime = Number(f, 15, lineNo, log, allowNegative: false);
        if (f[16].Trim().Length == 0) log.Error(lineNo, "server", "is empty; NO_SERVER marks a call nobody served");
        if (log.ErrorCount != before) return null;
        return new Call(date.Value, vruExit!.Value, qTime!.Value, serTime!.Value, typeIndex, outcome!.Value);
    }

    private static long? Number(string[] f, int i, int lineNo, ImportLog log, bool allowNegative)
    {
        string? error;
        var value = allowNegative ? FieldParser.Whole(f[i], out error) : FieldParser.WholeAtLeastZero(f[i], out error);
        if (value is null) log.Error(lineNo, Columns[i], error!);
        return value;
    }

    private static LocalTime? Clock(string[] f, int i, int lineNo, ImportLog log)
    {
        var parsed = ClockPattern.Parse(f[i]);
        if (parsed.Success) return parsed.Value;
        log.Error(lineNo, Columns[i], $"'{f[i]}' is not a clock time in the form H:MM:SS");
        return null;
    }

    private enum Outcome
    {
        Agent,
        Hang,
        Phantom,
    }

    private readonly record struct Call(LocalDate Date, LocalTime VruExit, long QTime, long SerTime, int TypeIndex, Outcome Outcome);

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
