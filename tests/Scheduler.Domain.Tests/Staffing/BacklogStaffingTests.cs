using NodaTime;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Tests.Staffing;

public class BacklogStaffingTests
{
    private static readonly Duration Interval = Duration.FromMinutes(30);

    /// <summary>
    /// Earliest-deadline-first with the planned agents: items arrive evenly through their interval (backlog at time
    /// zero, due at D), agents work at max occupancy, work is preemptive and fluid. Returns the worst lateness.
    /// </summary>
    private static double WorstLatenessUnderEdf(double[] arrivals, double aht, int d, double backlog, double maxOcc, IReadOnlyList<int> agents)
    {
        var length = Interval.TotalSeconds;
        var deadline = d * length;
        var items = new List<(double Arrival, double Due)>();
        for (var i = 0; i < (int)Math.Round(backlog); i++) items.Add((0, deadline));
        for (var i = 0; i < arrivals.Length; i++)
        {
            var count = (int)Math.Round(arrivals[i]);
            for (var q = 0; q < count; q++)
            {
                var at = (i + (q + 0.5) / count) * length;
                items.Add((at, at + deadline));
            }
        }

        var queue = new PriorityQueue<(double Due, double Remaining), double>();
        var next = 0;
        var worst = double.NegativeInfinity;
        items.Sort((x, y) => x.Arrival.CompareTo(y.Arrival));
        var now = 0.0;
        for (var interval = 0; interval < agents.Count; interval++)
        {
            var end = (interval + 1) * length;
            var rate = agents[interval] * maxOcc; // work-seconds per second
            while (true)
            {
                while (next < items.Count && items[next].Arrival <= now)
                {
                    queue.Enqueue((items[next].Due, aht), items[next].Due);
                    next++;
                }

                var nextArrival = next < items.Count ? items[next].Arrival : double.PositiveInfinity;
                if (queue.Count == 0 || rate == 0)
                {
                    now = Math.Min(nextArrival, end);
                    if (now >= end) break;
                    continue;
                }

                var (due, remaining) = queue.Dequeue();
                var finish = now + remaining / rate;
                var stop = Math.Min(finish, Math.Min(nextArrival, end));
                remaining -= (stop - now) * rate;
                now = stop;
                if (remaining <= 1e-9) worst = Math.Max(worst, now - due);
                else queue.Enqueue((due, remaining), due);
                if (now >= end) break;
            }
        }

        Assert.True(queue.Count == 0 && next == items.Count, "every item must be finished by the end of the plan");
        return worst;
    }

    [Theory]
    [InlineData(1, 0.0, 1.0)] // deadline of one interval, no backlog
    [InlineData(4, 0.0, 0.85)] // two-hour deadline with an occupancy cap
    [InlineData(8, 120.0, 1.0)] // four-hour deadline with a Monday-morning backlog
    [InlineData(48, 500.0, 0.9)] // next-day deadline, backlog and cap together
    public void Required_RandomSpikySeries_EdfMeetsEveryDeadline(int d, double backlog, double maxOcc)
    {
        var random = new Random(12345);
        var arrivals = Enumerable.Range(0, 96).Select(_ => random.NextDouble() < 0.1 ? random.Next(50, 200) : (double)random.Next(0, 20)).ToArray();

        var plan = BacklogStaffing.Required(arrivals, 420, Interval, Interval * d, backlog, maxOcc);

        var worst = WorstLatenessUnderEdf(arrivals, 420, d, backlog, maxOcc, plan.Agents);
        Assert.True(worst <= 1e-6, $"an item finished {worst} s late");
    }

    [Fact]
    public void Required_SpikySeries_FlattensThePeak()
    {
        double[] arrivals = [0, 0, 240, 0, 0, 0, 0, 0];
        var naive = (int)Math.Ceiling(240 * 300 / Interval.TotalSeconds); // answering the spike in its own interval: 40

        var plan = BacklogStaffing.Required(arrivals, 300, Interval, Duration.FromHours(2));

        Assert.Equal(40, naive);
        Assert.Equal(8, plan.Agents.Max()); // spread over 4 + 1 intervals
        Assert.True(plan.Agents.Max() < naive);
    }

    [Fact]
    public void Required_AnySeries_ConservesWork()
    {
        double[] arrivals = [10, 20, 0, 5.5];

        var plan = BacklogStaffing.Required(arrivals, 600, Interval, Duration.FromHours(3), openingBacklog: 12);

        Assert.Equal(arrivals.Length + 6, plan.WorkSeconds.Length);
        Assert.Equal((arrivals.Sum() + 12) * 600, plan.WorkSeconds.Sum(), 6);
    }

    [Theory]
    [InlineData(45)] // not a whole number of 30-minute intervals
    [InlineData(0)] // no time at all to answer
    public void Required_DeadlineNotWholeIntervals_Throws(int minutes)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => BacklogStaffing.Required([1.0], 300, Interval, Duration.FromMinutes(minutes)));

        Assert.Equal("deadline", ex.ParamName);
    }
}
