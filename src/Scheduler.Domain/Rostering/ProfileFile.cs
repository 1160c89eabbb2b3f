using System.Globalization;
using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Rostering;

/// <summary>One cell of an average weekly profile: mean offered contacts of a call type in one weekday quarter-hour.</summary>
/// <param name="MeanHandleSeconds">Mean talk time of the answered calls in the cell; null when none was answered.</param>
public sealed record ProfileRow(string Type, IsoDayOfWeek Weekday, LocalTime IntervalStart, double MeanOffered, double? MeanHandleSeconds);

/// <summary>
/// Reads an average weekly profile CSV, <c>type,weekday,interval_start,mean_offered,mean_handle_seconds</c>
/// (data/profiles/anonymous-bank-weekly.csv; weekdays as Sun, Mon…; see data/profiles/README.md).
/// </summary>
public static class ProfileFile
{
    public const string Header = "type,weekday,interval_start,mean_offered,mean_handle_seconds";

    private static readonly string[] DayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static IReadOnlyList<ProfileRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    /// <exception cref="ImportException">Every bad line, with line and column; nothing is returned.</exception>
    public static IReadOnlyList<ProfileRow> Read(TextReader reader, string fileName)
    {
        var header = reader.ReadLine()?.TrimStart('\uFEFF').Trim();
        if (!string.Equals(header, Header, StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException([new ImportError(fileName, 1, "header", $"expected '{Header}'")]);
        }

        var errors = new List<ImportError>();
        var rows = new List<ProfileRow>();
        var seen = new HashSet<(string, IsoDayOfWeek, LocalTime)>();
        var fields = new List<string>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var ok = true;
            void Fail(string field, string reason)
            {
                errors.Add(new ImportError(fileName, lineNumber, field, reason));
                ok = false;
            }

            var malformed = CsvLine.Split(line, fields);
            if (malformed is not null || fields.Count != 5)
            {
                Fail("line", malformed ?? $"has {fields.Count} fields; the header has 5");
                continue;
            }

            var type = fields[0].Trim();
            if (type.Length == 0) Fail("type", "is empty");
            var day = Array.FindIndex(DayNames, d => d.Equals(fields[1].Trim(), StringComparison.OrdinalIgnoreCase));
            if (day < 0) Fail("weekday", $"'{fields[1]}' is not one of {string.Join(", ", DayNames)}");
            var time = JsonFields.TimePattern.Parse(fields[2].Trim());
            if (!time.Success || time.Value.Minute % 15 != 0) Fail("interval_start", $"'{fields[2]}' is not a quarter-hour HH:mm");
            if (!double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var offered) || offered < 0 || !double.IsFinite(offered))
            {
                Fail("mean_offered", $"'{fields[3]}' is not a number of 0 or more");
            }

            double? handle = null;
            if (fields[4].Trim().Length > 0)
            {
                if (double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h >= 0 && double.IsFinite(h)) handle = h;
                else Fail("mean_handle_seconds", $"'{fields[4]}' is not a number of 0 or more (or empty)");
            }

            if (!ok) continue;
            var weekday = (IsoDayOfWeek)(day + 1);
            if (!seen.Add((type, weekday, time.Value))) Fail("interval_start", $"{type} {fields[1]} {fields[2]} is listed twice");
            else rows.Add(new ProfileRow(type, weekday, time.Value, offered, handle));
        }

        if (errors.Count > 0) throw new ImportException(errors);
        return rows;
    }
}
