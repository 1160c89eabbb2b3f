using NodaTime;

namespace Scheduler.Domain.Queues;

/// <summary>What "good service" means for a queue. Staffing finds the fewest agents that meet it.</summary>
public abstract record ServiceTarget
{
    private ServiceTarget()
    {
    }

    /// <summary>A share of offered contacts answered within a threshold, e.g. 80 % in 20 s ("80/20").</summary>
    public sealed record ServiceLevel(double Fraction, Duration Threshold) : ServiceTarget
    {
        public ServiceLevel Validate()
        {
            if (Fraction is <= 0 or >= 1 || double.IsNaN(Fraction))
            {
                throw new ArgumentOutOfRangeException(nameof(Fraction), Fraction, "Service level must be between 0 and 1 (exclusive).");
            }

            if (Threshold < Duration.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "Threshold cannot be negative.");
            }

            return this;
        }

        public override string ToString() => $"{Fraction:P0} in {Threshold.TotalSeconds:0} s";
    }

    /// <summary>Average speed of answer at most this long.</summary>
    public sealed record AverageSpeedOfAnswer(Duration Maximum) : ServiceTarget
    {
        public override string ToString() => $"ASA <= {Maximum.TotalSeconds:0} s";
    }

    /// <summary>At most this share of offered contacts abandon (needs a patience estimate).</summary>
    public sealed record MaximumAbandonment(double Fraction) : ServiceTarget
    {
        public override string ToString() => $"abandonment <= {Fraction:P1}";
    }

    /// <summary>Deferred work (email, social): every item answered within this time of its arrival.</summary>
    public sealed record ResponseWithin(Duration Deadline) : ServiceTarget
    {
        public override string ToString() => $"answered within {Deadline.TotalHours:0.#} h";
    }
}
