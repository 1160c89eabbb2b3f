namespace Scheduler.Domain.History;

/// <summary>
/// The data lines of a file after its header: counts line numbers (header = 1) and rows, skips blank lines, and
/// for CSV formats splits each line and reports a malformed or wrong-width line once, so every reader does it alike.
/// </summary>
internal sealed class DataLines(TextReader reader, ImportLog log)
{
    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; } = 1;

    /// <summary>Non-blank data lines read so far, good or bad.</summary>
    public int Rows { get; private set; }

    /// <summary>The next non-blank line, or null at the end of the file.</summary>
    public string? Next()
    {
        while (reader.ReadLine() is { } line)
        {
            LineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            Rows++;
            return line;
        }

        return null;
    }

    /// <summary>
    /// Splits the next well-formed CSV line with <paramref name="width"/> fields into <paramref name="fields"/>;
    /// malformed lines are logged and passed over. False at the end of the file.
    /// </summary>
    public bool NextFields(List<string> fields, int width)
    {
        while (Next() is { } line)
        {
            var error = CsvLine.Split(line, fields);
            if (error is null && fields.Count == width) return true;
            log.Error(LineNumber, "line", error ?? $"has {fields.Count} fields; the header has {width}");
        }

        return false;
    }
}
