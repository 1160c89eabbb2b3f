using NodaTime;
using Scheduler.Domain.Queues;

namespace Scheduler.Data.Entities;

/// <summary>Which <see cref="ServiceTarget"/> a queue is staffed to; stored as text so the column reads plainly.</summary>
public enum ServiceTargetKind
{
    ServiceLevel,
    AverageSpeedOfAnswer,
    MaximumAbandonment,
    ResponseWithin,
}

/// <summary>
/// A row of the Queues table: a <see cref="ContactQueue"/>, the site that serves it, and its service target
/// flattened into a kind plus the two numbers any target needs (a fraction and/or a duration).
/// </summary>
public sealed class QueueEntity
{
    public required string Id { get; set; }

    public required string SiteId { get; set; }

    public Channel Channel { get; set; }

    public required string Skill { get; set; }

    public required string Language { get; set; }

    public ServiceTargetKind TargetKind { get; set; }

    /// <summary>Service level or abandonment share; null for targets that are only a duration.</summary>
    public double? TargetFraction { get; set; }

    /// <summary>Service-level threshold, maximum ASA or response deadline; null for abandonment targets.</summary>
    public Duration? TargetDuration { get; set; }

    public static QueueEntity From(ContactQueue queue, string siteId)
    {
        var entity = new QueueEntity { Id = queue.Id, SiteId = siteId, Channel = queue.Channel, Skill = queue.Skill, Language = queue.Language };
        (entity.TargetKind, entity.TargetFraction, entity.TargetDuration) = queue.Target switch
        {
            ServiceTarget.ServiceLevel t => (ServiceTargetKind.ServiceLevel, (double?)t.Fraction, (Duration?)t.Threshold),
            ServiceTarget.AverageSpeedOfAnswer t => (ServiceTargetKind.AverageSpeedOfAnswer, null, t.Maximum),
            ServiceTarget.MaximumAbandonment t => (ServiceTargetKind.MaximumAbandonment, t.Fraction, null),
            ServiceTarget.ResponseWithin t => (ServiceTargetKind.ResponseWithin, null, t.Deadline),
            _ => throw new ArgumentException($"Unknown service target {queue.Target.GetType().Name}.", nameof(queue)),
        };
        return entity;
    }

    public ContactQueue ToDomain() => new(Id, Channel, Skill, Language, ToTarget());

    private ServiceTarget ToTarget() => TargetKind switch
    {
        ServiceTargetKind.ServiceLevel => new ServiceTarget.ServiceLevel(Fraction(), Length()),
        ServiceTargetKind.AverageSpeedOfAnswer => new ServiceTarget.AverageSpeedOfAnswer(Length()),
        ServiceTargetKind.MaximumAbandonment => new ServiceTarget.MaximumAbandonment(Fraction()),
        ServiceTargetKind.ResponseWithin => new ServiceTarget.ResponseWithin(Length()),
        _ => throw new InvalidOperationException($"Queue {Id} has unknown target kind {TargetKind}."),
    };

    private double Fraction() => TargetFraction ?? throw new InvalidOperationException($"Queue {Id}: {TargetKind} target has no fraction.");

    private Duration Length() => TargetDuration ?? throw new InvalidOperationException($"Queue {Id}: {TargetKind} target has no duration.");
}
