using NodaTime;
using Scheduler.Data.Entities;

namespace Scheduler.Data.History;

/// <summary>What one import stored: enough for a supervisor to recognise the file and the weeks it covered.</summary>
/// <param name="ReplacedCount">Stored observations (same queue and start) this import replaced.</param>
/// <param name="Zone">The zone the file's local times were read in, if the caller gave it.</param>
/// <param name="From">Start of the earliest interval in the file.</param>
/// <param name="To">End of the latest interval in the file (exclusive).</param>
public sealed record HistoryImportSummary(
    long Id,
    string FileName,
    string Format,
    Instant ImportedAt,
    int RowCount,
    int ReplacedCount,
    Duration IntervalLength,
    DateTimeZone? Zone,
    IReadOnlyList<string> QueueIds,
    Instant From,
    Instant To,
    string? ImportedBy = null,
    Instant? RolledBackAt = null,
    string? RolledBackBy = null)
{
    public bool RolledBack => RolledBackAt is not null;

    internal static HistoryImportSummary Of(HistoryImportEntity e) => new(
        e.Id, e.FileName, e.Format, e.ImportedAt, e.RowCount, e.ReplacedCount, e.IntervalLength, e.Zone, [.. e.QueueIds], e.CoversFrom, e.CoversTo, e.ImportedBy, e.RolledBackAt, e.RolledBackBy);
}

/// <summary>One queue of an import against the history it met: what it brought, and what it replaced.</summary>
public sealed record ImportComparison(string QueueId, int Intervals, double Offered, int ReplacedIntervals, double ReplacedOffered);
