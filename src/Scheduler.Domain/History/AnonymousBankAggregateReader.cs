using NodaTime;

namespace Scheduler.Domain.History;

/// <summary>Reads the derived 15-minute files of the Anonymous Bank data (<c>intervals_15min_all_types.csv</c>, <c>intervals_15min_by_type.csv</c>).</summary>
/// <remarks>
/// Queue "all" for the all-types file; for the by-type file the <c>type</c> column, or "all" with the types summed when
/// <see cref="HistoryReadOptions.SplitByType"/> is false. handle = <c>sum_ser_time_answered_s</c>; wait =
/// <c>sum_q_time_answered_s + sum_q_time_abandoned_s</c>; within service level = <c>answered_wait_le_20s</c>, so
/// only the 20-second threshold can be read from these files. The <c>phantom</c> column is reported as skipped
/// records. Every count column present is checked, used or not, and offered must equal answered + abandoned, as the
/// README defines it. Dates and clock times are local Asia/Jerusalem time unless the options give a zone, and are
/// resolved strictly: a label the zone skips or repeats is an error.
/// </remarks>
internal static class AnonymousBankAggregateReader
{
    private static readonly string[] Required =
    [
        "date", "interval_start", "phantom", "offered", "answered", "abandoned", "answered_wait_le_20s",
        "sum_q_time_answered_s", "sum_q_time_abandoned_s", "sum_ser_time_answered_s",
    ];

    private static readonly string[] Optional =
    [
        "weekday", "type", "records", "answered_after_queue", "abandoned_after_queue", "abandoned_at_vru", "answered_ser_time_gt0",
    ];

    private static readonly string[] Counts = [.. Required.Skip(2), .. Optional.Skip(2)];

    public static bool IsHeader(string header) => header.StartsWith("date,weekday,interval_start", StringComparison.Ordinal);

    public static ReadResult Read(string header, TextReader reader, HistoryReadOptions options, ImportLog log)
    {
        var zone = options.Zone ?? DateTimeZoneProviders.Tzdb[AnonymousBankRawReader.DefaultZoneId];
        var length = Duration.FromMinutes(15);
        var fields = new List<string>();
        var splitError = CsvLine.Split(header, fields);
        if (splitError is not null) log.Error(1, "header", splitError);
        var columns = splitError is null ? ColumnMap.Read(fields, Required, Optional, log) : null;
        if (options.ServiceThresholdSeconds != 20)
            log.Error(1, "answered_wait_le_20s", $"the file counts answers within 20 s only; a threshold of {options.ServiceThresholdSeconds} s cannot be computed from it");
        if (columns is null || log.HasErrors) return new ReadResult([], length, zone, 0);

        var merged = new Dictionary<(string, Instant), IntervalObservation>();
        var seen = new Dictionary<(string, Instant), int>();
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        long phantom = 0;
        var lines = new DataLines(reader, log);
        while (lines.NextFields(fields, columns.Count))
        {
            var lineNo = lines.LineNumber;

            var before = log.ErrorCount;
            var type = "all";
            if (columns.Get(fields, "type") is { } typeText)
            {
                type = typeText;
                if (!AnonymousBankRawReader.CallTypes.Contains(type))
                    log.Error(lineNo, "type", $"'{type}' is not a call type ({string.Join(", ", AnonymousBankRawReader.CallTypes)})");
            }

            var dateText = columns.Get(fields, "date")!;
            var date = TimeText.IsoDate.Parse(dateText);
            if (!date.Success) log.Error(lineNo, "date", $"'{dateText}' is not a date in the form YYYY-MM-DD");
            var weekday = columns.Get(fields, "weekday");
            if (date.Success && weekday is not null && weekday != date.Value.DayOfWeek.ToString()[..3])
                log.Error(lineNo, "weekday", $"'{weekday}' is not the weekday of {dateText} ({date.Value.DayOfWeek.ToString()[..3]})");
            var timeText = columns.Get(fields, "interval_start")!;
            var time = TimeText.HourMinute.Parse(timeText);
            if (!time.Success) log.Error(lineNo, "interval_start", $"'{timeText}' is not a clock time in the form HH:MM");
            else if (time.Value.Minute % 15 != 0) log.Error(lineNo, "interval_start", $"'{timeText}' is not on a 15-minute boundary");

            values.Clear();
            foreach (var name in Counts)
            {
                if (columns.Get(fields, name) is not { } text) continue;
                var value = FieldParser.WholeAtLeastZero(text, out var countError);
                if (value is null) log.Error(lineNo, name, countError!);
                else values[name] = value.Value;
            }

            if (log.ErrorCount != before) continue;
            if (values["answered"] + values["abandoned"] != values["offered"])
            {
                log.Error(lineNo, "offered", $"answered ({values["answered"]}) + abandoned ({values["abandoned"]}) does not equal offered ({values["offered"]})");
                continue;
            }

            var start = TimeText.Strict(date.Value + time.Value, zone, out var zoneError);
            if (start is null)
            {
                log.Error(lineNo, "interval_start", $"'{dateText} {timeText}' {zoneError}");
                continue;
            }

            if (!seen.TryAdd((type, start.Value), lineNo))
            {
                log.Error(lineNo, "interval_start", $"'{dateText} {timeText}' for '{type}' repeats line {seen[(type, start.Value)]}");
                continue;
            }

            phantom += values["phantom"];
            var queue = options.SplitByType ? type : "all";
            var o = new IntervalObservation(
                queue, start.Value, length, values["offered"], values["answered"], values["abandoned"], values["sum_ser_time_answered_s"],
                values["sum_q_time_answered_s"] + values["sum_q_time_abandoned_s"], values["answered_wait_le_20s"]);
            merged[(queue, start.Value)] = merged.TryGetValue((queue, start.Value), out var m)
                ? m with
                {
                    Offered = m.Offered + o.Offered,
                    Answered = m.Answered + o.Answered,
                    Abandoned = m.Abandoned + o.Abandoned,
                    HandleSeconds = m.HandleSeconds + o.HandleSeconds,
                    WaitSeconds = m.WaitSeconds + o.WaitSeconds,
                    AnsweredWithinThreshold = m.AnsweredWithinThreshold + o.AnsweredWithinThreshold,
                }
                : o;
        }

        if (phantom > 0) log.Skip(AnonymousBankRawReader.PhantomReason, (int)phantom);
        return new ReadResult([.. merged.Values], length, zone, lines.Rows);
    }
}
