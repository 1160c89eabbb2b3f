using NodaTime;
using NodaTime.Text;

namespace Scheduler.Domain.History;

/// <summary>Reads the fpp3 <c>bank_calls</c> CSV: five-minute call counts (<c>rownames,DateTime,Calls</c>).</summary>
/// <remarks>
/// The <c>DateTime</c> labels end in Z but are the bank's local clock (every day starts at 07:00 on both sides of the
/// 2003 US DST change), so the Z is ignored and the label is read as a local time in the options' zone (default
/// Etc/UTC, which keeps the labels as they are), resolved strictly. Queue id "calls". The data has counts only:
/// offered = answered = Calls, abandoned 0, handle 0 and wait and service level unknown (null); do not read the zero
/// handle time as a real average. Only intervals with a row are emitted: the centre is closed nights and weekends, and
/// zero-filling those hours would invent demand data. <c>rownames</c> is checked to be a whole number and otherwise ignored.
/// </remarks>
internal static class BankCallsReader
{
    public const string QueueId = "calls";
    public const string DefaultZoneId = "Etc/UTC";

    private static readonly string[] Required = ["DateTime", "Calls"];
    private static readonly string[] Optional = ["rownames"];

    private static readonly LocalDateTimePattern[] Labels =
    [
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'"),
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss"),
    ];

    public static ReadResult Read(string header, TextReader reader, HistoryReadOptions options, ImportLog log)
    {
        var zone = options.Zone ?? DateTimeZoneProviders.Tzdb[DefaultZoneId];
        var length = Duration.FromMinutes(5);
        var fields = new List<string>();
        var splitError = CsvLine.Split(header, fields);
        if (splitError is not null) log.Error(1, "header", splitError);
        var columns = splitError is null ? ColumnMap.Read(fields, Required, Optional, log) : null;
        if (columns is null) return new ReadResult([], length, zone, 0);

        var observations = new List<IntervalObservation>(30_000);
        var seen = new Dictionary<Instant, int>();
        var lines = new DataLines(reader, log);
        while (lines.NextFields(fields, columns.Count))
        {
            var lineNo = lines.LineNumber;

            var before = log.ErrorCount;
            if (columns.Get(fields, "rownames") is { } rowName && FieldParser.Whole(rowName, out var rowError) is null)
                log.Error(lineNo, "rownames", rowError!);
            var calls = FieldParser.WholeAtLeastZero(columns.Get(fields, "Calls")!, out var callsError);
            if (calls is null) log.Error(lineNo, "Calls", callsError!);
            var labelText = columns.Get(fields, "DateTime")!;
            var label = Labels.Select(p => p.Parse(labelText)).FirstOrDefault(r => r.Success);
            Instant? start = null;
            if (label is null)
            {
                log.Error(lineNo, "DateTime", $"'{labelText}' is not a date-time in the form YYYY-MM-DDTHH:MM:SSZ");
            }
            else if (label.Value.TimeOfDay.TickOfDay % length.BclCompatibleTicks != 0)
            {
                log.Error(lineNo, "DateTime", $"'{labelText}' is not on a 5-minute boundary");
            }
            else
            {
                start = TimeText.Strict(label.Value, zone, out var zoneError);
                if (start is null) log.Error(lineNo, "DateTime", $"'{labelText}' {zoneError}");
            }

            if (log.ErrorCount != before) continue;
            if (!seen.TryAdd(start!.Value, lineNo))
            {
                log.Error(lineNo, "DateTime", $"'{labelText}' repeats line {seen[start.Value]}");
                continue;
            }

            observations.Add(new IntervalObservation(QueueId, start.Value, length, calls!.Value, calls.Value, 0, 0));
        }

        return new ReadResult(observations, length, zone, lines.Rows);
    }
}
