using NodaTime;

namespace Scheduler.Data.Entities;

/// <summary>A row of the HistoryImports table: one file of interval history, when it came in and what it covered.</summary>
public sealed class HistoryImportEntity
{
    public long Id { get; set; }

    public required string FileName { get; set; }

    /// <summary>The report format the caller parsed ("genesys-csv", "generic-csv", ...).</summary>
    public required string Format { get; set; }

    public Instant ImportedAt { get; set; }

    /// <summary>Who imported it (a user name, "cli", or "system" for the demo seed).</summary>
    public string? ImportedBy { get; set; }

    public int RowCount { get; set; }

    /// <summary>How many stored observations this import replaced (same queue and start).</summary>
    public int ReplacedCount { get; set; }

    public Duration IntervalLength { get; set; }

    /// <summary>The zone the file's local times were read in, when the caller says so.</summary>
    public DateTimeZone? Zone { get; set; }

    /// <summary>Start of the earliest interval in the file.</summary>
    public Instant CoversFrom { get; set; }

    /// <summary>End of the latest interval in the file (exclusive).</summary>
    public Instant CoversTo { get; set; }

    public List<string> QueueIds { get; set; } = [];

    /// <summary>When the import was rolled back (its intervals removed, the ones it replaced restored); null while it stands.</summary>
    public Instant? RolledBackAt { get; set; }

    public string? RolledBackBy { get; set; }
}
