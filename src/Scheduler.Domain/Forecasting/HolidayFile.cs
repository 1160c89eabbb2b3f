using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Forecasting;

/// <summary>
/// A site's holiday calendar as a supervisor writes it (docs/formats/holidays-csv.md), e.g.
/// <c>victory-day,Victory Day,fixed,12-16,,0,0,no,,,,</c> or
/// <c>eid-al-fitr,Eid al-Fitr,moving,2027-03-10,2027-03-12,1,3,yes,0.45,,1.3,</c>. Lines starting with <c>#</c> are
/// comments.
/// </summary>
/// <remarks>Every bad line is reported with its number and field, and then nothing is read: a calendar is taken
/// whole or not at all.</remarks>
public static partial class HolidayFile
{
    public const string Header = "key,name,kind,date,end,days_before,days_after,expected,factor,before_factor,after_factor,learn_as";

    private static readonly string[] Columns = Header.Split(',');

    public static HolidayCalendar Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var errors = new List<ImportError>();
        var holidays = new List<(Holiday Holiday, int Line)>();
        var number = 0;
        var headerSeen = false;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.TrimStart('\uFEFF').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!headerSeen)
            {
                headerSeen = true;
                if (!line.Equals(Header, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(new ImportError(fileName, number, "header", $"expected '{Header}'"));
                    break;
                }

                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != Columns.Length)
            {
                errors.Add(new ImportError(fileName, number, "row", $"expected {Columns.Length} fields ({Header}), found {fields.Length}; names may not contain commas"));
                continue;
            }

            if (ReadRow(fields.Select(f => f.Trim()).ToArray(), fileName, number, errors) is { } holiday)
            {
                holidays.Add((holiday, number));
            }
        }

        if (!headerSeen && errors.Count == 0)
        {
            errors.Add(new ImportError(fileName, Math.Max(number, 1), "header", $"the file is empty; expected '{Header}'"));
        }

        CheckListedTwice(holidays, fileName, errors);
        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        return new HolidayCalendar([.. holidays.Select(h => h.Holiday)]);
    }

    public static HolidayCalendar Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads <paramref name="text"/> (a form's content) as <paramref name="fileName"/>.</summary>
    public static HolidayCalendar Parse(string text, string fileName)
    {
        using var reader = new StringReader(text);
        return Read(reader, fileName);
    }

    private static Holiday? ReadRow(string[] f, string file, int line, List<ImportError> errors)
    {
        var before = errors.Count;
        var key = f[0];
        if (!KeyPattern().IsMatch(key))
        {
            errors.Add(new ImportError(file, line, "key", $"'{key}' is not a key such as eid-al-fitr (lower-case letters, digits and dashes)"));
        }

        if (f[1].Length == 0)
        {
            errors.Add(new ImportError(file, line, "name", "is empty"));
        }

        HolidayKind? kind = f[2].ToLowerInvariant() switch
        {
            "fixed" => HolidayKind.Fixed,
            "moving" => HolidayKind.Moving,
            _ => null,
        };
        if (kind is null)
        {
            errors.Add(new ImportError(file, line, "kind", $"'{f[2]}' is not a holiday kind: fixed (the same date every year) or moving (dates entered per year)"));
        }

        AnnualDate annual = default;
        LocalDate? start = null, end = null;
        if (kind == HolidayKind.Fixed)
        {
            var parsed = AnnualDatePattern.Iso.Parse(f[3]);
            if (parsed.Success)
            {
                annual = parsed.Value;
            }
            else
            {
                errors.Add(new ImportError(file, line, "date", $"'{f[3]}' is not a month and day such as 12-16 (a fixed holiday recurs every year)"));
            }

            if (f[4].Length > 0)
            {
                errors.Add(new ImportError(file, line, "end", "a fixed holiday is one day; leave end empty, or make it a moving holiday with dates per year"));
            }
        }
        else if (kind == HolidayKind.Moving)
        {
            var parsed = LocalDatePattern.Iso.Parse(f[3]);
            if (parsed.Success)
            {
                start = parsed.Value;
                annual = new AnnualDate(start.Value.Month, start.Value.Day);
            }
            else
            {
                errors.Add(new ImportError(file, line, "date", $"'{f[3]}' is not a date such as 2027-03-10"));
            }

            end = start;
            if (f[4].Length > 0)
            {
                var parsedEnd = LocalDatePattern.Iso.Parse(f[4]);
                if (!parsedEnd.Success)
                {
                    errors.Add(new ImportError(file, line, "end", $"'{f[4]}' is not a date such as 2027-03-12"));
                }
                else if (start is { } s && parsedEnd.Value < s)
                {
                    errors.Add(new ImportError(file, line, "end", $"{f[4]} is before the start {f[3]}"));
                }
                else if (start is { } s2 && Period.Between(s2, parsedEnd.Value, PeriodUnits.Days).Days >= 14)
                {
                    errors.Add(new ImportError(file, line, "end", $"{f[4]} makes the holiday longer than 14 days"));
                }
                else
                {
                    end = parsedEnd.Value;
                }
            }
        }

        var daysBefore = Window(f[5], "days_before", file, line, errors);
        var daysAfter = Window(f[6], "days_after", file, line, errors);
        bool? expected = f[7].ToLowerInvariant() switch
        {
            "" or "no" or "false" => false,
            "yes" or "true" or "expected" => true,
            _ => null,
        };
        if (expected is null)
        {
            errors.Add(new ImportError(file, line, "expected", $"'{f[7]}' is not yes or no (yes: the date is expected, it depends on the moon)"));
        }

        var factor = Factor(f[8], "factor", file, line, errors);
        var beforeFactor = Factor(f[9], "before_factor", file, line, errors);
        var afterFactor = Factor(f[10], "after_factor", file, line, errors);
        if (beforeFactor is not null && daysBefore == 0)
        {
            errors.Add(new ImportError(file, line, "before_factor", "is given but days_before is 0"));
        }

        if (afterFactor is not null && daysAfter == 0)
        {
            errors.Add(new ImportError(file, line, "after_factor", "is given but days_after is 0"));
        }

        string? learnAs = f[11].Length == 0 ? null : f[11];
        if (learnAs is not null && !KeyPattern().IsMatch(learnAs))
        {
            errors.Add(new ImportError(file, line, "learn_as", $"'{learnAs}' is not a key such as federal-closure"));
        }

        return errors.Count > before || kind is null
            ? null
            : new Holiday(key, f[1], kind.Value, annual, start, end, daysBefore, daysAfter, expected!.Value, factor, beforeFactor, afterFactor, learnAs);
    }

    private static int Window(string text, string field, string file, int line, List<ImportError> errors)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= Holiday.MaxWindowDays)
        {
            return days;
        }

        errors.Add(new ImportError(file, line, field, $"'{text}' is not a whole number of days from 0 to {Holiday.MaxWindowDays}"));
        return 0;
    }

    private static double? Factor(string text, string field, string file, int line, List<ImportError> errors)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= Holiday.MaxFactor)
        {
            return value;
        }

        errors.Add(new ImportError(file, line, field, $"'{text}' is not a factor above 0 and at most {Holiday.MaxFactor} (1 = a normal day, 0.45 = 45 % of one)"));
        return null;
    }

    /// <summary>A holiday whose own days meet another row of the same key: the same date listed twice.</summary>
    private static void CheckListedTwice(List<(Holiday Holiday, int Line)> rows, string file, List<ImportError> errors)
    {
        foreach (var group in rows.GroupBy(r => r.Holiday.Key, StringComparer.Ordinal))
        {
            var list = group.ToList();
            if (list.Select(r => r.Holiday.Kind).Distinct().Count() > 1)
            {
                errors.Add(new ImportError(file, list[^1].Line, "kind", $"'{group.Key}' is fixed on line {list.First(r => r.Holiday.Kind == HolidayKind.Fixed).Line} and moving on line {list.First(r => r.Holiday.Kind == HolidayKind.Moving).Line}; give it one kind"));
                continue;
            }

            for (var i = 1; i < list.Count; i++)
            {
                for (var j = 0; j < i; j++)
                {
                    var (a, b) = (list[j].Holiday, list[i].Holiday);
                    var twice = a.Kind == HolidayKind.Fixed
                        ? a.FixedDate == b.FixedDate
                        : a.Start <= b.End && b.Start <= a.End;
                    if (twice || a.Kind == HolidayKind.Fixed)
                    {
                        var what = twice ? $"{b.Name} on {(b.Kind == HolidayKind.Fixed ? b.FixedDate.ToString() : b.Start.ToString())} is listed twice" : $"the fixed holiday '{group.Key}' is listed twice";
                        errors.Add(new ImportError(file, list[i].Line, "date", $"{what} (first on line {list[j].Line})"));
                        break;
                    }
                }
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex KeyPattern();
}
