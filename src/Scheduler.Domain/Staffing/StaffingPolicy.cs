using NodaTime;
using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Staffing;

/// <summary>How one queue is staffed: its channel, its target, and the allowances around the queueing model.</summary>
/// <remarks>
/// Each value is checked as it is set (also through <c>with</c>), so a policy that exists is a sane policy; the
/// ArgumentException names the offending property. Whether the combination fits the channel (a chat queue with an
/// abandonment target, say) is checked by <see cref="StaffingCalculator"/>, which knows the models.
/// </remarks>
public sealed record StaffingPolicy
{
    public StaffingPolicy(Channel channel, ServiceTarget target)
    {
        Channel = channel;
        Target = target;
    }

    public Channel Channel
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Channel), value, "Unknown channel.");
    }

    public ServiceTarget Target
    {
        get;
        init => field = Checked(value);
    }

    /// <summary>Most of an agent's on-line time that may be spent handling contacts, in (0, 1]; null = no cap.</summary>
    public double? MaxOccupancy
    {
        get;
        init => field = value is null or (> 0 and <= 1) ? value : throw new ArgumentOutOfRangeException(nameof(MaxOccupancy), value, "Maximum occupancy must be in (0, 1].");
    }

    /// <summary>Paid time off the phones; turns agents on-line into agents scheduled.</summary>
    public Shrinkage Shrinkage { get; init; }

    /// <summary>Mean caller patience; when set, voice is staffed with Erlang A instead of Erlang C.</summary>
    public Duration? MeanPatience
    {
        get;
        init => field = value is null || value > Duration.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MeanPatience), value, "Mean patience must be positive.");
    }

    /// <summary>Chat only: how handle time grows with concurrent chats; null = one chat at a time.</summary>
    public ConcurrencyCurve? Concurrency { get; init; }

    private static ServiceTarget Checked(ServiceTarget target)
    {
        ArgumentNullException.ThrowIfNull(target, nameof(Target));
        var valid = target switch
        {
            ServiceTarget.ServiceLevel sl => sl.Fraction is > 0 and < 1 && sl.Threshold >= Duration.Zero,
            ServiceTarget.AverageSpeedOfAnswer asa => asa.Maximum >= Duration.Zero,
            ServiceTarget.MaximumAbandonment ab => ab.Fraction is > 0 and < 1,
            ServiceTarget.ResponseWithin rw => rw.Deadline > Duration.Zero,
            _ => false,
        };
        return valid ? target : throw new ArgumentOutOfRangeException(nameof(Target), target, "Target values are out of range.");
    }
}
