using NodaTime;
using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Simulation;

/// <summary>A mean over replications and the half-width of its 95 % confidence interval (Student t).</summary>
public readonly record struct Estimate(double Mean, double HalfWidth)
{
    public double Low => Mean - HalfWidth;

    public double High => Mean + HalfWidth;

    /// <summary>Whether <paramref name="value"/> lies in the interval, widened by <paramref name="slack"/> on each side.</summary>
    public bool Contains(double value, double slack = 0) => value >= Low - slack && value <= High + slack;

    internal static Estimate From(IReadOnlyList<double> samples)
    {
        var values = samples.Where(v => !double.IsNaN(v)).ToArray();
        if (values.Length == 0)
        {
            return new Estimate(double.NaN, double.NaN);
        }

        var mean = values.Average();
        if (values.Length == 1)
        {
            return new Estimate(mean, double.PositiveInfinity);
        }

        var variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return new Estimate(mean, StudentT975(values.Length - 1) * Math.Sqrt(variance / values.Length));
    }

    /// <summary>The 97.5 % quantile of Student's t with <paramref name="df"/> degrees of freedom.</summary>
    internal static double StudentT975(int df)
    {
        ReadOnlySpan<double> table = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042];
        if (df <= table.Length)
        {
            return table[df - 1];
        }

        // Cornish-Fisher expansion around the normal quantile: within 1e-3 from 30 degrees of freedom.
        const double z = 1.959964;
        var z3 = z * z * z;
        return z + ((z3 + z) / (4.0 * df)) + (((5 * z3 * z * z) + (16 * z3) + (3 * z)) / (96.0 * df * df));
    }
}

/// <summary>One queue's simulated service: per interval (means over replications) and for the horizon (with 95 % intervals).</summary>
/// <remarks>Contacts are counted in the interval they arrived in. Service level = answered within the threshold ÷
/// offered (an abandoned contact is a miss), as in docs/staffing.md; for email, answered within the deadline.</remarks>
public sealed class QueueOutcome
{
    internal QueueOutcome(SimulatedQueue queue, int intervals)
    {
        QueueId = queue.Id;
        Channel = queue.Channel;
        ThresholdSeconds = queue.ThresholdSeconds;
        TargetFraction = queue.TargetFraction;
        Offered = new double[intervals];
        Answered = new double[intervals];
        AnsweredInTime = new double[intervals];
        Abandoned = new double[intervals];
        WaitOfAnswered = new double[intervals];
        PastDeadline = new double[intervals];
        Unanswered = new double[intervals];
    }

    public string QueueId { get; }

    public Channel Channel { get; }

    public double ThresholdSeconds { get; }

    public double? TargetFraction { get; }

    /// <summary>Mean contacts offered per interval.</summary>
    public double[] Offered { get; }

    public double[] Answered { get; }

    /// <summary>Answered within the threshold (email: within the deadline).</summary>
    public double[] AnsweredInTime { get; }

    public double[] Abandoned { get; }

    /// <summary>Mean total wait of the answered contacts (seconds), for ASA.</summary>
    public double[] WaitOfAnswered { get; }

    /// <summary>Email items answered after their deadline, or still open when it passed.</summary>
    public double[] PastDeadline { get; }

    /// <summary>Contacts still waiting when the simulation ended (nobody left on duty to take them).</summary>
    public double[] Unanswered { get; }

    public Estimate ServiceLevel { get; internal set; }

    /// <summary>Average speed of answer of answered contacts, seconds.</summary>
    public Estimate Asa { get; internal set; }

    /// <summary>Abandoned ÷ offered.</summary>
    public Estimate Abandonment { get; internal set; }

    public double TotalOffered => Offered.Sum();

    /// <summary>Service level in interval <paramref name="interval"/>; null when nothing arrived in it.</summary>
    public double? ServiceLevelAt(int interval) => Offered[interval] > 0 ? AnsweredInTime[interval] / Offered[interval] : null;

    public double? AsaAt(int interval) => Answered[interval] > 0 ? WaitOfAnswered[interval] / Answered[interval] : null;

    /// <summary>Service level over a range of intervals (an hour, a day): in-time over offered, summed.</summary>
    public double? ServiceLevelOver(int first, int count)
    {
        double offered = 0, inTime = 0;
        for (var i = first; i < first + count && i < Offered.Length; i++)
        {
            offered += Offered[i];
            inTime += AnsweredInTime[i];
        }

        return offered > 0 ? inTime / offered : null;
    }
}

/// <summary>Agents with the same queues: how many, their hours on duty, and the share of it spent holding contacts.</summary>
public sealed record GroupOutcome(IReadOnlyList<string> Queues, int Agents, double DutyHours, double Occupancy);

/// <summary>The result of simulating a horizon.</summary>
public sealed class SimulationResult
{
    internal SimulationResult(Instant start, Duration intervalLength, int intervals, IReadOnlyList<QueueOutcome> queues, IReadOnlyList<GroupOutcome> groups, int replications, long events, Estimate serviceLevel)
    {
        Start = start;
        IntervalLength = intervalLength;
        Intervals = intervals;
        Queues = queues;
        Groups = groups;
        Replications = replications;
        Events = events;
        ServiceLevel = serviceLevel;
    }

    public Instant Start { get; }

    public Duration IntervalLength { get; }

    public int Intervals { get; }

    public IReadOnlyList<QueueOutcome> Queues { get; }

    public IReadOnlyList<GroupOutcome> Groups { get; }

    public int Replications { get; }

    /// <summary>Events processed over every replication (arrivals, completions, shift and break changes).</summary>
    public long Events { get; }

    /// <summary>Service level of the voice and chat queues together, over the horizon.</summary>
    public Estimate ServiceLevel { get; }

    public QueueOutcome? Queue(string id) => Queues.FirstOrDefault(q => q.QueueId == id);
}
