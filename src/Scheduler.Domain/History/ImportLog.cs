namespace Scheduler.Domain.History;

/// <summary>Collects the bad lines of one file while it is read, then throws them all at once.</summary>
internal sealed class ImportLog(string fileName)
{
    private readonly List<ImportError> _errors = [];
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);

    public string FileName { get; } = fileName;

    public bool HasErrors => _errors.Count > 0;

    public int ErrorCount => _errors.Count;

    public void Error(int line, string field, string reason) => _errors.Add(new ImportError(FileName, line, field, reason));

    public void Skip(string reason, int count = 1) => _skipped[reason] = _skipped.GetValueOrDefault(reason) + count;

    public IReadOnlyList<SkippedRows> Skipped => [.. _skipped.Select(kv => new SkippedRows(kv.Key, kv.Value)).OrderBy(s => s.Reason, StringComparer.Ordinal)];

    /// <summary>Throws <see cref="ImportException"/> with every error collected, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new ImportException([.. _errors]);
    }
}
