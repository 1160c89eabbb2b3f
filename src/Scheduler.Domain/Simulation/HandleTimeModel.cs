using System.Globalization;

namespace Scheduler.Domain.Simulation;

/// <summary>The shape of a queue's handle times; the mean comes from the forecast's AHT of the contact's interval.</summary>
/// <remarks>
/// Log-normal is the default: talk times in call-centre data are right-skewed with a coefficient of variation
/// near 1 (Brown et al. 2005 found log-normal service times in the same Anonymous Bank data this product reads).
/// Exponential reproduces the Erlang formulas exactly, which is how the simulator is checked.
/// </remarks>
public abstract record HandleTimeModel
{
    private HandleTimeModel()
    {
    }

    /// <summary>Log-normal with a coefficient of variation of 1: the default when a queue has no per-contact history.</summary>
    public static HandleTimeModel Default { get; } = new LogNormal(1.0);

    /// <summary>Draws one handle time with the given mean.</summary>
    internal abstract double Sample(ref SimulationRandom random, double mean);

    /// <summary>Exponential handle times (coefficient of variation 1, memoryless): the Erlang C and A assumption.</summary>
    public sealed record Exponential : HandleTimeModel
    {
        internal override double Sample(ref SimulationRandom random, double mean) => random.Exponential(mean);

        public override string ToString() => "exponential";
    }

    /// <summary>Log-normal with coefficient of variation <paramref name="Cv"/> (standard deviation over mean).</summary>
    public sealed record LogNormal(double Cv) : HandleTimeModel
    {
        private readonly double _sigma = Math.Sqrt(Math.Log(1 + (Cv * Cv)));

        /// <summary>σ of the underlying normal: ln(1 + cv²)^½.</summary>
        public double Sigma => _sigma;

        internal override double Sample(ref SimulationRandom random, double mean)
        {
            // E[e^(μ + σZ)] = e^(μ + σ²/2) = mean.
            var mu = Math.Log(mean) - (0.5 * _sigma * _sigma);
            return Math.Exp(mu + (_sigma * random.Normal()));
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"log-normal, cv {Cv:0.00}");
    }

    /// <summary>
    /// Fits a log-normal to observed handle times (seconds, zeros dropped) by the moments of their logarithms, the
    /// maximum-likelihood estimate; returns the fit with the figures to show beside it.
    /// </summary>
    public static HandleTimeFit FitLogNormal(IEnumerable<double> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        double n = 0, sum = 0, sumSq = 0, sumX = 0, sumXSq = 0;
        foreach (var s in seconds)
        {
            if (!(s > 0) || double.IsInfinity(s))
            {
                continue;
            }

            var l = Math.Log(s);
            n++;
            sum += l;
            sumSq += l * l;
            sumX += s;
            sumXSq += s * s;
        }

        if (n < 2)
        {
            throw new ArgumentException("A handle-time fit needs at least two positive handle times.", nameof(seconds));
        }

        var mu = sum / n;
        var sigma2 = Math.Max((sumSq / n) - (mu * mu), 1e-12);
        var cv = Math.Sqrt(Math.Exp(sigma2) - 1);
        var mean = sumX / n;
        var sampleCv = Math.Sqrt(Math.Max((sumXSq / n) - (mean * mean), 0)) / mean;
        return new HandleTimeFit(new LogNormal(cv), (long)n, mean, sampleCv, mu, Math.Sqrt(sigma2));
    }
}

/// <summary>A fitted handle-time model and the data behind it: count, sample mean and cv, and the log-normal's μ and σ.</summary>
public sealed record HandleTimeFit(HandleTimeModel.LogNormal Model, long Count, double SampleMean, double SampleCv, double Mu, double Sigma);
