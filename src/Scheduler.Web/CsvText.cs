namespace Scheduler.Web;

/// <summary>
/// Cells of the CSV files the app exports. A cell a spreadsheet would take for a formula (starting with = + - @, or a
/// tab or carriage return) is prefixed with an apostrophe (OWASP's advice against CSV injection), so "=HYPERLINK(...)"
/// typed as an agent's name stays text in Excel; the app's own imports take the apostrophe off again.
/// </summary>
public static class CsvText
{
    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.Contains(',', StringComparison.Ordinal) || text.Contains('"', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal)
            ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : text;
    }

    /// <summary>A cell as an export wrote it, back to its value.</summary>
    public static string Restore(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;

    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell));
}
