using NodaTime;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Tests.Staffing;

public sealed class ServiceProjectionTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    [Fact]
    public void The_agents_staffing_asks_for_reach_the_target_and_one_fewer_does_not()
    {
        var policy = new StaffingPolicy(Channel.Voice, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(20)));
        var needed = StaffingCalculator.Required(policy, 60, 240, Quarter).Agents;

        Assert.True(ServiceProjection.ServiceLevel(policy, needed, 60, 240, Quarter) >= 0.8);
        Assert.True(ServiceProjection.ServiceLevel(policy, needed - 1, 60, 240, Quarter) < 0.8);
    }

    [Fact]
    public void Erlang_A_chat_and_email_each_get_their_own_model()
    {
        var voiceA = new StaffingPolicy(Channel.Voice, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(20))) { MeanPatience = Duration.FromSeconds(180) };
        var chat = new StaffingPolicy(Channel.Chat, new ServiceTarget.ServiceLevel(0.8, Duration.FromSeconds(60))) { Concurrency = new ConcurrencyCurve([1.0, 1.3, 1.7]) };
        var email = new StaffingPolicy(Channel.Email, new ServiceTarget.ResponseWithin(Duration.FromHours(4)));

        var withPatience = ServiceProjection.ServiceLevel(voiceA, 10, 60, 240, Quarter)!.Value;
        Assert.InRange(withPatience, 0, 1);
        var chatMore = ServiceProjection.ServiceLevel(chat, 8, 20, 300, Quarter)!.Value;
        var chatFewer = ServiceProjection.ServiceLevel(chat, 4, 20, 300, Quarter)!.Value;
        Assert.True(chatMore > chatFewer, $"8 agents {chatMore:P1} vs 4 agents {chatFewer:P1}");
        Assert.Null(ServiceProjection.ServiceLevel(email, 3, 50, 300, Quarter));
        Assert.Null(ServiceProjection.ServiceLevel(email, 0, 50, 300, Quarter)); // even with nobody on: email is a backlog
        Assert.Equal(0, ServiceProjection.ServiceLevel(voiceA, 0, 10, 240, Quarter));
        Assert.Equal(1, ServiceProjection.ServiceLevel(voiceA, 0, 0, 240, Quarter));
    }
}
