using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Tests.Staffing;

public class ErlangCTests
{
    private const double Tolerance = 1e-9;

    /// <summary>Absolute 1e-9, relative for values above 1 (ASA can be thousands of seconds near saturation).</summary>
    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    [Fact]
    public void Evaluate_RandomCases_MatchDirectSumReference()
    {
        var random = new Random(12345);
        for (var i = 0; i < 300; i++)
        {
            var load = random.NextDouble() * 100;
            var agents = random.Next(1, 151);
            var aht = 30 + random.NextDouble() * 600;
            var threshold = random.NextDouble() * 60;

            var expected = Reference.ErlangC(agents, load, aht, threshold);
            var actual = ErlangC.Evaluate(agents, load, aht, threshold);

            Close(expected.PWait, actual.ProbabilityOfWaiting, $"P(wait) case {i}");
            Close(expected.ServiceLevel, actual.ServiceLevel, $"SL case {i}");
            Close(expected.Occupancy, actual.Occupancy, $"occupancy case {i}");
            if (double.IsInfinity(expected.Asa)) Assert.True(double.IsPositiveInfinity(actual.Asa));
            else Close(expected.Asa, actual.Asa, $"ASA case {i}");
        }
    }

    [Fact]
    public void RequiredAgents_RandomCases_MatchReferenceScan()
    {
        var random = new Random(12345);
        for (var i = 0; i < 300; i++)
        {
            var load = random.NextDouble() * 100;
            var aht = 30 + random.NextDouble() * 600;
            var threshold = random.NextDouble() * 60;
            var target = 0.5 + random.NextDouble() * 0.49;
            var maxOcc = random.NextDouble() < 0.3 ? 0.7 + random.NextDouble() * 0.3 : 1.0;

            var actual = ErlangC.RequiredAgents(load, aht, threshold, target, maxOcc);

            Assert.Equal(Reference.ErlangCRequired(load, aht, threshold, target, double.PositiveInfinity, maxOcc), actual.Agents);
            Close(Reference.ErlangC(actual.Agents, load, aht, threshold).ServiceLevel, actual.ServiceLevel, $"SL case {i}");
        }
    }

    [Fact]
    public void RequiredAgentsForAsa_RandomCases_MatchReferenceScan()
    {
        var random = new Random(12345);
        for (var i = 0; i < 300; i++)
        {
            var load = random.NextDouble() * 100;
            var aht = 30 + random.NextDouble() * 600;
            var maxAsa = random.NextDouble() * 60;

            var actual = ErlangC.RequiredAgentsForAsa(load, aht, maxAsa);

            Assert.Equal(Reference.ErlangCRequired(load, aht, 0, 0, maxAsa, 1), actual.Agents);
        }
    }

    [Fact]
    public void RequiredAgents_TextbookExample_Needs14AgentsAnd20Scheduled()
    {
        // 100 calls in 30 min, AHT 180 s, 80 % in 20 s: the worked example of Call Centre Helper's
        // "Erlang C Formula – Made Simple With an Easy Worked Example" (14 agents; 30 % shrinkage → 20).
        // The service level is checked against the independent reference (≈ 0.8883), not a typed-in number.
        var load = 100 * 180.0 / 1800;

        var result = ErlangC.RequiredAgents(load, 180, 20, 0.8);

        Assert.Equal(10, load, 12);
        Assert.Equal(14, result.Agents);
        Close(Reference.ErlangC(14, load, 180, 20).ServiceLevel, result.ServiceLevel, "SL");
        Assert.InRange(result.ServiceLevel, 0.888, 0.889);
        Assert.True(Reference.ErlangC(13, load, 180, 20).ServiceLevel < 0.8);
        Assert.Equal(20, Shrinkage.Of(0.3).Scheduled(result.Agents));
    }

    [Fact]
    public void RequiredAgents_ZeroLoad_NeedsNobody()
    {
        var result = ErlangC.RequiredAgents(0, 180, 20, 0.8);

        Assert.Equal(new ErlangCResult(0, 0, 1, 0, 0), result);
    }

