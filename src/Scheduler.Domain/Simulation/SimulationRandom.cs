namespace Scheduler.Domain.Simulation;

/// <summary>
/// xoshiro256** (Blackman and Vigna), seeded through SplitMix64: fast, small, and the same stream on every .NET
/// version and machine, which <see cref="Random"/> with a seed does not promise.
/// </summary>
internal struct SimulationRandom
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    public SimulationRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        _spareNormal = 0;
        _hasSpare = false;
    }

    /// <summary>The seed of replication <paramref name="index"/> of a run seeded <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, int index)
    {
        unchecked
        {
            var x = seed ^ (0x9E3779B97F4A7C15UL * (ulong)(index + 1));
            return SplitMix(ref x);
        }
    }

    // Both generators rely on arithmetic modulo 2^64; the build checks overflow elsewhere.
    private static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextULong()
    {
        unchecked
        {
            var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>Uniform in (0, 1): never 0, so its logarithm is finite.</summary>
    public double NextOpen() => ((NextULong() >> 11) + 0.5) * (1.0 / (1UL << 53));

    public double Exponential(double mean) => -Math.Log(NextOpen()) * mean;

    /// <summary>Standard normal by the Marsaglia polar method (two per round, one kept).</summary>
    public double Normal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = 2 * NextOpen() - 1;
            v = 2 * NextOpen() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);

        var f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * f;
        _hasSpare = true;
        return u * f;
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 by the boost U^(1/shape).</summary>
    public double Gamma(double shape)
    {
        if (shape < 1)
        {
            return Gamma(shape + 1) * Math.Pow(NextOpen(), 1 / shape);
        }

        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal();
                v = 1 + c * x;
            }
            while (v <= 0);

            v = v * v * v;
            var u = NextOpen();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
