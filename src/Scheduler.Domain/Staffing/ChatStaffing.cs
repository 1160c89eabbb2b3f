namespace Scheduler.Domain.Staffing;

/// <summary>The state of a chat queue with <see cref="Agents"/> agents each holding up to k chats.</summary>
/// <param name="Agents">Agents logged in to chat.</param>
/// <param name="ProbabilityOfWaiting">Chance an arriving chat finds every slot taken.</param>
/// <param name="ServiceLevel">Share of chats picked up within the threshold (0 when the queue is unstable).</param>
/// <param name="Asa">Average wait in seconds before an agent picks the chat up (+∞ when unstable).</param>
/// <param name="SlotUtilisation">E[min(L, m·k)] ÷ (m·k): the share of chat slots in use; this is the occupancy.</param>
/// <param name="MeanChatsPerAgent">E[min(L, m·k)] ÷ m.</param>
public readonly record struct ChatResult(
    int Agents, double ProbabilityOfWaiting, double ServiceLevel, double Asa, double SlotUtilisation, double MeanChatsPerAgent);

/// <summary>Chat staffing when one agent handles several chats and each gets slower the more they hold.</summary>
/// <remarks>
/// An exact birth–death chain on L, the chats in the system. Chats are spread evenly, so with m agents and L ≤ m·k
/// each agent holds ⌊L/m⌋ or ⌈L/m⌉ chats and the total completion rate is Σ_agents j ÷ (AHT·mult(j)). Above m·k
/// every slot is taken, the rate stays μ_max = m·k ÷ (AHT·mult(k)), and waiting chats are served first come first
/// served, so the queue tail is geometric and P(W &gt; t) = P(L ≥ m·k)·e^(−(μ_max − λ)t) exactly.
/// The stationary weights are built in a single pass with rescaling (multiply everything by 1e-250 whenever a weight
/// passes 1e250), so thousands of slots neither overflow nor need an array.
/// </remarks>
public static class ChatStaffing
{
    /// <summary>Measures of <paramref name="agents"/> agents.</summary>
    /// <param name="agents">Agents logged in to chat.</param>
    /// <param name="arrivalsPerSecond">Chat arrival rate λ.</param>
    /// <param name="ahtSeconds">Handle time of a chat when the agent holds only that one.</param>
    /// <param name="curve">AHT multipliers by concurrency.</param>
    /// <param name="thresholdSeconds">Service-level threshold.</param>
    public static ChatResult Evaluate(int agents, double arrivalsPerSecond, double ahtSeconds, ConcurrencyCurve curve, double thresholdSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        Validate(arrivalsPerSecond, ahtSeconds, curve, thresholdSeconds);
        return Compute(agents, arrivalsPerSecond, ahtSeconds, curve, thresholdSeconds);
    }

    /// <summary>The fewest agents meeting both the service level and the ASA target, and the occupancy cap.</summary>
    /// <param name="targetServiceLevel">Share picked up within the threshold, in [0, 1) (0 = no service-level target).</param>
    /// <param name="maxAsaSeconds">ASA cap (+∞ = none).</param>
    /// <param name="maxOccupancy">Cap on slot utilisation, in (0, 1].</param>
    public static ChatResult RequiredAgents(
        double arrivalsPerSecond,
        double ahtSeconds,
        ConcurrencyCurve curve,
        double thresholdSeconds,
        double targetServiceLevel,
        double maxAsaSeconds = double.PositiveInfinity,
        double maxOccupancy = 1.0)
    {
        Validate(arrivalsPerSecond, ahtSeconds, curve, thresholdSeconds);
        if (!(targetServiceLevel is >= 0 and < 1)) ErlangC.ThrowOutOfRange(nameof(targetServiceLevel), targetServiceLevel, "Target service level must be in [0, 1).");
        if (!(maxAsaSeconds >= 0)) ErlangC.ThrowOutOfRange(nameof(maxAsaSeconds), maxAsaSeconds, "Maximum ASA cannot be negative.");
        if (!(maxOccupancy is > 0 and <= 1)) ErlangC.ThrowOutOfRange(nameof(maxOccupancy), maxOccupancy, "Maximum occupancy must be in (0, 1].");
        if (arrivalsPerSecond == 0) return new ChatResult(0, 0, 1, 0, 0, 0);

        // The first stable staffing: m·k ÷ (AHT·mult(k)) > λ.
        var k = curve.MaxConcurrency;
        var stable = (int)Math.Floor(arrivalsPerSecond * ahtSeconds * curve.Multiplier(k) / k) + 1;
        for (var m = stable; ; m++)
        {
            var r = Compute(m, arrivalsPerSecond, ahtSeconds, curve, thresholdSeconds);
            if (r.ServiceLevel >= targetServiceLevel && r.Asa <= maxAsaSeconds && r.SlotUtilisation <= maxOccupancy) return r;
        }
    }

    private static ChatResult Compute(int m, double lambda, double aht, ConcurrencyCurve curve, double t)
    {
        if (lambda == 0) return new ChatResult(m, 0, 1, 0, 0, 0);

        var k = curve.MaxConcurrency;
        var muMax = m * (double)k / (aht * curve.Multiplier(k));
        if (m == 0 || lambda >= muMax) return new ChatResult(m, 1, 0, double.PositiveInfinity, 1, k);

        var slots = checked(m * k);
        var weight = 1.0;
        var total = 1.0;
        var busy = 0.0;
        for (var l = 1; l <= slots; l++)
        {
            weight *= lambda / Rate(l, m, aht, curve);
            total += weight;
            busy += l * weight;
            if (weight > 1e250)
            {
                weight *= 1e-250;
                total *= 1e-250;
                busy *= 1e-250;
            }
        }

        var rho = lambda / muMax;
        var tail = weight * rho / (1 - rho); // Σ over L > m·k of the geometric tail.
        total += tail;
        busy += slots * tail;
        var pWait = weight / (1 - rho) / total;
        var meanBusy = busy / total;
        var drain = muMax - lambda;
        return new ChatResult(m, pWait, 1 - pWait * Math.Exp(-drain * t), pWait / drain, meanBusy / slots, meanBusy / m);
    }

    /// <summary>Total completion rate with <paramref name="l"/> ≤ m·k chats spread evenly over m agents.</summary>
    private static double Rate(int l, int m, double aht, ConcurrencyCurve curve)
    {
        var each = l / m;
        var extra = l % m;
        var rate = extra == 0 ? 0.0 : extra * (each + 1) / curve.Multiplier(each + 1);
        if (each > 0) rate += (m - extra) * each / curve.Multiplier(each);
        return rate / aht;
    }

    private static void Validate(double lambda, double aht, ConcurrencyCurve curve, double threshold)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (!(lambda >= 0) || double.IsInfinity(lambda)) ErlangC.ThrowOutOfRange("arrivalsPerSecond", lambda, "Arrival rate must be finite and non-negative.");
        if (!(aht > 0) || double.IsInfinity(aht)) ErlangC.ThrowOutOfRange("ahtSeconds", aht, "AHT must be positive and finite.");
        if (!(threshold >= 0) || double.IsInfinity(threshold)) ErlangC.ThrowOutOfRange("thresholdSeconds", threshold, "Threshold must be finite and non-negative.");
    }
}
