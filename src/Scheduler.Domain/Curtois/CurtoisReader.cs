using System.Globalization;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Curtois;

/// <summary>
/// Reads an instance file of the Curtois &amp; Qu benchmark (the .txt format: sections of comma-separated lines).
/// Every bad line is reported with its file, line number and field; nothing is returned when any is found.
/// </summary>
public static class CurtoisReader
{
    private static readonly string[] Sections =
    [
        "SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
        "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER",
    ];

    public static CurtoisInstance Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), Path.GetFileNameWithoutExtension(path));
    }

    public static CurtoisInstance Read(TextReader reader, string fileName, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var log = new ImportLog(fileName);
        var lines = new Dictionary<string, List<(int Line, string[] Fields)>>(StringComparer.Ordinal);
        string? section = null;
        var number = 0;
        while (reader.ReadLine() is { } raw)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (line.StartsWith("SECTION_", StringComparison.Ordinal))
            {
                if (Array.IndexOf(Sections, line) < 0)
                {
                    log.Error(number, "section", $"'{line}' is not a section of this format ({string.Join(", ", Sections)})");
                    section = null;
                }
                else if (lines.ContainsKey(line))
                {
                    log.Error(number, "section", $"'{line}' appears twice");
                    section = null;
                }
                else
                {
                    section = line;
                    lines[line] = [];
                }

                continue;
            }

            if (section is null)
            {
                log.Error(number, "line", "is not inside a known section");
                continue;
            }

            lines[section].Add((number, line.Split(',').Select(f => f.Trim()).ToArray()));
        }

        foreach (var s in Sections.Where(s => !lines.ContainsKey(s)))
        {
            log.Error(number, s, "section is missing");
        }

        log.ThrowIfAny();
        var days = ReadHorizon(lines["SECTION_HORIZON"], log, number);
        log.ThrowIfAny();
        var shifts = ReadShifts(lines["SECTION_SHIFTS"], log);
        log.ThrowIfAny();
        var staff = ReadStaff(lines["SECTION_STAFF"], shifts, log);
        var daysOff = ReadDaysOff(lines["SECTION_DAYS_OFF"], staff, days, log);
        var on = ReadRequests(lines["SECTION_SHIFT_ON_REQUESTS"], staff, shifts, days, log);
        var off = ReadRequests(lines["SECTION_SHIFT_OFF_REQUESTS"], staff, shifts, days, log);
        var cover = ReadCover(lines["SECTION_COVER"], shifts, days, log);
        log.ThrowIfAny();
        var employees = staff.Select((e, i) => e with { DaysOff = daysOff[i] }).ToList();
        return new CurtoisInstance(name, days, shifts, employees, on, off, cover);
    }

    private static int ReadHorizon(List<(int Line, string[] Fields)> rows, ImportLog log, int lastLine)
    {
        if (rows.Count != 1 || rows[0].Fields.Length != 1)
        {
            log.Error(rows.Count > 0 ? rows[0].Line : lastLine, "SECTION_HORIZON", "must hold exactly one number, the days of the horizon");
            return 0;
        }

        var days = Int(rows[0].Fields[0], rows[0].Line, "horizon days", log, min: 1);
        if (days % 7 != 0)
        {
            log.Error(rows[0].Line, "horizon days", $"{days} is not a whole number of weeks");
        }

        return days;
    }

    private static List<CurtoisShiftType> ReadShifts(List<(int Line, string[] Fields)> rows, ImportLog log)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, f) in rows)
        {
            if (f.Length > 0 && f[0].Length > 0 && !ids.TryAdd(f[0], ids.Count))
            {
                log.Error(line, "ShiftID", $"'{f[0]}' is defined twice");
            }
        }

        var shifts = new List<CurtoisShiftType>();
        foreach (var (line, f) in rows)
        {
            if (f.Length != 3)
            {
                log.Error(line, "line", $"has {f.Length} fields; a shift is 'ShiftID, LengthInMinutes, CannotFollow'");
                continue;
            }

            if (f[0].Length == 0)
            {
                log.Error(line, "ShiftID", "is empty");
            }

            var minutes = Int(f[1], line, "LengthInMinutes", log, min: 1);
            var cannot = new List<int>();
            foreach (var id in f[2].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (ids.TryGetValue(id, out var index))
                {
                    cannot.Add(index);
                }
                else
                {
                    log.Error(line, "CannotFollow", $"'{id}' is not a shift type of this file");
                }
            }

            shifts.Add(new CurtoisShiftType(f[0], minutes, cannot));
        }

        if (rows.Count == 0)
        {
            log.Error(0, "SECTION_SHIFTS", "has no shift type");
        }

        return shifts;
    }

    private static List<CurtoisEmployee> ReadStaff(List<(int Line, string[] Fields)> rows, List<CurtoisShiftType> shifts, ImportLog log)
    {
        var staff = new List<CurtoisEmployee>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (line, f) in rows)
        {
            if (f.Length != 8)
            {
                log.Error(line, "line", $"has {f.Length} fields; staff lines have 8 (ID, MaxShifts, MaxTotalMinutes, MinTotalMinutes, MaxConsecutiveShifts, MinConsecutiveShifts, MinConsecutiveDaysOff, MaxWeekends)");
                continue;
            }

            if (f[0].Length == 0 || !seen.Add(f[0]))
            {
                log.Error(line, "ID", f[0].Length == 0 ? "is empty" : $"'{f[0]}' is listed twice");
            }

            // A shift type the line does not list is unlimited (the README allows it; no file does it).
            var max = Enumerable.Repeat(int.MaxValue, shifts.Count).ToArray();
            foreach (var pair in f[1].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = pair.Split('=');
                var index = parts.Length == 2 ? shifts.FindIndex(s => s.Id == parts[0].Trim()) : -1;
                if (index < 0)
                {
                    log.Error(line, "MaxShifts", $"'{pair}' is not 'ShiftID=limit' with a shift type of this file");
                    continue;
                }

                max[index] = Int(parts[1], line, "MaxShifts", log, min: 0);
            }

            var maxTotal = Int(f[2], line, "MaxTotalMinutes", log, min: 0);
            var minTotal = Int(f[3], line, "MinTotalMinutes", log, min: 0);
            if (minTotal > maxTotal)
            {
                log.Error(line, "MinTotalMinutes", $"{minTotal} is above MaxTotalMinutes {maxTotal}");
            }

            var maxRun = Int(f[4], line, "MaxConsecutiveShifts", log, min: 1);
            var minRun = Int(f[5], line, "MinConsecutiveShifts", log, min: 0);
            if (minRun > maxRun)
            {
                log.Error(line, "MinConsecutiveShifts", $"{minRun} is above MaxConsecutiveShifts {maxRun}");
            }

            staff.Add(new CurtoisEmployee(f[0], max, maxTotal, minTotal, maxRun, minRun, Int(f[6], line, "MinConsecutiveDaysOff", log, min: 0), Int(f[7], line, "MaxWeekends", log, min: 0), new HashSet<int>()));
        }

        return staff;
    }

    private static HashSet<int>[] ReadDaysOff(List<(int Line, string[] Fields)> rows, List<CurtoisEmployee> staff, int days, ImportLog log)
    {
        var off = staff.Select(_ => new HashSet<int>()).ToArray();
        foreach (var (line, f) in rows)
        {
            var e = Employee(f[0], line, staff, log);
            for (var i = 1; i < f.Length; i++)
            {
                if (f[i].Length == 0)
                {
                    continue;
                }

                var day = Int(f[i], line, "Day", log, min: 0, max: days - 1);
                if (e >= 0)
                {
                    off[e].Add(day);
                }
            }
        }

        return off;
    }

    private static List<CurtoisRequest> ReadRequests(List<(int Line, string[] Fields)> rows, List<CurtoisEmployee> staff, List<CurtoisShiftType> shifts, int days, ImportLog log)
    {
        var requests = new List<CurtoisRequest>();
        foreach (var (line, f) in rows)
        {
            if (f.Length != 4)
            {
                log.Error(line, "line", $"has {f.Length} fields; a request is 'EmployeeID, Day, ShiftID, Weight'");
                continue;
            }

            var e = Employee(f[0], line, staff, log);
            var day = Int(f[1], line, "Day", log, min: 0, max: days - 1);
            var s = Shift(f[2], line, shifts, log);
            var weight = Int(f[3], line, "Weight", log, min: 0);
            requests.Add(new CurtoisRequest(e, day, s, weight));
        }

        return requests;
    }

    private static List<CurtoisCover> ReadCover(List<(int Line, string[] Fields)> rows, List<CurtoisShiftType> shifts, int days, ImportLog log)
    {
        var cover = new List<CurtoisCover>();
        var seen = new HashSet<(int, int)>();
        foreach (var (line, f) in rows)
        {
            if (f.Length != 5)
            {
                log.Error(line, "line", $"has {f.Length} fields; a cover row is 'Day, ShiftID, Requirement, WeightForUnder, WeightForOver'");
                continue;
            }

            var day = Int(f[0], line, "Day", log, min: 0, max: days - 1);
            var s = Shift(f[1], line, shifts, log);
            if (s >= 0 && !seen.Add((day, s)))
            {
                log.Error(line, "ShiftID", $"day {day}, shift '{f[1]}' already has a cover row");
            }

            cover.Add(new CurtoisCover(day, s, Int(f[2], line, "Requirement", log, min: 0), Int(f[3], line, "WeightForUnder", log, min: 0), Int(f[4], line, "WeightForOver", log, min: 0)));
        }

        return cover;
    }

    private static int Employee(string id, int line, List<CurtoisEmployee> staff, ImportLog log)
    {
        var e = staff.FindIndex(x => x.Id == id);
        if (e < 0)
        {
            log.Error(line, "EmployeeID", $"'{id}' is not in SECTION_STAFF");
        }

        return e;
    }

    private static int Shift(string id, int line, List<CurtoisShiftType> shifts, ImportLog log)
    {
        var s = shifts.FindIndex(x => x.Id == id);
        if (s < 0)
        {
            log.Error(line, "ShiftID", $"'{id}' is not in SECTION_SHIFTS");
        }

        return s;
    }

    private static int Int(string text, int line, string field, ImportLog log, int min, int max = int.MaxValue)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            log.Error(line, field, $"'{text}' is not a whole number");
            return 0;
        }

        if (value < min || value > max)
        {
            log.Error(line, field, max == int.MaxValue ? $"{value} is below {min}" : $"{value} is outside {min}..{max}");
            return Math.Clamp(value, min, max);
        }

        return value;
    }
}
