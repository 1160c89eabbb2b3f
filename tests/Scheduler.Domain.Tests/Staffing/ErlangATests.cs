using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Tests.Staffing;

public class ErlangATests
{
    private const double Tolerance = 1e-9;

    private static void Close(double expected, double actual, string what, double tolerance = Tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    private static (double Load, double Aht, double Patience, double Threshold) RandomCase(Random random) =>
        (0.1 + random.NextDouble() * 30, 30 + random.NextDouble() * 570, 5 + random.NextDouble() * 295, random.NextDouble() * 60);

    [Fact]
    public void Evaluate_RandomCases_MatchTruncatedChainReference()
    {
        var random = new Random(12345);
        for (var i = 0; i < 300; i++)
        {
            var (load, aht, patience, threshold) = RandomCase(random);
            var agents = Math.Max(1, (int)load + random.Next(-10, 11)); // below, at and above the load

            var expected = Reference.ErlangA(agents, load, aht, patience, threshold);
            var actual = ErlangA.Evaluate(agents, load, aht, patience, threshold);

            var label = $"case {i} (n={agents}, a={load}, aht={aht}, P={patience}, t={threshold})";
            Close(expected.PWait, actual.ProbabilityOfWaiting, "P(wait) " + label);
            Close(expected.ServiceLevel, actual.ServiceLevel, "SL " + label);
            Close(expected.Abandonment, actual.Abandonment, "P(abandon) " + label);
            Close(expected.Asa, actual.Asa, "ASA " + label);
            Close(expected.Occupancy, actual.Occupancy, "occupancy " + label);
            Close(expected.Abandonment * patience, actual.MeanWaitOfOffered, "mean wait " + label);
        }
    }

    [Theory]
    [InlineData(ErlangAGoal.ServiceLevel)] // the usual 80/20 style target
    [InlineData(ErlangAGoal.Abandonment)] // abandonment-only target, where n may sit below the load
    [InlineData(ErlangAGoal.Asa)] // ASA of answered calls
    public void RequiredAgents_RandomCases_MatchReferenceScan(ErlangAGoal goal)
    {
        var random = new Random(12345);
        for (var i = 0; i < 60; i++)
        {
            var (load, aht, patience, threshold) = RandomCase(random);
            load /= 2; // keep the reference scan affordable
            var target = goal switch
            {
                ErlangAGoal.ServiceLevel => 0.5 + random.NextDouble() * 0.45,
                ErlangAGoal.Abandonment => 0.01 + random.NextDouble() * 0.2,
                _ => random.NextDouble() * 30,
            };
            var maxOcc = random.NextDouble() < 0.3 ? 0.7 + random.NextDouble() * 0.3 : 1.0;

            var actual = ErlangA.RequiredAgents(load, aht, patience, threshold, goal, target, maxOcc);

            var expected = 1;
            while (!Meets(Reference.ErlangA(expected, load, aht, patience, threshold), goal, target, maxOcc)) expected++;
            Assert.Equal(expected, actual.Agents);
        }
    }

    private static bool Meets(Reference.AMeasures m, ErlangAGoal goal, double target, double maxOcc) =>
        m.Occupancy <= maxOcc && goal switch
        {
            ErlangAGoal.ServiceLevel => m.ServiceLevel >= target,
            ErlangAGoal.Abandonment => m.Abandonment <= target,
            _ => m.Asa <= target,
        };

    [Theory]
    [InlineData(1e7, 1e-5, 1e-4)] // 1e-6 was hoped for here, but the true gap at n = 14 is 1.7e-6 (the reference agrees): it is O(1/P)
    [InlineData(1e9, 1e-6, 1e-6)] // two orders further out probabilities agree to ~1e-8 and ASA to ~1e-6 relative
    public void Evaluate_VeryLongPatience_ConvergesToErlangC(double patience, double tolerance, double asaTolerance)
    {
        // The textbook point (a = 10, AHT 180 s, 20 s threshold) from one below the answer (14) to two above; nearer
        // saturation the gap is larger (1.3e-5 at n = 12, P = 1e7), which is the model, not rounding.
        for (var agents = 13; agents <= 16; agents++)
        {
            var c = ErlangC.Evaluate(agents, 10, 180, 20);
            var a = ErlangA.Evaluate(agents, 10, 180, patience, 20);

            Close(c.ServiceLevel, a.ServiceLevel, $"SL n={agents}", tolerance);
            Close(c.ProbabilityOfWaiting, a.ProbabilityOfWaiting, $"P(wait) n={agents}", tolerance);
            Close(c.Asa, a.Asa, $"ASA n={agents}", asaTolerance);
            Assert.True(a.Abandonment < tolerance);
        }
    }

    [Fact]
    public void Evaluate_PatienceTenTimesLonger_GapToErlangCTenTimesSmaller()
    {
        var c = ErlangC.Evaluate(14, 10, 180, 20).ServiceLevel;
        var gap7 = ErlangA.Evaluate(14, 10, 180, 1e7, 20).ServiceLevel - c;
        var gap8 = ErlangA.Evaluate(14, 10, 180, 1e8, 20).ServiceLevel - c;

        Assert.True(gap7 > 0, "abandoners shorten the queue, so Erlang A answers more within 20 s");
        Assert.InRange(gap7 / gap8, 9, 11);
    }

    [Fact]
    public void Evaluate_HugePatience_MatchesReferenceChain()
    {
        // At P = 1e7 s the series regime of A(x, y) runs with x ≈ 7.8e5; the truncated chain is still exact.
        for (var agents = 11; agents <= 16; agents++)
        {
            var expected = Reference.ErlangA(agents, 10, 180, 1e7, 20);
            var actual = ErlangA.Evaluate(agents, 10, 180, 1e7, 20);

            Close(expected.ServiceLevel, actual.ServiceLevel, $"SL n={agents}");
            Close(expected.Abandonment, actual.Abandonment, $"abandonment n={agents}");
            Close(expected.Asa, actual.Asa, $"ASA n={agents}");
        }
    }

    [Fact]
    public void Evaluate_VeryShortPatience_AgreesWithReferenceAndMostWaitersLeave()
    {
        var expected = Reference.ErlangA(8, 10, 180, 1, 20);
        var actual = ErlangA.Evaluate(8, 10, 180, 1, 20);

        Close(expected.ServiceLevel, actual.ServiceLevel, "SL");
        Close(expected.Abandonment, actual.Abandonment, "abandonment");
        Close(expected.Asa, actual.Asa, "ASA");
        Assert.True(actual.Asa < 1, "waits of answered calls cannot exceed a patience of about 1 s by much");
    }

    [Fact]
    public void Evaluate_FewerAgentsThanLoad_StaysFinite()
    {
        var result = ErlangA.Evaluate(5, 10, 180, 120, 20);

        Assert.InRange(result.ServiceLevel, 0, 1);
        Assert.True(double.IsFinite(result.Asa));
        Assert.InRange(result.Abandonment, 0.4, 1); // at least 1 − n/a = 50 % of callers cannot be served
        Assert.Equal(1 - 5 / 10.0, result.Abandonment, 1); // heavy traffic: abandonment ≈ 1 − n/a
    }

    [Fact]
    public void RequiredAgents_HugeRateTimesPatience_NoOverflow()
    {
        // λ = 30 calls/s and 600 s patience make y = λ·P = 18,000: e^y would overflow a double.
        var result = ErlangA.RequiredAgents(30 * 300, 300, 600, 20, ErlangAGoal.ServiceLevel, 0.8);

        Assert.True(double.IsFinite(result.ServiceLevel) && double.IsFinite(result.Asa) && double.IsFinite(result.Abandonment));
        Assert.True(result.ServiceLevel >= 0.8);
        Assert.True(ErlangA.Evaluate(result.Agents - 1, 9000, 300, 600, 20).ServiceLevel < 0.8);
        Assert.True(result.Agents < ErlangC.RequiredAgents(9000, 300, 20, 0.8).Agents + 1);
    }

    [Fact]
    public void Evaluate_HugeRateTimesPatienceBelowLoad_AbandonmentNearFluidLimit()
    {
        var result = ErlangA.Evaluate(8000, 9000, 300, 600, 20);

        Assert.Equal(1 - 8000 / 9000.0, result.Abandonment, 2);
        Assert.True(double.IsFinite(result.Asa));
    }

    [Fact]
    public void RequiredAgents_ZeroLoad_NeedsNobody()
    {
        var result = ErlangA.RequiredAgents(0, 180, 60, 20, ErlangAGoal.ServiceLevel, 0.8);

        Assert.Equal(0, result.Agents);
        Assert.Equal(1, result.ServiceLevel);
        Assert.Equal(0, result.Abandonment);
    }

    [Fact]
    public void RequiredAgents_AbandonmentTargetWithShortPatience_CanStaffBelowLoad()
    {
        var result = ErlangA.RequiredAgents(50, 300, 10, 20, ErlangAGoal.Abandonment, 0.3);

        Assert.True(result.Agents < 50, $"{result.Agents} agents");
        Assert.True(result.Abandonment <= 0.3);
    }

    [Theory]
    [InlineData(0.0, "patienceSeconds")] // zero patience: nobody ever waits, not a queue
    [InlineData(double.PositiveInfinity, "patienceSeconds")] // infinite patience is Erlang C's job
    public void Evaluate_BadPatience_ThrowsNamingIt(double patience, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ErlangA.Evaluate(10, 10, 180, patience, 20));

        Assert.Equal(name, ex.ParamName);
    }

    [Theory]
    [InlineData(ErlangAGoal.ServiceLevel, 1.0)] // service level of 100 % is unreachable
    [InlineData(ErlangAGoal.Abandonment, 0.0)] // zero abandonment is unreachable with finite patience
    [InlineData(ErlangAGoal.Asa, -1.0)] // negative ASA
    public void RequiredAgents_BadTarget_ThrowsNamingIt(ErlangAGoal goal, double target)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ErlangA.RequiredAgents(10, 180, 60, 20, goal, target));

        Assert.Equal("target", ex.ParamName);
    }
}
