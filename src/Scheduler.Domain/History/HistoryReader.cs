using System.Text;
using NodaTime;

namespace Scheduler.Domain.History;

/// <summary>Reads one history file of a known format into interval observations, or reports every bad line.</summary>
/// <remarks>
/// All or nothing: the whole file is read and checked first, and if any line is bad an <see cref="ImportException"/>
/// carries all of them, so a caller never stores half a file. Line numbers count from 1 with the header as line 1.
/// Intervals are merged to <see cref="HistoryReadOptions.IntervalMinutes"/> when it is longer than the file's own
/// length; a shorter one cannot be made up from the data and is reported as an error on line 1.
/// </remarks>
public static class HistoryReader
{
    /// <summary>Reads the file at <paramref name="path"/>; errors name the file by its file name only.</summary>
    public static HistoryImport Read(string path, HistoryFormat format, HistoryReadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return Read(reader, Path.GetFileName(path), format, options);
    }

    /// <summary>Reads from <paramref name="reader"/>; <paramref name="fileName"/> is the name used in errors and in the result.</summary>
    public static HistoryImport Read(TextReader reader, string fileName, HistoryFormat format, HistoryReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        options ??= HistoryReadOptions.Default;
        if (options.IntervalMinutes is { } minutes && !Time.IntervalGrid.AllowedMinutes.Contains(minutes))
            throw new ArgumentOutOfRangeException(nameof(options), minutes, "IntervalMinutes must be 5, 15, 30 or 60, or null for the file's own length.");
        if (options.ServiceThresholdSeconds < 0)
            throw new ArgumentOutOfRangeException(nameof(options), options.ServiceThresholdSeconds, "ServiceThresholdSeconds must be 0 or more.");

        var log = new ImportLog(fileName);
        var header = reader.ReadLine();
        if (header is null)
        {
            log.Error(1, "header", "the file is empty; a header line is required");
            log.ThrowIfAny();
        }

        header = header!.TrimStart('\uFEFF');
        var result = format switch
        {
            HistoryFormat.IntervalCsv => IntervalCsvReader.Read(header, reader, options, log),
            HistoryFormat.AnonymousBank when AnonymousBankRawReader.IsHeader(header) => AnonymousBankRawReader.Read(header, reader, options, log),
            HistoryFormat.AnonymousBank when AnonymousBankAggregateReader.IsHeader(header) => AnonymousBankAggregateReader.Read(header, reader, options, log),
            HistoryFormat.AnonymousBank => Unrecognised(log, "an Anonymous Bank raw file (header starting 'vru+line') or 15-minute aggregate (header starting 'date,weekday,interval_start')"),
            HistoryFormat.BankCalls => BankCallsReader.Read(header, reader, options, log),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown history format."),
        };
        log.ThrowIfAny();

        var observations = result.Observations;
        var length = result.Length;
        if (options.IntervalMinutes is { } wanted && Duration.FromMinutes(wanted) != length)
        {
            var wantedLength = Duration.FromMinutes(wanted);
            if (wantedLength < length || wantedLength.BclCompatibleTicks % length.BclCompatibleTicks != 0)
            {
                log.Error(1, "interval_minutes", $"the file has {length.TotalMinutes}-minute intervals; they cannot be split into {wanted}-minute intervals");
                log.ThrowIfAny();
            }

            observations = IntervalMerger.Merge(observations, wantedLength, result.Zone);
            length = wantedLength;
        }
        else
        {
            observations = IntervalMerger.Sorted(observations);
        }

        return new HistoryImport(fileName, format, observations, length, result.Zone, result.RowsRead, log.Skipped);
    }

    private static ReadResult Unrecognised(ImportLog log, string expected)
    {
        log.Error(1, "header", $"the header is not that of {expected}");
        return new ReadResult([], Duration.FromMinutes(15), DateTimeZone.Utc, 0);
    }
}
