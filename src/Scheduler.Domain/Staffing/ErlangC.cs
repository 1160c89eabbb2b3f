using System.Runtime.CompilerServices;

namespace Scheduler.Domain.Staffing;

/// <summary>The state of an M/M/n queue (Erlang C) at a given number of agents.</summary>
/// <param name="Agents">Agents on the phones.</param>
/// <param name="ProbabilityOfWaiting">Erlang C: the chance a call waits at all (1 when agents ≤ load).</param>
/// <param name="ServiceLevel">Share of calls answered within the threshold (0 when agents ≤ load).</param>
/// <param name="Asa">Average speed of answer in seconds (+∞ when agents ≤ load).</param>
/// <param name="Occupancy">Load ÷ agents, capped at 1.</param>
public readonly record struct ErlangCResult(int Agents, double ProbabilityOfWaiting, double ServiceLevel, double Asa, double Occupancy);

/// <summary>Erlang C (M/M/n, infinite patience): service level, ASA and the fewest agents meeting a target.</summary>
/// <remarks>
/// Erlang B is computed by its recursion, here in the reciprocal form 1/B(k) = 1 + (k/a)·1/B(k−1), which is the
/// textbook B(k) = a·B(k−1)/(k + a·B(k−1)) turned upside down: the same positive, stable terms, but one multiply-add
/// per step instead of a division. No factorial or power appears, so 10,000 Erlangs is no harder than 10. If 1/B
/// ever overflows to +∞ it means B is below 1e-308, and B = 0 is then the right answer.
/// The search for required agents walks the recursion once from 0 up to the answer, evaluating the target only
/// from floor(a) + 1 (the first stable n) or the occupancy floor, whichever is higher; it never restarts.
/// Nothing on this path allocates, so the batch method can run millions of searches a second.
/// </remarks>
public static class ErlangC
{
    private const int ChunkSize = 2048;

    /// <summary>Erlang B: blocking probability of n servers offered <paramref name="load"/> Erlangs.</summary>
    public static double ErlangB(int agents, double load)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        if (!(load >= 0) || double.IsInfinity(load)) throw new ArgumentOutOfRangeException(nameof(load), load, "Load must be finite and non-negative.");
        if (load == 0) return agents == 0 ? 1 : 0;

        var invLoad = 1 / load;
        var inverse = 1.0;
        for (var k = 1; k <= agents; k++)
        {
            inverse = 1 + inverse * k * invLoad;
        }

