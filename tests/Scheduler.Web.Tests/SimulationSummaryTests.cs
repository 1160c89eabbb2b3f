using NodaTime;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Simulation;
using Scheduler.Web.Features.Coverage;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Tests;

/// <summary>What a simulation run keeps and says: its JSON, its sentence per queue, and its hours on the coverage map.</summary>
public sealed class SimulationSummaryTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 12, 5, 18, 0); // Sunday 6 Dec 00:00 in Dhaka

    [Theory]
    [InlineData(0.74, 0.81, 0.01, true, "voice-bn: Erlang per queue says 74 %, simulation says 81 ± 1 %: agents shared between queues help.")] // the example
    [InlineData(0.74, 0.75, 0.01, true, "voice-bn: Erlang per queue says 74 %, simulation says 75 ± 1 %: the two agree.")] // within 2 points
    [InlineData(0.80, 0.70, 0.02, false, "voice-bn: Erlang per queue says 80 %, simulation says 70 ± 2 %: breaks, shift edges and long contacts cost more than the formula assumes.")] // worse, alone
    [InlineData(0.80, 0.70, 0.02, true, "voice-bn: Erlang per queue says 80 %, simulation says 70 ± 2 %: the agents it shares are busy on other queues, and breaks and long contacts cost more than the formula assumes.")] // worse, shared
    [InlineData(0.80, 0.84, 0.05, false, "voice-bn: Erlang per queue says 80 %, simulation says 84 ± 5 %: the two agree.")] // inside a wide interval
    public void Explain_ComparesErlangWithTheSimulation(double erlang, double simulated, double halfWidth, bool shared, string expected)
    {
        var summary = Summary(Queue("voice-bn", Channel.Voice, erlang, new Estimate(simulated, halfWidth)), shared);

        Assert.Equal(expected, summary.Explain(summary.Queues[0]));
    }

    [Fact]
    public void Explain_OfEmail_SaysTheDeadlineAndThePartPastIt()
    {
        var summary = Summary(Queue("email", Channel.Email, null, new Estimate(0.96, 0.01)) with { ThresholdSeconds = 24 * 3600, PastDeadline = 0.031 }, shared: false);

        Assert.Equal("email: simulation says 96 ± 1 % answered within 24 h; 3.1 % past the deadline.", summary.Explain(summary.Queues[0]));
    }

    [Fact]
    public void Json_KeepsEveryNumber_EvenNaNAndAnInfiniteHalfWidth()
    {
        var summary = Summary(Queue("voice-bn", Channel.Voice, 0.8, new Estimate(0.9, double.PositiveInfinity)) with { Asa = new Estimate(double.NaN, double.NaN) }, shared: true);

        var read = SimulationSummary.FromJson(summary.ToJson())!;

        Assert.Equal(Start, read.Start);
        Assert.Equal(double.PositiveInfinity, read.Queues[0].ServiceLevel.HalfWidth);
        Assert.True(double.IsNaN(read.Queues[0].Asa.Mean));
        Assert.Equal(summary.Queues[0].HourInTime, read.Queues[0].HourInTime);
        Assert.Equal(Channel.Voice, read.Queues[0].Channel);
        Assert.Equal("? ", SimulationSummary.HalfWidth(double.PositiveInfinity) + " ");
    }

    [Fact]
    public void HourlyServiceLevels_PutEachSimulatedHourOnItsLocalHour_BesideErlangWeightedByContacts()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
        var summary = Summary(Queue("voice-bn", Channel.Voice, 0.8, new Estimate(0.9, 0.01)), shared: false);
        CoveragePoint Point(int quarter, double contacts, double sl) => new(Start + Duration.FromMinutes(15 * quarter), "voice-bn", 2, 2, contacts, sl);
        // Hour 0: 10 contacts at 60 % and 30 at 100 %: Erlang 90 %. Hour 1: nothing projected.
        var points = new[] { Point(0, 10, 0.6), Point(1, 30, 1.0) };

        var hours = CoverageService.HourlyServiceLevels(points, summary, "voice-bn", zone);

        var first = hours[(new LocalDate(2026, 12, 6), 0)];
        Assert.Equal(0.9, first.Erlang!.Value, 9);
        Assert.Equal(0.5, first.Simulated!.Value, 9); // 4 in time of 8 offered
        Assert.Null(hours[(new LocalDate(2026, 12, 6), 1)].Simulated); // no contacts in that hour
        Assert.Null(hours[(new LocalDate(2026, 12, 6), 1)].Erlang);
    }

    private static SimulatedQueueWeek Queue(string id, Channel channel, double? erlang, Estimate sl)
    {
        var offered = new double[7 * 24];
        var inTime = new double[7 * 24];
        offered[0] = 8;
        inTime[0] = 4;
        return new SimulatedQueueWeek(id, channel, 20, channel == Channel.Email ? null : 0.8, 8, erlang, sl, new Estimate(12, 1), new Estimate(0.02, 0.005), 0, offered, inTime);
    }

    private static SimulationSummary Summary(SimulatedQueueWeek queue, bool shared) =>
        new(Start, 20, 1000, queue.ServiceLevel, [queue], [new SimulatedGroup(shared ? [queue.Queue, "chat-bn"] : [queue.Queue], 3, 120, 0.7)]);
}
