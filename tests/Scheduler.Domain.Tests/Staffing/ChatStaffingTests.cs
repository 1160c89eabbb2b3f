using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Tests.Staffing;

public class ChatStaffingTests
{
    private const double Tolerance = 1e-9;

    private static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");

    private static double[] RandomCurve(Random random)
    {
        var curve = new double[random.Next(1, 5)];
        var value = 1.0;
        for (var i = 0; i < curve.Length; i++)
        {
            curve[i] = value;
            value += random.NextDouble() * 0.6;
        }

        return curve;
    }

    [Fact]
    public void Evaluate_RandomCases_MatchDenseChainReference()
    {
        var random = new Random(12345);
        for (var i = 0; i < 200; i++)
        {
            var multipliers = RandomCurve(random);
            var agents = random.Next(1, 11);
            var aht = 120 + random.NextDouble() * 600;
            var muMax = agents * multipliers.Length / (aht * multipliers[^1]);
            var lambda = muMax * random.NextDouble() * 0.97;
            var threshold = random.NextDouble() * 60;

            var expected = Reference.Chat(agents, lambda, aht, multipliers, threshold);
            var actual = ChatStaffing.Evaluate(agents, lambda, aht, new ConcurrencyCurve(multipliers), threshold);

            var label = $"case {i}";
            Close(expected.PWait, actual.ProbabilityOfWaiting, "P(wait) " + label);
            Close(expected.ServiceLevel, actual.ServiceLevel, "SL " + label);
            Close(expected.Asa, actual.Asa, "ASA " + label);
            Close(expected.Utilisation, actual.SlotUtilisation, "utilisation " + label);
            Close(expected.ChatsPerAgent, actual.MeanChatsPerAgent, "chats per agent " + label);
        }
    }

    [Fact]
    public void RequiredAgents_RandomCases_MatchReferenceScan()
    {
        var random = new Random(12345);
        for (var i = 0; i < 100; i++)
        {
            var multipliers = RandomCurve(random);
            var aht = 120 + random.NextDouble() * 600;
            var lambda = random.NextDouble() * 0.05;
            var threshold = random.NextDouble() * 60;
            var target = 0.5 + random.NextDouble() * 0.45;
            var maxOcc = random.NextDouble() < 0.3 ? 0.6 + random.NextDouble() * 0.4 : 1.0;

            var actual = ChatStaffing.RequiredAgents(lambda, aht, new ConcurrencyCurve(multipliers), threshold, target, maxOccupancy: maxOcc);

            var expected = 1;
            while (true)
            {
                var m = Reference.Chat(expected, lambda, aht, multipliers, threshold);
                if (m.ServiceLevel >= target && m.Utilisation <= maxOcc) break;
                expected++;
            }

            Assert.Equal(expected, actual.Agents);
        }
    }

    [Fact]
    public void Evaluate_OneChatAtATime_EqualsErlangC()
    {
        for (var agents = 11; agents <= 16; agents++)
        {
            var chat = ChatStaffing.Evaluate(agents, 100 / 1800.0, 180, ConcurrencyCurve.Single, 20);
            var voice = ErlangC.Evaluate(agents, 10, 180, 20);

            Close(voice.ServiceLevel, chat.ServiceLevel, $"SL n={agents}");
            Close(voice.Asa, chat.Asa, $"ASA n={agents}");
            Close(voice.Occupancy, chat.SlotUtilisation, $"occupancy n={agents}");
        }
    }

    [Fact]
    public void RequiredAgents_ConcurrencyHelps_FewerAgentsThanOneAtATime()
    {
        var single = ChatStaffing.RequiredAgents(0.05, 300, ConcurrencyCurve.Single, 60, 0.8);
        var three = ChatStaffing.RequiredAgents(0.05, 300, new ConcurrencyCurve([1.0, 1.25, 1.6]), 60, 0.8);

        Assert.True(three.Agents < single.Agents, $"{three.Agents} vs {single.Agents}");
        Assert.InRange(three.MeanChatsPerAgent, 1, 3);
    }

    [Fact]
    public void Evaluate_ArrivalsAtOrAboveMaximumRate_Unstable()
    {
        var curve = new ConcurrencyCurve([1.0, 1.5]);
        var muMax = 4 * 2 / (300 * 1.5);

        var result = ChatStaffing.Evaluate(4, muMax, 300, curve, 30);

        Assert.Equal(0, result.ServiceLevel);
        Assert.True(double.IsPositiveInfinity(result.Asa));
    }

    [Fact]
    public void RequiredAgents_NoChats_NeedsNobody()
    {
        Assert.Equal(0, ChatStaffing.RequiredAgents(0, 300, ConcurrencyCurve.Single, 30, 0.8).Agents);
    }

    [Fact]
    public void RequiredAgents_ThousandsOfSlots_StaysFinite()
    {
        var result = ChatStaffing.RequiredAgents(3, 300, new ConcurrencyCurve([1.0, 1.2, 1.5]), 30, 0.9);

        Assert.True(result.ServiceLevel >= 0.9 && double.IsFinite(result.Asa));
        Assert.True(ChatStaffing.Evaluate(result.Agents - 1, 3, 300, new ConcurrencyCurve([1.0, 1.2, 1.5]), 30).ServiceLevel < 0.9);
    }

    [Theory]
    [InlineData(new double[0])] // empty: no concurrency at all
    [InlineData(new[] { 0.9 })] // faster than a single chat
    [InlineData(new[] { 1.0, 1.4, 1.2 })] // decreasing third multiplier
    [InlineData(new[] { 1.0, double.NaN })] // NaN
    public void ConcurrencyCurve_Invalid_ThrowsNamingMultipliers(double[] multipliers)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ConcurrencyCurve(multipliers));

        Assert.Equal("multipliers", ex.ParamName);
    }

    [Fact]
    public void ConcurrencyCurve_SameValues_AreEqual()
    {
        Assert.Equal(new ConcurrencyCurve([1.0, 1.25]), new ConcurrencyCurve([1.0, 1.25]));
        Assert.NotEqual(new ConcurrencyCurve([1.0, 1.25]), new ConcurrencyCurve([1.0, 1.3]));
    }
}
