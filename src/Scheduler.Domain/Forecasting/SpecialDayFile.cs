using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Forecasting;

/// <summary>
/// Special days as a supervisor writes them: <c>date,name,volume_factor[,shape_like]</c>, e.g.
/// <c>2027-03-10,Eid al-Fitr,0.45,Friday</c>.
/// </summary>
public static class SpecialDayFile
{
    public const string Header = "date,name,volume_factor,shape_like";

    public static SpecialDayCalendar Read(TextReader reader, string fileName)
    {
        var errors = new List<ImportError>();
        var header = reader.ReadLine()?.TrimStart('\uFEFF').Trim();
        if (header is null || !(header.Equals(Header, StringComparison.OrdinalIgnoreCase) || header.Equals("date,name,volume_factor", StringComparison.OrdinalIgnoreCase)))
        {
            throw new ImportException([new ImportError(fileName, 1, "header", $"expected '{Header}' (shape_like is optional)")]);
        }

        var days = new List<SpecialDay>();
        var seen = new HashSet<LocalDate>();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var f = line.Split(',');
            if (f.Length is < 3 or > 4)
            {
                errors.Add(new ImportError(fileName, number, "row", $"expected 3 or 4 fields, found {f.Length}"));
                continue;
            }

            var date = LocalDatePattern.Iso.Parse(f[0].Trim());
            if (!date.Success)
            {
                errors.Add(new ImportError(fileName, number, "date", $"'{f[0]}' is not a date such as 2027-03-10"));
            }
            else if (!seen.Add(date.Value))
            {
                errors.Add(new ImportError(fileName, number, "date", $"{f[0]} is listed twice"));
            }

            if (!double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) || factor < 0 || factor > 10)
            {
                errors.Add(new ImportError(fileName, number, "volume_factor", $"'{f[2]}' is not a number between 0 and 10 (1 = a normal day)"));
            }

            IsoDayOfWeek? shape = null;
            if (f.Length == 4 && f[3].Trim().Length > 0)
            {
                if (Enum.TryParse<IsoDayOfWeek>(f[3].Trim(), ignoreCase: true, out var weekday) && weekday != IsoDayOfWeek.None)
                {
                    shape = weekday;
                }
                else
                {
                    errors.Add(new ImportError(fileName, number, "shape_like", $"'{f[3]}' is not a weekday name such as Friday"));
                }
            }

            if (date.Success && errors.Count == 0)
            {
                days.Add(new SpecialDay(date.Value, f[1].Trim(), factor, shape));
            }
        }

        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        return new SpecialDayCalendar(days);
    }

    public static SpecialDayCalendar Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path));
    }
}
