using NodaTime;

namespace Scheduler.Data.Entities;

public enum ShiftRequestKind
{
    /// <summary>A shift offered to the open-shift board; any colleague who may take it can pick it up.</summary>
    Offer,

    /// <summary>A shift handed to a named colleague, with one of theirs handed back when <see cref="ShiftRequestEntity.ReturnDate"/> is set.</summary>
    Swap,

    /// <summary>Days off asked for, <see cref="ShiftRequestEntity.Date"/> to <see cref="ShiftRequestEntity.LastDate"/>.</summary>
    TimeOff,
}

public enum ShiftRequestStatus
{
    /// <summary>On the board, waiting for a colleague to pick it up.</summary>
    Open,

    /// <summary>Waiting for the named colleague to accept.</summary>
    AwaitingColleague,

    /// <summary>Waiting for a supervisor.</summary>
    Pending,

    Approved,

    /// <summary>The named colleague said no.</summary>
    Declined,

    /// <summary>A supervisor said no (or the change no longer fits the roster).</summary>
    Refused,

    Withdrawn,
}

/// <summary>
/// A row of the ShiftRequests table: a swap, an offer to the board, or time off, from the agent who asked to the
/// supervisor who decided. An approved change to a published week becomes that week's next published version
/// (<see cref="ResultRosterId"/>); approved time off also feeds every later solve.
/// </summary>
public sealed class ShiftRequestEntity
{
    public long Id { get; set; }

    public required string SiteId { get; set; }

    public ShiftRequestKind Kind { get; set; }

    public ShiftRequestStatus Status { get; set; }

    /// <summary>The agent who asked (and gives the shift, for an offer or swap).</summary>
    public required string RequesterId { get; set; }

    /// <summary>The named colleague of a swap, or the colleague who picked up an offer.</summary>
    public string? ColleagueId { get; set; }

    /// <summary>The published roster version the request was made against.</summary>
    public long? RosterId { get; set; }

    /// <summary>The site-local date of the requester's shift, or the first day off.</summary>
    public LocalDate Date { get; set; }

    /// <summary>The colleague's shift handed back in a swap.</summary>
    public LocalDate? ReturnDate { get; set; }

    /// <summary>The last day off of a time-off request.</summary>
    public LocalDate? LastDate { get; set; }

    public string? Note { get; set; }

    public Instant CreatedAt { get; set; }

    public Instant? DecidedAt { get; set; }

    /// <summary>The supervisor's user name, or "auto-approval".</summary>
    public string? DecidedBy { get; set; }

    /// <summary>Why it was decided so (shown to the agent).</summary>
    public string? Decision { get; set; }

    /// <summary>The roster version an approval made.</summary>
    public long? ResultRosterId { get; set; }

    /// <summary>Changed on every save; two supervisors deciding at once get a conflict, not two decisions.</summary>
    public Guid Version { get; set; }
}
