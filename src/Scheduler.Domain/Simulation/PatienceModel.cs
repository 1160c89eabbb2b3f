namespace Scheduler.Domain.Simulation;

/// <summary>How long a waiting contact stays before giving up.</summary>
public abstract record PatienceModel
{
    private PatienceModel()
    {
    }

    /// <summary>Nobody gives up (Erlang C); email always waits for its answer.</summary>
    public static PatienceModel Infinite { get; } = new Never();

    internal abstract double Sample(ref SimulationRandom random);

    /// <summary>Contacts never abandon.</summary>
    public sealed record Never : PatienceModel
    {
        internal override double Sample(ref SimulationRandom random) => double.PositiveInfinity;

        public override string ToString() => "none";
    }

    /// <summary>Exponential patience with this mean, in seconds (Erlang A's assumption).</summary>
    public sealed record Exponential(double MeanSeconds) : PatienceModel
    {
        internal override double Sample(ref SimulationRandom random) => random.Exponential(MeanSeconds);

        public override string ToString() => $"exponential, mean {MeanSeconds:0} s";
    }

    /// <summary>
    /// An empirical patience distribution: <see cref="Times"/> ascending with the survival <see cref="Survival"/>
    /// just after each (Kaplan-Meier); past the last time the tail is exponential with <see cref="TailMean"/>.
    /// </summary>
    public sealed record Empirical(double[] Times, double[] Survival, double TailMean) : PatienceModel
    {
        internal override double Sample(ref SimulationRandom random)
        {
            // Inverse transform: the first time at which survival drops to u or below.
            var u = random.NextOpen();
            var lo = 0;
            var hi = Times.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >> 1;
                if (Survival[mid] <= u)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            if (lo < Times.Length)
            {
                return Times[lo];
            }

            var last = Times.Length == 0 ? 0 : Times[^1];
            var tail = Times.Length == 0 ? 1 : Survival[^1];
            return last + (TailMean * Math.Log(tail / u));
        }

        public override string ToString() => $"empirical, {Times.Length} steps";
    }

    /// <summary>
    /// Kaplan-Meier estimate of patience from waits: an abandoned contact's wait is its patience; an answered
    /// contact's wait is censored (its patience was at least that long). Tail beyond the last abandonment:
    /// exponential with the mean that keeps the hazard of the last tenth of the data.
    /// </summary>
    public static PatienceModel FromWaits(IEnumerable<(double WaitSeconds, bool Abandoned)> waits)
    {
        ArgumentNullException.ThrowIfNull(waits);
        var sorted = waits.Where(w => w.WaitSeconds >= 0 && !double.IsNaN(w.WaitSeconds))
            .OrderBy(w => w.WaitSeconds).ThenByDescending(w => w.Abandoned).ToArray();
        if (!sorted.Any(w => w.Abandoned))
        {
            return Infinite;
        }

        var times = new List<double>();
        var survival = new List<double>();
        var atRisk = (double)sorted.Length;
        var s = 1.0;
        double exposure = 0, lastTime = 0, tailEvents = 0, tailExposure = 0;
        var tailFrom = sorted[(int)(sorted.Length * 0.9)].WaitSeconds;
        for (var i = 0; i < sorted.Length;)
        {
            var t = sorted[i].WaitSeconds;
            var events = 0;
            var leaving = 0;
            while (i < sorted.Length && sorted[i].WaitSeconds == t)
            {
                if (sorted[i].Abandoned)
                {
                    events++;
                }

                leaving++;
                i++;
            }

            exposure += atRisk * (t - lastTime);
            if (t >= tailFrom)
            {
                tailEvents += events;
                tailExposure += atRisk * (t - lastTime);
            }

            lastTime = t;
            if (events > 0 && atRisk > 0)
            {
                s *= 1 - (events / atRisk);
                times.Add(t);
                survival.Add(s);
            }

            atRisk -= leaving;
        }

        var tailMean = tailEvents > 0 ? tailExposure / tailEvents : exposure / sorted.Count(w => w.Abandoned);
        return new Empirical([.. times], [.. survival], tailMean);
    }
}
