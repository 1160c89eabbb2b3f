using static Scheduler.Domain.Staffing.SpecialFunctions;

namespace Scheduler.Domain.Staffing;

/// <summary>The state of an M/M/n+M queue (Erlang A) at a given number of agents.</summary>
/// <param name="Agents">Agents on the phones.</param>
/// <param name="ProbabilityOfWaiting">Chance an arriving caller finds every agent busy.</param>
/// <param name="ServiceLevel">Share of OFFERED calls answered within the threshold; abandoners count as misses.</param>
/// <param name="Abandonment">Share of offered calls that hang up before being answered.</param>
/// <param name="Asa">Average wait of ANSWERED calls in seconds (+∞ when nobody is answered).</param>
/// <param name="MeanWaitOfOffered">Average time in queue over all offered calls, answered or not.</param>
/// <param name="Occupancy">Carried load ÷ agents (0 when there are no agents).</param>
public readonly record struct ErlangAResult(
    int Agents, double ProbabilityOfWaiting, double ServiceLevel, double Abandonment, double Asa, double MeanWaitOfOffered, double Occupancy);

/// <summary>What Erlang A staffing must achieve.</summary>
public enum ErlangAGoal
{
    /// <summary>Share of offered calls answered within the threshold at least the target.</summary>
    ServiceLevel,

    /// <summary>Share of offered calls abandoning at most the target.</summary>
    Abandonment,

    /// <summary>Average wait of answered calls (seconds) at most the target.</summary>
    Asa,
}

/// <summary>Erlang A (M/M/n+M): callers hang up after an exponential patience with the given mean.</summary>
/// <remarks>
/// With x = nμ/θ, y = λ/θ, E = Erlang B(n, a) and A(b, z) = 1F1(1; b + 1; z), the chance of exactly n in the system
/// is π_n = E / (1 + (A(x, y) − 1)·E) and the queue above n is π_n·y^j/Π(x + k). From that:
/// P(wait) = π_n·A(x, y); P(abandon) = θ·E[queue]/λ; and, because a caller who finds i waiting has an offered
/// wait V with e^−θV ~ Beta(x, i + 1), the share answered within t is
/// 1 − P(wait) + π_n·x/(x+1)·[A(x+1, y) − s^(x+1)·e^(y(1−s))·A(x+1, ys)], s = e^−θt.
/// A is carried as a logarithm (it is about e^y, and y = λ·patience reaches 18,000 in big centres).
/// The ASA of answered calls is E[V·e^−θV; V &gt; 0] / P(answered) = π_n·x·I/θ / P(answered) with
/// I = ∫₀¹ (−ln u)·u^x·e^(y(1−u)) du = −d/dx[A(x+1, y)/(x+1)] = Σ_j y^j/Π_{k=1..j+1}(x+k) · Σ_{k=1..j+1} 1/(x+k),
/// a series of positive terms summed with rescaling, so there is no cancellation and no quadrature error.
/// Required agents use a doubling-then-bisection search: service level, abandonment and ASA all improve
/// monotonically with more agents (more servers never make anybody's wait longer), and unlike Erlang C the answer
/// may be below the load because abandonment keeps the queue stable.
/// </remarks>
public static class ErlangA
{
    /// <summary>Everything about <paramref name="agents"/> agents facing <paramref name="load"/> Erlangs.</summary>
    /// <param name="agents">Agents on the phones.</param>
    /// <param name="load">Offered load in Erlangs (calls × AHT ÷ interval).</param>
    /// <param name="ahtSeconds">Average handle time.</param>
    /// <param name="patienceSeconds">Mean patience of callers (exponential).</param>
    /// <param name="thresholdSeconds">Service-level threshold.</param>
    public static ErlangAResult Evaluate(int agents, double load, double ahtSeconds, double patienceSeconds, double thresholdSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        Validate(load, ahtSeconds, patienceSeconds, thresholdSeconds);
        return Compute(agents, load, ahtSeconds, patienceSeconds, thresholdSeconds, ErlangC.ErlangB(agents, load));
    }

    /// <summary>The fewest agents meeting <paramref name="goal"/> (and the occupancy cap).</summary>
    /// <param name="load">Offered load in Erlangs.</param>
    /// <param name="ahtSeconds">Average handle time.</param>
    /// <param name="patienceSeconds">Mean patience of callers.</param>
    /// <param name="thresholdSeconds">Service-level threshold (also used to report the service level).</param>
    /// <param name="goal">Which measure the target applies to.</param>
    /// <param name="target">Service level in [0, 1), abandonment in (0, 1], or ASA seconds ≥ 0.</param>
    /// <param name="maxOccupancy">Occupancy cap in (0, 1].</param>
    public static ErlangAResult RequiredAgents(
        double load, double ahtSeconds, double patienceSeconds, double thresholdSeconds, ErlangAGoal goal, double target, double maxOccupancy = 1.0)
    {
        Validate(load, ahtSeconds, patienceSeconds, thresholdSeconds);
        var ok = goal switch
        {
            ErlangAGoal.ServiceLevel => target is >= 0 and < 1,
            ErlangAGoal.Abandonment => target is > 0 and <= 1,
            ErlangAGoal.Asa => target >= 0,
            _ => throw new ArgumentOutOfRangeException(nameof(goal), goal, "Unknown goal."),
        };
        if (!ok) ErlangC.ThrowOutOfRange(nameof(target), target, $"Target {target} is not valid for goal {goal}.");
        if (!(maxOccupancy is > 0 and <= 1)) ErlangC.ThrowOutOfRange(nameof(maxOccupancy), maxOccupancy, "Maximum occupancy must be in (0, 1].");
        if (load == 0) return new ErlangAResult(0, 0, 1, 0, 0, 0, 0);

        bool Meets(ErlangAResult r) => r.Occupancy <= maxOccupancy && goal switch
        {
            ErlangAGoal.ServiceLevel => r.ServiceLevel >= target,
            ErlangAGoal.Abandonment => r.Abandonment <= target,
            _ => r.Asa <= target,
        };

        ErlangAResult At(int n) => Compute(n, load, ahtSeconds, patienceSeconds, thresholdSeconds, ErlangC.ErlangB(n, load));

        // Gallop up from 1 until the target holds, then bisect between the last failure and the first success.
        var low = 0;
        var high = 1;
        var best = At(high);
        while (!Meets(best))
        {
            low = high;
            high = checked(high * 2);
            best = At(high);
        }

        while (high - low > 1)
        {
            var mid = low + (high - low) / 2;
            var candidate = At(mid);
            if (Meets(candidate))
            {
                high = mid;
                best = candidate;
            }
            else
            {
                low = mid;
            }
        }

        return best;
    }

