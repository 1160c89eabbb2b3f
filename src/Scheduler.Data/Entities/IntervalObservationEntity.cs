using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Data.Entities;

/// <summary>A row of the IntervalObservations table: an <see cref="IntervalObservation"/> and the import it came from.</summary>
public sealed class IntervalObservationEntity
{
    public long Id { get; set; }

    public required string QueueId { get; set; }

    public Instant Start { get; set; }

    public Duration Length { get; set; }

    public double Offered { get; set; }

    public double Answered { get; set; }

    public double Abandoned { get; set; }

    public double HandleSeconds { get; set; }

    public double? WaitSeconds { get; set; }

    public double? AnsweredWithinThreshold { get; set; }

    public long ImportId { get; set; }
}
