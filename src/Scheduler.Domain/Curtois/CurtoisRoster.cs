using System.Globalization;
using System.Text;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Curtois;

/// <summary>A roster for a <see cref="CurtoisInstance"/>: per employee and day the shift type index, or <see cref="Off"/>.</summary>
public sealed class CurtoisRoster
{
    public const int Off = -1;

    private readonly int[][] _shifts;

    public CurtoisRoster(int employees, int days)
    {
        _shifts = new int[employees][];
        for (var e = 0; e < employees; e++)
        {
            _shifts[e] = Enumerable.Repeat(Off, days).ToArray();
        }
    }

    public int Employees => _shifts.Length;

    public int Days => _shifts.Length == 0 ? 0 : _shifts[0].Length;

    public int this[int employee, int day]
    {
        get => _shifts[employee][day];
        set => _shifts[employee][day] = value;
    }

    public bool Works(int employee, int day) => _shifts[employee][day] != Off;

    /// <summary>The roster file: a header <c>employee,day,shift</c>, then one line per worked shift (day 0-based).</summary>
    public string ToCsv(CurtoisInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var text = new StringBuilder("employee,day,shift\n");
        for (var e = 0; e < Employees; e++)
        {
            for (var d = 0; d < Days; d++)
            {
                if (Works(e, d))
                {
                    text.Append(CultureInfo.InvariantCulture, $"{instance.Employees[e].Id},{d},{instance.ShiftTypes[_shifts[e][d]].Id}\n");
                }
            }
        }

        return text.ToString();
    }

    /// <summary>Reads a roster file written by <see cref="ToCsv"/>; every bad line is reported with its number and field.</summary>
    public static CurtoisRoster ReadCsv(CurtoisInstance instance, TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(reader);
        var log = new ImportLog(fileName);
        var roster = new CurtoisRoster(instance.Employees.Count, instance.Days);
        var header = reader.ReadLine();
        if (header is null || !string.Equals(header.Trim(), "employee,day,shift", StringComparison.Ordinal))
        {
            log.Error(1, "header", "the first line must be 'employee,day,shift'");
            log.ThrowIfAny();
        }

        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var f = line.Split(',').Select(x => x.Trim()).ToArray();
            if (f.Length != 3)
            {
                log.Error(number, "line", $"has {f.Length} fields; expected employee,day,shift");
                continue;
            }

            var e = instance.EmployeeIndex(f[0]);
            if (e < 0)
            {
                log.Error(number, "employee", $"'{f[0]}' is not an employee of {instance.Name}");
            }

            if (!int.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var day) || day < 0 || day >= instance.Days)
            {
                log.Error(number, "day", $"'{f[1]}' is not a day index 0..{instance.Days - 1}");
                continue;
            }

            var s = instance.ShiftIndex(f[2]);
            if (s < 0)
            {
                log.Error(number, "shift", $"'{f[2]}' is not a shift type of {instance.Name}");
            }

            if (e < 0 || s < 0)
            {
                continue;
            }

            if (roster.Works(e, day))
            {
                log.Error(number, "day", $"{f[0]} already has a shift on day {day}");
                continue;
            }

            roster[e, day] = s;
        }

        log.ThrowIfAny();
        return roster;
    }
}
