using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Planning;

/// <summary>
/// The forecast CSV: <c>queue,interval_start,interval_minutes,contacts,aht_seconds</c>, one row per queue and
/// interval, starts written as local time with its offset in the site's zone (docs/formats/forecast-csv.md).
/// </summary>
public static class ForecastFile
{
    public const string Header = "queue,interval_start,interval_minutes,contacts,aht_seconds";

    internal static readonly OffsetDateTimePattern StartPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>");

    public static void Write(TextWriter writer, IEnumerable<ForecastInterval> forecast, DateTimeZone zone)
    {
        writer.WriteLine(Header);
        foreach (var f in forecast)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{f.QueueId},{StartPattern.Format(f.Start.InZone(zone).ToOffsetDateTime())},{f.Length.TotalMinutes:0},{f.Contacts:0.###},{f.AhtSeconds:0.#}"));
        }
    }

    /// <summary>Reads a forecast file; every bad line is reported (file, line, field) and nothing is returned.</summary>
    public static IReadOnlyList<ForecastInterval> Read(TextReader reader, string fileName)
    {
        var errors = new List<ImportError>();
        var header = reader.ReadLine()?.TrimStart('\uFEFF');
        if (header is null || !header.Trim().Equals(Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException([new ImportError(fileName, 1, "header", $"expected '{Header}'")]);
        }

        var result = new List<ForecastInterval>();
        var seen = new HashSet<(string, Instant)>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var f = line.Split(',');
            if (f.Length != 5)
            {
                errors.Add(new ImportError(fileName, lineNumber, "row", $"expected 5 fields, found {f.Length}"));
                continue;
            }

            var ok = true;
            void Fail(string field, string reason)
            {
                errors.Add(new ImportError(fileName, lineNumber, field, reason));
                ok = false;
            }

            var queue = f[0].Trim();
            if (queue.Length == 0)
            {
                Fail("queue", "is empty");
            }

            var start = StartPattern.Parse(f[1].Trim());
            if (!start.Success)
            {
                Fail("interval_start", $"'{f[1]}' is not a date-time with offset such as 2026-11-30T09:15:00+06:00");
            }

            if (!int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) || !Time.IntervalGrid.AllowedMinutes.Contains(minutes))
            {
                Fail("interval_minutes", $"'{f[2]}' is not one of 5, 15, 30, 60");
            }

            if (!double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var contacts) || contacts < 0 || !double.IsFinite(contacts))
            {
                Fail("contacts", $"'{f[3]}' is not a number of 0 or more");
            }

            if (!double.TryParse(f[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var aht) || aht < 0 || !double.IsFinite(aht))
            {
                Fail("aht_seconds", $"'{f[4]}' is not a number of 0 or more");
            }

            if (!ok)
            {
                continue;
            }

            var instant = start.Value.ToInstant();
            if (!seen.Add((queue, instant)))
            {
                Fail("interval_start", $"queue '{queue}' already has a row for {f[1]}");
                continue;
            }

            result.Add(new ForecastInterval(queue, instant, Duration.FromMinutes(minutes), contacts, aht));
        }

        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        return result;
    }

    public static IReadOnlyList<ForecastInterval> Read(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, Path.GetFileName(path));
    }
}
