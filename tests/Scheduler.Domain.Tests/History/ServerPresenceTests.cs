using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.History;

public sealed class ServerPresenceTests
{
    private static readonly Instant T0 = Instant.FromUtc(1999, 2, 1, 7, 0);

    private static ServiceSpan Call(string server, int fromSeconds, int toSeconds) => new(server, T0 + Duration.FromSeconds(fromSeconds), T0 + Duration.FromSeconds(toSeconds));

    [Fact]
    public void Sessions_BridgeGapsShorterThanTheLimitAndSplitAtIt()
    {
        var calls = new[]
        {
            Call("DAN", 0, 100),
            Call("DAN", 699, 800), // 599 s after the last call ended: bridged
            Call("DAN", 1400, 1500), // exactly 600 s: a new stretch
            Call("DAN", 1450, 1480), // inside the one before (a transfer): no change
            Call("DAN", 1500, 1600), // touching: joined
        };

        var sessions = ServerPresence.Sessions(calls, Duration.FromSeconds(600));

        Assert.Equal([(0, 800), (1400, 1600)], sessions.Select(s => ((int)(s.Start - T0).TotalSeconds, (int)(s.End - T0).TotalSeconds)));
        Assert.All(sessions, s => Assert.Equal("DAN", s.Server));
    }

    [Fact]
    public void Sessions_NeverJoinTwoServersAndComeOrderedByServerThenStart()
    {
        var calls = new[] { Call("ZOE", 0, 100), Call("ANN", 50, 150), Call("ANN", 1000, 1100), Call("ZOE", 120, 200) };

        var sessions = ServerPresence.Sessions(calls, Duration.FromMinutes(5));

        Assert.Equal([("ANN", 50, 150), ("ANN", 1000, 1100), ("ZOE", 0, 200)], sessions.Select(s => (s.Server, (int)(s.Start - T0).TotalSeconds, (int)(s.End - T0).TotalSeconds)));
    }

    [Fact]
    public void Sessions_CallEndingBeforeItStarts_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ServerPresence.Sessions([Call("DAN", 100, 50)], Duration.FromMinutes(5)));
    }

    [Fact]
    public void Sessions_RandomCalls_CoverEveryCallOnceAndKeepTheirGaps()
    {
        var random = new Random(20_260_301);
        var gap = Duration.FromMinutes(10);
        var calls = new List<ServiceSpan>();
        foreach (var server in new[] { "A", "B", "C" })
        {
            var t = 0;
            for (var k = 0; k < 300; k++)
            {
                t += random.Next(0, 1500) - 30; // sometimes overlapping the call before
                var length = random.Next(0, 900);
                calls.Add(Call(server, Math.Max(0, t), Math.Max(0, t) + length));
                t = Math.Max(0, t) + length;
            }
        }

        var sessions = ServerPresence.Sessions(calls.OrderBy(_ => random.Next()), gap);

        foreach (var call in calls)
        {
            Assert.Single(sessions, s => s.Server == call.Server && s.Start <= call.Start && call.End <= s.End);
        }

        foreach (var server in sessions.GroupBy(s => s.Server))
        {
            var list = server.ToList();
            for (var i = 1; i < list.Count; i++)
            {
                Assert.True(list[i].Start - list[i - 1].End >= gap, $"{server.Key}: stretches {i - 1} and {i} are {list[i].Start - list[i - 1].End} apart");
            }

            // Every stretch starts with a call and ends with one: nothing is invented at either end.
            Assert.All(list, s => Assert.Contains(calls, c => c.Server == s.Server && c.Start == s.Start));
            Assert.All(list, s => Assert.Contains(calls, c => c.Server == s.Server && c.End == s.End));
        }
    }

    [Fact]
    public void AveragePerInterval_CountsTheShareOfEachIntervalPresent()
    {
        var length = Duration.FromMinutes(15);
        (Instant, Instant) Span(int from, int to) => (T0 + Duration.FromSeconds(from), T0 + Duration.FromSeconds(to));

        var average = ServerPresence.AveragePerInterval(
            [Span(450, 1350), Span(0, 2700), Span(-900, 90), Span(2600, 9000)], T0, length, 3);

        // 450-1350 is half of the first and half of the second; 0-2700 all three; -900..90 the first 90 s; 2600.. the last 100 s.
        Assert.Equal(0.5 + 1 + 0.1, average[0], 12);
        Assert.Equal(0.5 + 1, average[1], 12);
        Assert.Equal(1 + (100 / 900.0), average[2], 12);
    }

    [Fact]
    public void January_PresenceHoldsEveryCallAndNeverExceedsTheServers()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Jerusalem"];
        var calls = AnonymousBankCallReader.Read(TestData.File("anonymous_bank_1999", "raw", "january.txt"));
        var services = calls.Where(c => c.Outcome == AnonymousBankOutcome.Agent && c.Server is not null && c.ServiceStart is not null)
            .Select(c => new ServiceSpan(c.Server!, zone.AtStrictly(c.ServiceStart!.Value).ToInstant(), zone.AtStrictly(c.ServiceEnd!.Value).ToInstant()))
            .ToList();
        var start = zone.AtStartOfDay(new LocalDate(1999, 1, 1)).ToInstant();
        var length = Duration.FromMinutes(15);
        const int intervals = 32 * 96; // to 1 February, for calls served past midnight on the 31st

        var sessions = ServerPresence.Sessions(services, Duration.FromMinutes(15));
        var present = ServerPresence.AveragePerInterval(sessions.Select(s => (s.Start, s.End)), start, length, intervals);
        var busy = ServerPresence.AveragePerInterval(services.Select(s => (s.Start, s.End)), start, length, intervals);

        var servers = services.Select(s => s.Server).Distinct().Count();
        Assert.Equal(28, servers);
        for (var i = 0; i < intervals; i++)
        {
            Assert.True(busy[i] <= present[i] + 1e-9 || Overlapping(services, start + (length * i), length), $"interval {i}: {busy[i]} in service but {present[i]} present");
            Assert.InRange(present[i], 0, servers);
        }

        var presentHours = present.Sum() / 4;
        var busyHours = services.Sum(s => (s.End - s.Start).TotalHours);
        Assert.InRange(presentHours, busyHours, busyHours * 2); // talk takes between half of presence and all of it
        Assert.Equal(sessions.Sum(s => s.Length.TotalHours), presentHours, 6);
    }

    /// <summary>An interval in which one agent had two calls at once (the data has a few hundred): talk can exceed presence there.</summary>
    private static bool Overlapping(List<ServiceSpan> services, Instant from, Duration length) =>
        services.Where(s => s.Start < from + length && s.End > from).GroupBy(s => s.Server)
            .Any(g => g.OrderBy(s => s.Start).Zip(g.OrderBy(s => s.Start).Skip(1)).Any(p => p.Second.Start < p.First.End));
}
