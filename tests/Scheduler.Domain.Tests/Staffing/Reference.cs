namespace Scheduler.Domain.Tests.Staffing;

/// <summary>
/// Slow, obvious implementations of the queueing models, sharing no code or formulas with production: direct
/// sums of a^k/k!, truncated birth–death chains, and a uniformized Markov chain for the tagged caller's wait.
/// Only meant for modest sizes (loads up to ~100, queues up to a few thousand).
/// </summary>
internal static class Reference
{
    public readonly record struct CMeasures(double PWait, double ServiceLevel, double Asa, double Occupancy);

    public readonly record struct AMeasures(double PWait, double ServiceLevel, double Abandonment, double Asa, double Occupancy);

    public readonly record struct ChatMeasures(double PWait, double ServiceLevel, double Asa, double Utilisation, double ChatsPerAgent);

    /// <summary>Erlang C from the textbook sums Σ a^k/k!.</summary>
    public static CMeasures ErlangC(int n, double a, double aht, double t)
    {
        if (a == 0) return new CMeasures(0, 1, 0, 0);
        if (n <= a) return new CMeasures(1, 0, double.PositiveInfinity, 1);

        double sum = 0, term = 1; // term = a^k / k!
        for (var k = 0; k < n; k++)
        {
            sum += term;
            term = term * a / (k + 1);
        }

        var top = term * n / (n - a); // term is now a^n / n!
        var c = top / (sum + top);
        return new CMeasures(c, 1 - c * Math.Exp(-(n - a) * t / aht), c * aht / (n - a), a / n);
    }

    /// <summary>Plain linear scan from one agent.</summary>
    public static int ErlangCRequired(double a, double aht, double t, double targetSl, double maxAsa, double maxOcc)
    {
        if (a == 0) return 0;
        for (var n = 1; ; n++)
        {
            var m = ErlangC(n, a, aht, t);
            if (n > a && m.ServiceLevel >= targetSl && m.Asa <= maxAsa && m.Occupancy <= maxOcc) return n;
        }
    }

    /// <summary>Stationary distribution of the M/M/n+M chain, truncated where the terms vanish.</summary>
    private static double[] ErlangAChain(int n, double lambda, double mu, double theta)
    {
        var w = new List<double> { 1.0 };
        double total = 1;
        for (var k = 1; ; k++)
        {
            var death = Math.Min(k, n) * mu + Math.Max(k - n, 0) * theta;
            var next = w[^1] * lambda / death;
            w.Add(next);
            total += next;
            if (k > n + 10 && next < 1e-22 * total) break;
        }

        return w.Select(v => v / total).ToArray();
    }

    public static AMeasures ErlangA(int n, double a, double aht, double patience, double t)
    {
        var mu = 1 / aht;
        var theta = 1 / patience;
        var lambda = a * mu;
        var pi = ErlangAChain(n, lambda, mu, theta);
        double pWait = 0, abandonRate = 0;
        for (var k = n; k < pi.Length; k++)
        {
            pWait += pi[k];
            abandonRate += (k - n) * theta * pi[k];
        }

        var abandonment = abandonRate / lambda;

        // Tagged caller: j callers ahead. Served-with-wait probability p_j and E[wait · 1{served}] T_j, by recursion.
        var queue = pi.Length - n;
        double served = 0, waitServed = 0, pPrev = 1, tPrev = 0;
        for (var j = 0; j < queue; j++)
        {
            var r = n * mu + j * theta;
            var advance = r / (r + theta);
            var p = advance * pPrev;
            var tj = advance * (pPrev / (r + theta) + tPrev);
            served += pi[n + j] * p;
            waitServed += pi[n + j] * tj;
            pPrev = p;
            tPrev = tj;
        }

        var answered = 1 - pWait + served;
        return new AMeasures(pWait, 1 - pWait + ServedWithin(n, mu, theta, pi, t), abandonment, waitServed / answered, a * answered / n);
    }

    /// <summary>P(wait, then served by t) by uniformizing the tagged caller's position chain.</summary>
    private static double ServedWithin(int n, double mu, double theta, double[] pi, double t)
    {
        var size = pi.Length - n;
        var state = new double[size];
        Array.Copy(pi, n, state, 0, size);
        var uniform = n * mu + size * theta;
        var rt = uniform * t;
        double served = 0, result = 0;
        var logWeight = -rt; // ln Poisson(m; rt)
        for (var m = 0; ; m++)
        {
            var weight = Math.Exp(logWeight);
            result += weight * served;
            if (m > rt + 12 * Math.Sqrt(rt) + 30) return result; // the Poisson tail beyond here is below 1e-25

            var next = new double[size];
            for (var j = 0; j < size; j++)
            {
                if (state[j] == 0) continue;
                var advance = (n * mu + j * theta) / uniform;
                var stay = 1 - advance - theta / uniform;
                next[j] += state[j] * stay;
                if (j == 0) served += state[j] * advance;
                else next[j - 1] += state[j] * advance;
            }

            state = next;
            logWeight += Math.Log(rt) - Math.Log(m + 1);
        }
    }

    /// <summary>Dense chat chain: agents' loads counted one by one, tail truncated where it vanishes.</summary>
    public static ChatMeasures Chat(int m, double lambda, double aht, double[] multipliers, double t)
    {
        var k = multipliers.Length;
        var slots = m * k;
        var muMax = slots / (aht * multipliers[k - 1]);
        if (lambda >= muMax) return new ChatMeasures(1, 0, double.PositiveInfinity, 1, k);

        var logW = new List<double> { 0 };
        var peak = 0.0;
        for (var l = 1; ; l++)
        {
            double rate;
            if (l <= slots)
            {
                rate = 0;
                for (var agent = 0; agent < m; agent++)
                {
                    var held = l / m + (agent < l % m ? 1 : 0);
                    if (held > 0) rate += held / (aht * multipliers[held - 1]);
                }
            }
            else
            {
                rate = muMax;
            }

            logW.Add(logW[^1] + Math.Log(lambda / rate));
            peak = Math.Max(peak, logW[^1]);
            if (l > slots && logW[^1] - peak < -50) break;
        }

        var w = logW.Select(v => Math.Exp(v - peak)).ToArray();
        var total = w.Sum();
        double pWait = 0, busy = 0, late = 0, asa = 0;
        for (var l = 0; l < w.Length; l++)
        {
            var p = w[l] / total;
            busy += Math.Min(l, slots) * p;
            if (l < slots) continue;

            // Arriving behind j = l − slots waiting chats: needs j + 1 completions at rate μ_max.
            var j = l - slots;
            pWait += p;
            asa += p * (j + 1) / muMax;
            double cdf = 0, pois = Math.Exp(-muMax * t);
            for (var i = 0; i <= j; i++)
            {
                cdf += pois;
                pois *= muMax * t / (i + 1);
            }

            late += p * cdf; // P(fewer than j + 1 completions by t) = P(W > t | l).
        }

        return new ChatMeasures(pWait, 1 - late, asa, busy / slots, busy / m);
    }
}
