using NodaTime;

namespace Scheduler.Domain.History;

/// <summary>How to read a history file.</summary>
/// <remarks>
/// Every option has a default that reads the file the way its documentation describes it, so
/// <see cref="Default"/> is the right choice unless a planner asks for something else.
/// </remarks>
public sealed record HistoryReadOptions
{
    public static HistoryReadOptions Default { get; } = new();

    /// <summary>
    /// Interval length to produce: 5, 15, 30 or 60 minutes. Null keeps the file's own length (15 for Anonymous Bank
    /// raw files, which have no native length). Intervals can be merged into longer ones, never split.
    /// </summary>
    public int? IntervalMinutes { get; init; }

    /// <summary>
    /// Time zone of the file's local clock times. Null uses the format's default: Asia/Jerusalem for Anonymous Bank,
    /// Etc/UTC for bank_calls. An interval CSV names its own offsets or zone; this is then only the zone reported back
    /// and used for merging intervals when the file gives offsets only.
    /// </summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>Anonymous Bank: true gives one queue per call type (PS, PE, IN, NE, NW, TT, AA), false one queue "all".</summary>
    public bool SplitByType { get; init; } = true;

    /// <summary>
    /// Interval CSV: the queue ids the site has. A row naming another queue is refused with its line (a typo would
    /// otherwise start a queue nobody plans for). Null accepts any queue (the CLI reading a file on its own).
    /// </summary>
    public IReadOnlyCollection<string>? KnownQueues { get; init; }

    /// <summary>Interval CSV: history is what already happened; an interval ending after this instant is refused with its line.</summary>
    public Instant? NotAfter { get; init; }

    /// <summary>Anonymous Bank raw files: an answered call counts as within service level when it waited at most this long.</summary>
    public int ServiceThresholdSeconds { get; init; } = 20;
}
