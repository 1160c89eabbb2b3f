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
}
