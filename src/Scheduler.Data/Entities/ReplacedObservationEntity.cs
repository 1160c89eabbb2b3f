using NodaTime;

namespace Scheduler.Data.Entities;

/// <summary>
/// A row of the ReplacedObservations table: a stored interval that a later import replaced, kept so that rolling back
/// that import puts it back exactly as it was.
/// </summary>
public sealed class ReplacedObservationEntity
{
    public long Id { get; set; }

    /// <summary>The import that replaced it.</summary>
    public long ReplacedByImportId { get; set; }

    /// <summary>The import it came from.</summary>
    public long ImportId { get; set; }

    public required string QueueId { get; set; }

    public Instant Start { get; set; }

    public Duration Length { get; set; }

    public double Offered { get; set; }

    public double Answered { get; set; }

    public double Abandoned { get; set; }

    public double HandleSeconds { get; set; }

    public double? WaitSeconds { get; set; }

    public double? AnsweredWithinThreshold { get; set; }

    /// <summary>A stored interval as <paramref name="replacedBy"/> archives it.</summary>
    public static ReplacedObservationEntity Of(IntervalObservationEntity o, long replacedBy) => new()
    {
        ReplacedByImportId = replacedBy,
        ImportId = o.ImportId,
        QueueId = o.QueueId,
        Start = o.Start,
        Length = o.Length,
        Offered = o.Offered,
        Answered = o.Answered,
        Abandoned = o.Abandoned,
        HandleSeconds = o.HandleSeconds,
        WaitSeconds = o.WaitSeconds,
        AnsweredWithinThreshold = o.AnsweredWithinThreshold,
    };

    /// <summary>The interval back in the live history, as it was (a new row id; the same import).</summary>
    public IntervalObservationEntity Restored() => new()
    {
        QueueId = QueueId,
        Start = Start,
        Length = Length,
        Offered = Offered,
        Answered = Answered,
        Abandoned = Abandoned,
        HandleSeconds = HandleSeconds,
        WaitSeconds = WaitSeconds,
        AnsweredWithinThreshold = AnsweredWithinThreshold,
        ImportId = ImportId,
    };
}
