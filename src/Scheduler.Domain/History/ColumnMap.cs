namespace Scheduler.Domain.History;

/// <summary>The columns of a CSV header, found by name in any order, ignoring case.</summary>
/// <remarks>
/// Unknown, repeated and missing columns are all reported on the header line (line 1), each naming the column, so
/// one run shows every header problem.
/// </remarks>
internal sealed class ColumnMap
{
    private readonly Dictionary<string, int> _index;

    private ColumnMap(Dictionary<string, int> index, int count)
    {
        _index = index;
        Count = count;
    }

    /// <summary>How many columns the header has: every data line must have as many fields.</summary>
    public int Count { get; }

    /// <summary>Maps <paramref name="header"/>; returns null (with errors logged) when it has unknown, repeated or missing columns.</summary>
    public static ColumnMap? Read(IReadOnlyList<string> header, IReadOnlyList<string> required, IReadOnlyList<string> optional, ImportLog log, int line = 1)
    {
        var allowed = required.Concat(optional).ToList();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var known = allowed.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                log.Error(line, name.Length == 0 ? $"column {i + 1}" : name, $"unknown column '{name}'; the allowed columns are {string.Join(", ", allowed)}");
                ok = false;
            }
            else if (!index.TryAdd(known, i))
            {
                log.Error(line, known, $"column '{known}' appears more than once");
                ok = false;
            }
        }

        foreach (var name in required.Where(r => !index.ContainsKey(r)))
        {
            log.Error(line, name, $"required column '{name}' is missing");
            ok = false;
        }

        return ok ? new ColumnMap(index, header.Count) : null;
    }

    public bool Has(string name) => _index.ContainsKey(name);

    /// <summary>The field of <paramref name="name"/> in <paramref name="fields"/>, or null when the column is absent.</summary>
    public string? Get(IReadOnlyList<string> fields, string name) => _index.TryGetValue(name, out var i) ? fields[i] : null;
}