    [Theory]
    [InlineData(10, 10.0)] // exactly saturated: the queue grows without bound
    [InlineData(5, 10.0)] // overloaded
    [InlineData(1, 1.5)] // smallest team overloaded by a fractional load
    public void Evaluate_AgentsNotAboveLoad_ServiceLevelZeroAsaInfinite(int agents, double load)
    {
        var result = ErlangC.Evaluate(agents, load, 180, 20);

        Assert.Equal(1, result.ProbabilityOfWaiting);
        Assert.Equal(0, result.ServiceLevel);
        Assert.True(double.IsPositiveInfinity(result.Asa));
        Assert.Equal(1, result.Occupancy);
    }

    [Fact]
    public void RequiredAgents_TenThousandErlangs_ExactBoundary()
    {
        var result = ErlangC.RequiredAgents(10_000, 300, 20, 0.9);

        Assert.True(double.IsFinite(result.ServiceLevel) && double.IsFinite(result.Asa) && double.IsFinite(result.ProbabilityOfWaiting));
        Assert.InRange(result.Agents, 10_001, 10_300);
        Assert.True(result.ServiceLevel >= 0.9);
        Assert.True(ErlangC.Evaluate(result.Agents - 1, 10_000, 300, 20).ServiceLevel < 0.9);
        Assert.Equal(result, ErlangC.Evaluate(result.Agents, 10_000, 300, 20));
    }

    [Fact]
    public void ErlangB_TenThousandErlangsAtTenThousandThreeHundred_IsFiniteAndSmall()
    {
        var b = ErlangC.ErlangB(10_300, 10_000);

        Assert.InRange(b, 1e-12, 1e-2);
    }

    [Fact]
    public void RequiredAgents_OccupancyCap_RaisesAgentsToLoadOverCap()
    {
        // 100 Erlangs with a generous target needs ~104 agents, but 85 % occupancy needs ceil(100 / 0.85) = 118.
        var result = ErlangC.RequiredAgents(100, 180, 20, 0.5, maxOccupancy: 0.85);

        Assert.Equal(118, result.Agents);
        Assert.True(result.Occupancy <= 0.85);
    }

    [Fact]
    public void RequiredAgentsBatch_UnevenLength_MatchesOneByOne()
    {
        var random = new Random(12345);
        var loads = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 300).ToArray();
        loads[17] = 0;
        var results = new ErlangCResult[loads.Length];

        ErlangC.RequiredAgentsBatch(loads, results, 240, 20, 0.8, 0.9);

        for (var i = 0; i < loads.Length; i++)
        {
            Assert.Equal(ErlangC.RequiredAgents(loads[i], 240, 20, 0.8, 0.9), results[i]);
        }
    }

    [Fact]
    public void RequiredAgentsBatch_MismatchedLengths_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ErlangC.RequiredAgentsBatch(new double[3], new ErlangCResult[2], 240, 20, 0.8));

        Assert.Equal("results", ex.ParamName);
    }

    [Theory]
    [InlineData(-1, 180, 20, 0.8, 1, "load")] // negative load
    [InlineData(double.NaN, 180, 20, 0.8, 1, "load")] // NaN slips through naive comparisons
    [InlineData(10, 0, 20, 0.8, 1, "ahtSeconds")] // zero handle time
    [InlineData(10, 180, -1, 0.8, 1, "thresholdSeconds")] // negative threshold
    [InlineData(10, 180, 20, 1, 1, "targetServiceLevel")] // 100 % is never reachable
    [InlineData(10, 180, 20, 0.8, 0, "maxOccupancy")] // zero occupancy cap
    [InlineData(10, 180, 20, 0.8, 1.1, "maxOccupancy")] // occupancy above 100 %
    public void RequiredAgents_BadArgument_ThrowsNamingIt(double load, double aht, double threshold, double target, double maxOcc, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ErlangC.RequiredAgents(load, aht, threshold, target, maxOcc));

        Assert.Equal(name, ex.ParamName);
    }
}
