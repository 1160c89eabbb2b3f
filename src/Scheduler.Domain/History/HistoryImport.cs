using NodaTime;

namespace Scheduler.Domain.History;

/// <summary>Rows a data set documents as ignorable, left out on purpose, and why (e.g. PHANTOM calls).</summary>
public sealed record SkippedRows(string Reason, int Count);

/// <summary>The result of reading one history file that had no bad lines.</summary>
/// <remarks>
/// <see cref="Observations"/> is sorted by queue id (ordinal) and then by start instant. <see cref="RowsRead"/>
/// counts data lines (not the header, not blank lines), including the skipped ones.
/// </remarks>
public sealed record HistoryImport(
    string SourceFile,
    HistoryFormat Format,
    IReadOnlyList<IntervalObservation> Observations,
    Duration IntervalLength,
    DateTimeZone Zone,
    int RowsRead,
    IReadOnlyList<SkippedRows> Skipped)
{
    public int RowsSkipped => Skipped.Sum(s => s.Count);
}