    private static ErlangAResult Compute(int n, double load, double aht, double patience, double t, double erlangB)
    {
        if (load == 0) return new ErlangAResult(n, 0, 1, 0, 0, 0, 0);
        if (n == 0) return new ErlangAResult(0, 1, 0, 1, double.PositiveInfinity, patience, 0);

        var theta = 1 / patience;
        var x = n * patience / aht;
        var y = load * patience / aht;
        var logE = Math.Log(erlangB);

        // ln A(x, y) and the abandonment share; below the critical point the series also gives Σ j·t_j directly.
        double logA;
        double abandonment;
        double logPi;
        if (y < x + 1)
        {
            var a = KummerSeries(x, y, out var weighted);
            logA = Math.Log(a);
            logPi = logE - LogSumExp(Log1P(-erlangB), logA + logE);
            abandonment = Math.Exp(logPi) * weighted / y;
        }
        else
        {
            logA = LogKummer(x, y);
            logPi = logE - LogSumExp(Log1P(-erlangB), logA + logE);
            var ratio = x / y; // n / a, below 1 here, so both parts are non-negative.
            abandonment = Math.Exp(logPi + logA) * (1 - ratio) + Math.Exp(logPi) * ratio;
        }

        var pWait = Math.Min(1, Math.Exp(logPi + logA));
        abandonment = Math.Clamp(abandonment, 0, 1);

        // Answered within t among callers who wait: π_n·x/(x+1)·[A(x+1, y) − s^(x+1)·e^(y(1−s))·A(x+1, ys)].
        var logS = -theta * t;
        var s = Math.Exp(logS);
        var logFirst = LogKummer(x + 1, y);
        var logSecond = (x + 1) * logS + y * (1 - s) + LogKummer(x + 1, y * s);
        var waitedAndAnswered = Math.Exp(logPi + Math.Log(x / (x + 1)) + logFirst) * -ExpM1(logSecond - logFirst);
        var serviceLevel = Math.Clamp(1 - pWait + waitedAndAnswered, 0, 1);

        var answered = 1 - abandonment;
        var asa = answered <= 0 ? double.PositiveInfinity : Math.Exp(logPi + Math.Log(x) + LogWaitIntegral(x, y)) / theta / answered;
        return new ErlangAResult(n, pWait, serviceLevel, abandonment, asa, abandonment * patience, Math.Min(1, load * answered / n));
    }

    /// <summary>ln Σ_j y^j/Π_{k=1..j+1}(x+k) · Σ_{k=1..j+1} 1/(x+k), summed with rescaling to stay in range.</summary>
    private static double LogWaitIntegral(double x, double y)
    {
        const double Big = 1e250;
        const double Shrink = 1e-250;
        var logShrink = Math.Log(Big);

        var term = 1 / (x + 1);
        var harmonic = term;
        var sum = term * harmonic;
        var logScale = 0.0;
        for (var j = 1; j < 100_000_000; j++)
        {
            var k = x + j + 1;
            term *= y / k;
            harmonic += 1 / k;
            var add = term * harmonic;
            sum += add;
            if (term > Big)
            {
                term *= Shrink;
                sum *= Shrink;
                logScale += logShrink;
            }

            if (k > y && add < 1e-17 * sum) return Math.Log(sum) + logScale;
        }

        throw new InvalidOperationException($"Wait series did not converge for x = {x}, y = {y}.");
    }

    private static void Validate(double load, double aht, double patience, double threshold)
    {
        if (!(load >= 0) || double.IsInfinity(load)) ErlangC.ThrowOutOfRange(nameof(load), load, "Load must be finite and non-negative.");
        if (!(aht > 0) || double.IsInfinity(aht)) ErlangC.ThrowOutOfRange("ahtSeconds", aht, "AHT must be positive and finite.");
        if (!(patience > 0) || double.IsInfinity(patience)) ErlangC.ThrowOutOfRange("patienceSeconds", patience, "Patience must be positive and finite; use Erlang C for infinite patience.");
        if (!(threshold >= 0) || double.IsInfinity(threshold)) ErlangC.ThrowOutOfRange("thresholdSeconds", threshold, "Threshold must be finite and non-negative.");
    }
}
