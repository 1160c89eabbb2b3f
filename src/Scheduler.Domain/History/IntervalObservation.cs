using NodaTime;

namespace Scheduler.Domain.History;

/// <summary>
/// What happened on one queue in one interval, as a telephony or chat platform reports it.
/// </summary>
/// <remarks>
/// Counts are doubles so aggregates and forecasts share the type; imported counts are whole numbers.
/// <see cref="WaitSeconds"/> is the total time waited in queue by every queued contact, answered or abandoned:
/// with <see cref="Abandoned"/> it estimates the mean patience (total wait / abandonments), the Erlang A input.
/// Null means the source does not report it.
/// </remarks>
public sealed record IntervalObservation(
    string QueueId,
    Instant Start,
    Duration Length,
    double Offered,
    double Answered,
    double Abandoned,
    double HandleSeconds,
    double? WaitSeconds = null,
    double? AnsweredWithinThreshold = null)
{
    /// <summary>Average handle time of answered contacts, or null when nothing was answered.</summary>
    public double? AverageHandleSeconds => Answered > 0 ? HandleSeconds / Answered : null;
}
