using System.Text;

namespace Scheduler.Domain.History;

/// <summary>Splits one line of comma-separated values the RFC 4180 way.</summary>
/// <remarks>
/// A field may be wrapped in double quotes; inside quotes a comma is data and two double quotes stand for one.
/// Line breaks inside quoted fields are not supported: none of our formats needs them, and a quote left open at the
/// end of the line is reported as an error rather than swallowing the lines after it. Spaces are kept as they are.
/// </remarks>
public static class CsvLine
{
    /// <summary>Splits <paramref name="line"/> into <paramref name="fields"/>; returns an error text, or null when the line is well formed.</summary>
    public static string? Split(string line, List<string> fields)
    {
        fields.Clear();
        if (line.IndexOf('"') < 0)
        {
            foreach (var range in line.AsSpan().Split(','))
            {
                fields.Add(line[range]);
            }

            return null;
        }

        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) return "a quoted field is not closed before the end of the line";
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',') return $"unexpected text after the closing quote of field {fields.Count + 1}";
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"') return $"a double quote inside unquoted field {fields.Count + 1}; wrap the field in quotes and double the quote";
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString());
            if (i >= line.Length) return null;
            i++; // the comma
        }
    }
}
