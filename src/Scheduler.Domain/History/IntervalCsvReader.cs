using NodaTime;
using NodaTime.Text;

namespace Scheduler.Domain.History;

/// <summary>What a format reader hands back to <see cref="HistoryReader"/> before merging and sorting.</summary>
internal sealed record ReadResult(List<IntervalObservation> Observations, Duration Length, DateTimeZone Zone, int RowsRead);

/// <summary>Reads our own interval CSV (docs/formats/interval-csv.md).</summary>
/// <remarks>
/// Blank lines are skipped wherever they are (an editor often leaves one at the end). A file that names an IANA zone
/// must name the same one on every row: one file holds one site. The zone reported back is that zone; for a file
/// with offsets only it is the caller's zone, or else a fixed-offset zone of the first row's offset.
/// </remarks>
internal static class IntervalCsvReader
{
    public const int DefaultMinutes = 15;

    private static readonly string[] Required = ["queue", "interval_start", "offered", "answered", "abandoned", "handle_seconds"];
    private static readonly string[] Optional = ["interval_minutes", "wait_seconds", "answered_within_sl"];

    private static readonly OffsetDateTimePattern[] OffsetForms =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<G>"),
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    private static readonly LocalDateTimePattern[] LocalForms =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm"),
    ];

    public static ReadResult Read(string header, TextReader reader, HistoryReadOptions options, ImportLog log)
    {
        var fields = new List<string>();
        var headerError = CsvLine.Split(header, fields);
        if (headerError is not null)
        {
            log.Error(1, "header", headerError);
            return Empty(options);
        }

        var columns = ColumnMap.Read(fields, Required, Optional, log);
        if (columns is null) return Empty(options);

        var observations = new List<IntervalObservation>();
        var seen = new Dictionary<(string, Instant), int>();
        int? fileMinutes = null;
        var fileMinutesLine = 0;
        DateTimeZone? fileZone = null;
        var fileZoneLine = 0;
        Offset? firstOffset = null;
        var lines = new DataLines(reader, log);
        while (lines.NextFields(fields, columns.Count))
        {
            var lineNo = lines.LineNumber;

            var errorsBefore = log.ErrorCount;
            var queue = columns.Get(fields, "queue")!.Trim();
            if (queue.Length == 0) log.Error(lineNo, "queue", "is empty; a queue id is required");
            else if (options.KnownQueues is { } known && !known.Contains(queue))
            {
                log.Error(lineNo, "queue", $"'{(queue.Length > 40 ? queue[..40] + "…" : queue)}' is not a queue of this site ({string.Join(", ", known.Order(StringComparer.Ordinal))}); correct the id, or add the queue to the site's staffing settings (data/demo/staffing.json) before importing its history");
            }

            var minutes = DefaultMinutes;
            var minutesText = columns.Get(fields, "interval_minutes");
            if (!string.IsNullOrWhiteSpace(minutesText))
            {
                var m = FieldParser.WholeAtLeastZero(minutesText, out var error);
                if (m is null) log.Error(lineNo, "interval_minutes", error!);
                else if (!Time.IntervalGrid.AllowedMinutes.Contains((int)Math.Min(m.Value, int.MaxValue)))
                    log.Error(lineNo, "interval_minutes", $"'{minutesText}' is not one of 5, 15, 30, 60");
                else minutes = (int)m.Value;
            }

            if (fileMinutes is null)
            {
                fileMinutes = minutes;
                fileMinutesLine = lineNo;
            }
            else if (fileMinutes != minutes)
            {
                log.Error(lineNo, "interval_minutes", $"{minutes} differs from {fileMinutes} on line {fileMinutesLine}; one file holds one interval length");
            }

            var startText = columns.Get(fields, "interval_start")!.Trim();
            var start = ParseStart(startText, lineNo, log, out var offset, out var timeOfDay, out var zone);
            if (zone is not null)
            {
                if (fileZone is null)
                {
                    fileZone = zone;
                    fileZoneLine = lineNo;
                }
                else if (!ReferenceEquals(zone, fileZone) && zone.Id != fileZone.Id)
                {
                    log.Error(lineNo, "interval_start", $"zone '{zone.Id}' differs from '{fileZone.Id}' on line {fileZoneLine}; one file holds one site's zone");
                }
            }

            if (start is not null)
            {
                firstOffset ??= offset;
                if (timeOfDay.TickOfDay % Duration.FromMinutes(minutes).BclCompatibleTicks != 0)
                    log.Error(lineNo, "interval_start", $"interval start '{startText}' is not on a {minutes}-minute boundary of its local clock");
            }

            var offered = Count(columns, fields, "offered", lineNo, log);
            var answered = Count(columns, fields, "answered", lineNo, log);
            var abandoned = Count(columns, fields, "abandoned", lineNo, log);
            if (offered is not null && answered is not null && abandoned is not null && answered + abandoned > offered)
                log.Error(lineNo, "offered", $"answered ({answered}) + abandoned ({abandoned}) exceeds offered ({offered})");

            var handle = FieldParser.DecimalAtLeastZero(columns.Get(fields, "handle_seconds")!, out var handleError);
            if (handle is null) log.Error(lineNo, "handle_seconds", handleError!);

            double? wait = null;
            var waitText = columns.Get(fields, "wait_seconds");
            if (!string.IsNullOrWhiteSpace(waitText))
            {
                wait = FieldParser.DecimalAtLeastZero(waitText, out var waitError);
                if (wait is null) log.Error(lineNo, "wait_seconds", waitError!);
            }

            long? withinSl = null;
            var slText = columns.Get(fields, "answered_within_sl");
            if (!string.IsNullOrWhiteSpace(slText))
            {
                withinSl = FieldParser.WholeAtLeastZero(slText, out var slError);
                if (withinSl is null) log.Error(lineNo, "answered_within_sl", slError!);
                else if (answered is not null && withinSl > answered)
                    log.Error(lineNo, "answered_within_sl", $"{withinSl} exceeds answered ({answered})");
            }

            if (start is { } begins && options.NotAfter is { } notAfter && begins + Duration.FromMinutes(minutes) > notAfter)
            {
                log.Error(lineNo, "interval_start", $"'{startText}' ends after {notAfter:yyyy-MM-dd HH:mm} UTC; history is what already happened, so an interval in the future is refused");
            }

            if (log.ErrorCount != errorsBefore) continue;
            if (seen.TryGetValue((queue, start!.Value), out var firstLine))
            {
                log.Error(lineNo, "interval_start", $"queue '{queue}' at '{startText}' repeats line {firstLine}; each queue and interval may appear once");
                continue;
            }

            seen.Add((queue, start.Value), lineNo);
            observations.Add(new IntervalObservation(
                queue, start.Value, Duration.FromMinutes(minutes), offered!.Value, answered!.Value, abandoned!.Value, handle!.Value, wait, withinSl));
        }

        var reportedZone = fileZone ?? options.Zone ?? (firstOffset is { } o ? DateTimeZone.ForOffset(o) : DateTimeZone.Utc);
        return new ReadResult(observations, Duration.FromMinutes(fileMinutes ?? DefaultMinutes), reportedZone, lines.Rows);
    }

    private static ReadResult Empty(HistoryReadOptions options) =>
        new([], Duration.FromMinutes(DefaultMinutes), options.Zone ?? DateTimeZone.Utc, 0);

    private static long? Count(ColumnMap columns, List<string> fields, string name, int lineNo, ImportLog log)
    {
        var value = FieldParser.WholeAtLeastZero(columns.Get(fields, name)!, out var error);
        if (value is null) log.Error(lineNo, name, error!);
        return value;
    }

    /// <summary>Either <c>2026-11-02T09:15:00+06:00</c> (exact) or <c>2026-11-02T09:15 Asia/Dhaka</c> (resolved strictly).</summary>
    private static Instant? ParseStart(string text, int lineNo, ImportLog log, out Offset offset, out LocalTime timeOfDay, out DateTimeZone? zone)
    {
        offset = default;
        timeOfDay = default;
        zone = null;
        var invalid = $"interval start '{text}' is not a valid date-time with an offset or zone; write e.g. 2026-11-02T09:15:00+06:00 or 2026-11-02T09:15 Asia/Dhaka";
        var space = text.LastIndexOf(' ');
        if (space < 0)
        {
            foreach (var pattern in OffsetForms)
            {
                var parsed = pattern.Parse(text);
                if (!parsed.Success) continue;
                offset = parsed.Value.Offset;
                timeOfDay = parsed.Value.TimeOfDay;
                return parsed.Value.ToInstant();
            }

            log.Error(lineNo, "interval_start", invalid);
            return null;
        }

        var localText = text[..space].TrimEnd();
        var zoneId = text[(space + 1)..];
        var local = LocalForms.Select(p => p.Parse(localText)).FirstOrDefault(r => r.Success);
        if (local is null)
        {
            log.Error(lineNo, "interval_start", invalid);
            return null;
        }

        zone = TimeText.Zone(zoneId);
        if (zone is null)
        {
            log.Error(lineNo, "interval_start", $"'{zoneId}' is not a known IANA time zone id (e.g. Asia/Dhaka, Europe/London)");
            return null;
        }

        var instant = TimeText.Strict(local.Value, zone, out var error);
        if (instant is null)
        {
            log.Error(lineNo, "interval_start", $"interval start '{text}' {error}");
            return null;
        }

        offset = zone.GetUtcOffset(instant.Value);
        timeOfDay = local.Value.TimeOfDay;
        return instant;
    }
}
