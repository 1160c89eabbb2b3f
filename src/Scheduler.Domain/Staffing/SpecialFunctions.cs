namespace Scheduler.Domain.Staffing;

/// <summary>The few special functions the queueing models need, written to survive huge arguments.</summary>
/// <remarks>
/// Erlang A needs the confluent hypergeometric function A(b, z) = 1F1(1; b + 1; z) = 1 + Σ z^j / Π_{k=1..j}(b + k)
/// for z up to tens of thousands, where A itself (about e^z) does not fit in a double. Everything is therefore
/// returned as a natural logarithm and callers combine logs before exponentiating.
/// </remarks>
internal static class SpecialFunctions
{
    private const double Epsilon = 1e-17;
    private const double TinyForLentz = 1e-300;
    private const int MaxIterations = 10_000_000;
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0: Lanczos (g = 7) below 10, the Stirling series above.</summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0)) throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs a positive argument.");
        if (x >= 10) return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + StirlingCorrection(x);
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);

        var xm = x - 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (xm + i);
        }

        var t = xm + 7.5;
        return HalfLogTwoPi + (xm + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π], the Stirling series, accurate to ~1e-14 for x ≥ 10.</summary>
    private static double StirlingCorrection(double x)
    {
        var r = 1 / x;
        var r2 = r * r;
        return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
    }

    /// <summary>
    /// L(b, z) = ln[Γ(b + 1) · e^z · z^−b], written so that huge b and z close to b do not cancel catastrophically.
    /// </summary>
    private static double LogGammaExpPower(double b, double z)
    {
        if (b < 10) return LogGamma(b + 1) + z - b * Math.Log(z);

        // b ln b − b ln z + z − b = d − b·ln(1 + d/b) with d = z − b, which is small and non-negative.
        var d = z - b;
        return d - b * Log1P(d / b) + 0.5 * Math.Log(2 * Math.PI * b) + StirlingCorrection(b);
    }

    /// <summary>ln A(b, z), A(b, z) = 1F1(1; b + 1; z), for b ≥ 0 and z ≥ 0.</summary>
    /// <remarks>
    /// When z &lt; b + 1 the series terms shrink from the start and are summed directly. Otherwise
    /// A(b, z) = Γ(b + 1)·e^z·z^−b·P(b, z) with P the regularized lower incomplete gamma function; its complement
    /// Q is computed by the modified Lentz continued fraction, which converges quickly in exactly that region.
    /// </remarks>
    public static double LogKummer(double b, double z)
    {
        if (z <= 0) return 0;
        if (z < b + 1) return Math.Log(KummerSeries(b, z, out _));
        if (b == 0) return z; // A(0, z) = e^z.

        var logPrefix = LogGammaExpPower(b, z);
        var h = LentzIncompleteGamma(b, z);

        // Q(b, z) = e^−z z^b / Γ(b) · h = b · h · e^−L, so A = e^L (1 − Q).
        return logPrefix + Log1P(-b * h * Math.Exp(-logPrefix));
    }

    /// <summary>
    /// Direct series for A(b, z) when z &lt; b + 1; also returns Σ j·t_j (the mean excess, needed by Erlang A for the
    /// abandonment rate without the cancellation of the closed form).
    /// </summary>
    public static double KummerSeries(double b, double z, out double weightedSum)
    {
        var term = 1.0;
        var sum = 1.0;
        weightedSum = 0;
        for (var j = 1; j < MaxIterations; j++)
        {
            term *= z / (b + j);
            sum += term;
            weightedSum += j * term;
            if (term * j < Epsilon * sum) return sum;
        }

        throw new InvalidOperationException($"Kummer series did not converge for b = {b}, z = {z}.");
    }

    /// <summary>The continued fraction h with Q(a, x) = e^−x x^a / Γ(a) · h (Numerical Recipes' gcf), x ≥ a + 1.</summary>
    private static double LentzIncompleteGamma(double a, double x)
    {
        var bn = x + 1 - a;
        var c = 1 / TinyForLentz;
        var d = 1 / bn;
        var h = d;
        for (var i = 1; i < MaxIterations; i++)
        {
            var an = -i * (i - a);
            bn += 2;
            d = an * d + bn;
            if (Math.Abs(d) < TinyForLentz) d = TinyForLentz;
            c = bn + an / c;
            if (Math.Abs(c) < TinyForLentz) c = TinyForLentz;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15) return h;
        }

        throw new InvalidOperationException($"Incomplete gamma continued fraction did not converge for a = {a}, x = {x}.");
    }

    /// <summary>ln(1 + x), accurate for tiny x (Goldberg's trick; .NET's double.LogP1 is just Log(1 + x)).</summary>
    public static double Log1P(double x)
    {
        var u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>e^x − 1, accurate for tiny x (Kahan's trick).</summary>
    public static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1) return x;
        var um1 = u - 1;
        return um1 == -1 ? -1 : double.IsPositiveInfinity(u) ? u : um1 * x / Math.Log(u);
    }

    /// <summary>ln(e^p + e^q), safe when either is −∞.</summary>
    public static double LogSumExp(double p, double q)
    {
        if (double.IsNegativeInfinity(p)) return q;
        if (double.IsNegativeInfinity(q)) return p;
        return p > q ? p + Log1P(Math.Exp(q - p)) : q + Log1P(Math.Exp(p - q));
    }
}
