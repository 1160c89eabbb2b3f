using NodaTime;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Tests.Staffing;

public class StaffingCalculatorTests
{
    private static readonly Duration HalfHour = Duration.FromMinutes(30);
    private static readonly ServiceTarget EightyTwenty = new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(20));

    [Fact]
    public void Required_VoiceWithoutPatience_UsesErlangCAndShrinkage()
    {
        var policy = new StaffingPolicy(Channel.Voice, EightyTwenty) { Shrinkage = Shrinkage.Of(0.3) };

        var result = StaffingCalculator.Required(policy, 100, 180, HalfHour);

        Assert.Equal("Erlang C", result.Model);
        Assert.Equal(14, result.Agents);
        Assert.Equal(20, result.ScheduledAgents);
        Assert.Null(result.Abandonment);
        Assert.Equal(ErlangC.RequiredAgents(10, 180, 20, 0.8).ServiceLevel, result.ServiceLevel);
    }

    [Fact]
    public void Required_TextbookWithOccupancyCap_CapDoesNotBindAtSeventyOnePercent()
    {
        // Same worked example with its 85 % maximum occupancy: 10 / 14 = 71 %, so 14 agents stand.
        var policy = new StaffingPolicy(Channel.Voice, EightyTwenty) { MaxOccupancy = 0.85 };

        var result = StaffingCalculator.Required(policy, 100, 180, HalfHour);

        Assert.Equal(14, result.Agents);
        Assert.Equal(10 / 14.0, result.Occupancy, 12);
    }

    [Fact]
    public void Required_VoiceWithPatience_UsesErlangAAndNeedsNoMoreThanErlangC()
    {
        var policy = new StaffingPolicy(Channel.Voice, EightyTwenty) { MeanPatience = Duration.FromSeconds(90) };

        var result = StaffingCalculator.Required(policy, 100, 180, HalfHour);

        Assert.Equal("Erlang A", result.Model);
        Assert.NotNull(result.Abandonment);
        Assert.Equal(ErlangA.RequiredAgents(10, 180, 90, 20, ErlangAGoal.ServiceLevel, 0.8).Agents, result.Agents);
        Assert.True(result.Agents <= 14);
    }

    [Fact]
    public void Required_AbandonmentTargetWithPatience_MeetsIt()
    {
        var policy = new StaffingPolicy(Channel.Voice, new ServiceTarget.MaximumAbandonment(0.05)) { MeanPatience = Duration.FromMinutes(2) };

        var result = StaffingCalculator.Required(policy, 300, 240, HalfHour);

        Assert.True(result.Abandonment <= 0.05);
        Assert.True(ErlangA.Evaluate(result.Agents - 1, 40, 240, 120, 0).Abandonment > 0.05);
    }

    [Fact]
    public void Required_AsaTarget_MeetsIt()
    {
        var policy = new StaffingPolicy(Channel.Voice, new ServiceTarget.AverageSpeedOfAnswer(Duration.FromSeconds(15)));

        var result = StaffingCalculator.Required(policy, 100, 180, HalfHour);

        Assert.Equal(14, result.Agents); // ASA is 17.1 s at 13 agents and 7.8 s at 14 (see the reference)
        Assert.True(result.Asa <= 15);
    }

    [Fact]
    public void Required_ChatWithCurve_UsesChatModelWithOccupancyCap()
    {
        var policy = new StaffingPolicy(Channel.Chat, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(60)))
        {
            Concurrency = new ConcurrencyCurve([1.0, 1.25, 1.6]),
            MaxOccupancy = 0.6,
        };

        var result = StaffingCalculator.Required(policy, 200, 300, HalfHour);

        Assert.Equal("Chat", result.Model);
        Assert.True(result.Occupancy <= 0.6);
        Assert.True(result.ServiceLevel >= 0.8);
    }

    [Fact]
    public void Required_ZeroContacts_NobodyOnAnyChannel()
    {
        Assert.Equal(0, StaffingCalculator.Required(new StaffingPolicy(Channel.Voice, EightyTwenty), 0, 180, HalfHour).ScheduledAgents);
        Assert.Equal(0, StaffingCalculator.Required(new StaffingPolicy(Channel.Chat, EightyTwenty), 0, 180, HalfHour).ScheduledAgents);
    }

    [Fact]
    public void Required_AbandonmentTargetWithoutPatience_ThrowsNamingPolicy()
    {
        var policy = new StaffingPolicy(Channel.Voice, new ServiceTarget.MaximumAbandonment(0.05));

        var ex = Assert.Throws<ArgumentException>(() => StaffingCalculator.Required(policy, 100, 180, HalfHour));

        Assert.Equal("policy", ex.ParamName);
    }

    [Fact]
    public void Required_EmailPolicy_ThrowsPointingToBacklog()
    {
        var policy = new StaffingPolicy(Channel.Email, new ServiceTarget.ResponseWithin(Duration.FromHours(4)));

        var ex = Assert.Throws<ArgumentException>(() => StaffingCalculator.Required(policy, 100, 180, HalfHour));

        Assert.Equal("policy", ex.ParamName);
    }

    [Fact]
    public void RequiredForBacklog_EmailPolicy_AppliesOccupancyAndShrinkage()
    {
        var policy = new StaffingPolicy(Channel.Email, new ServiceTarget.ResponseWithin(Duration.FromHours(1)))
        {
            MaxOccupancy = 0.9,
            Shrinkage = Shrinkage.Of(0.25),
        };

        var results = StaffingCalculator.RequiredForBacklog(policy, [54, 0, 0], 300, HalfHour);

        Assert.Equal(5, results.Count);
        Assert.Equal(4, results[0].Agents); // 54 × 300 s / 3 intervals = 5,400 s; ÷ (1,800 s × 0.9) = 3.33
        Assert.Equal(6, results[0].ScheduledAgents); // 4 / 0.75 = 5.33
        Assert.Equal(0, results[3].Agents);
    }

    [Theory]
    [InlineData(-1.0, 180.0, "contacts")] // negative forecast
    [InlineData(10.0, 0.0, "ahtSeconds")] // zero handle time
    public void Required_BadForecast_ThrowsNamingIt(double contacts, double aht, string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StaffingCalculator.Required(new StaffingPolicy(Channel.Voice, EightyTwenty), contacts, aht, HalfHour));

        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void Policy_OccupancyAboveOne_ThrowsNamingMaxOccupancy()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new StaffingPolicy(Channel.Voice, EightyTwenty) { MaxOccupancy = 1.2 });

        Assert.Equal("MaxOccupancy", ex.ParamName);
    }

    [Fact]
    public void Policy_NonPositivePatienceThroughWith_ThrowsNamingMeanPatience()
    {
        var policy = new StaffingPolicy(Channel.Voice, EightyTwenty);

        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => policy with { MeanPatience = Duration.Zero });

        Assert.Equal("MeanPatience", ex.ParamName);
    }

    [Theory]
    [MemberData(nameof(BadTargets))]
    public void Policy_OutOfRangeTarget_ThrowsNamingTarget(ServiceTarget target)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new StaffingPolicy(Channel.Voice, target));

        Assert.Equal("Target", ex.ParamName);
    }

    public static TheoryData<ServiceTarget> BadTargets() => new()
    {
        new ServiceTarget.ServiceLevel(1.0, Duration.FromSeconds(20)), // 100 % can never be staffed to
        new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(-1)), // negative threshold
        new ServiceTarget.AverageSpeedOfAnswer(Duration.FromSeconds(-5)), // negative ASA
        new ServiceTarget.MaximumAbandonment(0), // zero abandonment is unreachable
        new ServiceTarget.ResponseWithin(Duration.Zero), // no time to respond
    };
}