        return 1 / inverse;
    }

    /// <summary>Service level, ASA and occupancy of <paramref name="agents"/> agents.</summary>
    /// <param name="agents">Agents on the phones.</param>
    /// <param name="load">Offered load in Erlangs: calls × AHT ÷ interval length.</param>
    /// <param name="ahtSeconds">Average handle time.</param>
    /// <param name="thresholdSeconds">Service-level threshold (the "20" in 80/20).</param>
    public static ErlangCResult Evaluate(int agents, double load, double ahtSeconds, double thresholdSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        Validate(load, ahtSeconds, thresholdSeconds);
        return load == 0 ? Idle(agents) : Measure(agents, load, ErlangB(agents, load), ahtSeconds, thresholdSeconds);
    }

    /// <summary>The fewest agents giving at least <paramref name="targetServiceLevel"/> answered within the threshold.</summary>
    /// <param name="load">Offered load in Erlangs.</param>
    /// <param name="ahtSeconds">Average handle time.</param>
    /// <param name="thresholdSeconds">Service-level threshold.</param>
    /// <param name="targetServiceLevel">Required share answered within the threshold, in [0, 1).</param>
    /// <param name="maxOccupancy">Occupancy cap in (0, 1]: also require agents ≥ load ÷ cap.</param>
    public static ErlangCResult RequiredAgents(
        double load, double ahtSeconds, double thresholdSeconds, double targetServiceLevel, double maxOccupancy = 1.0)
    {
        Validate(load, ahtSeconds, thresholdSeconds);
        if (!(targetServiceLevel is >= 0 and < 1)) ThrowOutOfRange(nameof(targetServiceLevel), targetServiceLevel, "Target service level must be in [0, 1).");
        ValidateOccupancy(maxOccupancy);
        return Solve(load, ahtSeconds, thresholdSeconds, targetServiceLevel, double.PositiveInfinity, maxOccupancy);
    }

    /// <summary>The fewest agents giving an average speed of answer of at most <paramref name="maxAsaSeconds"/>.</summary>
    /// <param name="thresholdSeconds">Only used to report the service level of the answer.</param>
    public static ErlangCResult RequiredAgentsForAsa(
        double load, double ahtSeconds, double maxAsaSeconds, double maxOccupancy = 1.0, double thresholdSeconds = 0)
    {
        Validate(load, ahtSeconds, thresholdSeconds);
        if (!(maxAsaSeconds >= 0)) ThrowOutOfRange(nameof(maxAsaSeconds), maxAsaSeconds, "Maximum ASA cannot be negative.");
        ValidateOccupancy(maxOccupancy);
        return Solve(load, ahtSeconds, thresholdSeconds, 0, maxAsaSeconds, maxOccupancy);
    }

    /// <summary>
    /// <see cref="RequiredAgents"/> for many loads sharing one target, in parallel chunks of 2,048 loads.
    /// </summary>
    /// <remarks>Memory rather than Span because the chunks run on other threads; each chunk takes its own span.</remarks>
    public static void RequiredAgentsBatch(
        ReadOnlyMemory<double> loads,
        Memory<ErlangCResult> results,
        double ahtSeconds,
        double thresholdSeconds,
        double targetServiceLevel,
        double maxOccupancy = 1.0)
    {
        if (results.Length != loads.Length) throw new ArgumentException("Results must be as long as loads.", nameof(results));
        Validate(0, ahtSeconds, thresholdSeconds);
        if (!(targetServiceLevel is >= 0 and < 1)) ThrowOutOfRange(nameof(targetServiceLevel), targetServiceLevel, "Target service level must be in [0, 1).");
        ValidateOccupancy(maxOccupancy);

        var chunks = (loads.Length + ChunkSize - 1) / ChunkSize;
        Parallel.For(0, chunks, chunk =>
        {
            var start = chunk * ChunkSize;
            var length = Math.Min(ChunkSize, loads.Length - start);
            var input = loads.Span.Slice(start, length);
            var output = results.Span.Slice(start, length);
            for (var i = 0; i < input.Length; i++)
            {
                var load = input[i];
                if (!(load >= 0) || double.IsInfinity(load)) ThrowOutOfRange(nameof(loads), load, "Every load must be finite and non-negative.");
                output[i] = Solve(load, ahtSeconds, thresholdSeconds, targetServiceLevel, double.PositiveInfinity, maxOccupancy);
            }
        });
    }

    /// <summary>The shared search: continue the Erlang B recursion upward until every target holds.</summary>
    private static ErlangCResult Solve(double load, double aht, double threshold, double targetSl, double maxAsa, double maxOcc)
    {
        if (load == 0) return Idle(0);

        var invLoad = 1 / load;
        var firstStable = Math.Floor(load) + 1;
        var occupancyFloor = Math.Ceiling(load / maxOcc - 1e-9);
        var start = (int)Math.Max(firstStable, occupancyFloor);

        var inverse = 1.0;
        for (var k = 1; k <= start; k++)
        {
            inverse = 1 + inverse * k * invLoad;
        }

        for (var n = start; ; n++)
        {
            var b = 1 / inverse;
            var excess = n - load;
            var c = n * b / (excess + load * b);
            var sl = 1 - c * Math.Exp(-excess * threshold / aht);
            var asa = c * aht / excess;
            if (sl >= targetSl && asa <= maxAsa)
            {
                return new ErlangCResult(n, c, sl, asa, load / n);
            }

            inverse = 1 + inverse * (n + 1) * invLoad;
        }
    }

    private static ErlangCResult Measure(int n, double load, double b, double aht, double threshold)
    {
        if (n <= load) return new ErlangCResult(n, 1, 0, double.PositiveInfinity, 1);

        var excess = n - load;
        var c = n * b / (excess + load * b);
        return new ErlangCResult(n, c, 1 - c * Math.Exp(-excess * threshold / aht), c * aht / excess, load / n);
    }

    private static ErlangCResult Idle(int agents) => new(agents, 0, 1, 0, 0);

    private static void Validate(double load, double aht, double threshold)
    {
        if (!(load >= 0) || double.IsInfinity(load)) ThrowOutOfRange(nameof(load), load, "Load must be finite and non-negative.");
        if (!(aht > 0) || double.IsInfinity(aht)) ThrowOutOfRange("ahtSeconds", aht, "AHT must be positive and finite.");
        if (!(threshold >= 0) || double.IsInfinity(threshold)) ThrowOutOfRange("thresholdSeconds", threshold, "Threshold must be finite and non-negative.");
    }

    private static void ValidateOccupancy(double maxOccupancy)
    {
        if (!(maxOccupancy is > 0 and <= 1)) ThrowOutOfRange(nameof(maxOccupancy), maxOccupancy, "Maximum occupancy must be in (0, 1].");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowOutOfRange(string name, double value, string message) =>
        throw new ArgumentOutOfRangeException(name, value, message);
}
