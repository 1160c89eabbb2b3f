namespace Scheduler.Domain.History;

/// <summary>Collects the bad lines of one file while it is read, then throws them all at once.</summary>
/// <remarks>
/// Only the first <see cref="MaxListed"/> errors are kept, the rest only counted: a 50 MB file of garbage must not make
/// millions of error objects, and nobody reads past the first screen anyway.
/// </remarks>
internal sealed class ImportLog(string fileName)
{
    public const int MaxListed = 200;

    private readonly List<ImportError> _errors = [];
    private int _total;
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);

    public string FileName { get; } = fileName;

    public bool HasErrors => _total > 0;

    /// <summary>Every error found, listed or not.</summary>
    public int ErrorCount => _total;

    public void Error(int line, string field, string reason)
    {
        if (_total++ < MaxListed)
        {
            _errors.Add(new ImportError(FileName, line, field, reason));
        }
    }

    public void Skip(string reason, int count = 1) => _skipped[reason] = _skipped.GetValueOrDefault(reason) + count;

    public IReadOnlyList<SkippedRows> Skipped => [.. _skipped.Select(kv => new SkippedRows(kv.Key, kv.Value)).OrderBy(s => s.Reason, StringComparer.Ordinal)];

    /// <summary>Throws <see cref="ImportException"/> with every error collected, if there is any.</summary>
    public void ThrowIfAny()
    {
        if (_total > 0) throw new ImportException([.. _errors], _total);
    }
}
