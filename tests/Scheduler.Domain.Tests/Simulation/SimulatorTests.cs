using NodaTime;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Simulation;
using Scheduler.Domain.Staffing;
using Xunit;

namespace Scheduler.Domain.Tests.Simulation;

public class SimulatorTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    /// <summary>One queue at a constant load, <paramref name="agents"/> on duty from the start to an hour past the end.</summary>
    internal static SimulationModel SingleQueue(double erlangs, double aht, int agents, int intervals, HandleTimeModel handle, PatienceModel patience, double threshold = 20, Channel channel = Channel.Voice, ConcurrencyCurve? curve = null)
    {
        var perInterval = erlangs * Quarter.TotalSeconds / aht;
        var queue = new SimulatedQueue("q", channel, threshold, 0.8, Enumerable.Repeat(perInterval, intervals).ToArray(), Enumerable.Repeat(aht, intervals).ToArray(), handle, patience, curve);
        var end = (intervals * Quarter.TotalSeconds) + 3600;
        var staff = Enumerable.Range(0, agents).Select(i => new SimulatedAgent($"a{i}", ["q"], [new DutySpan(0, end)])).ToArray();
        return new SimulationModel(Instant.FromUtc(2026, 1, 5, 0, 0), Quarter, intervals, [queue], staff);
    }

    [Theory]
    [InlineData(1.0, 2, 180)]
    [InlineData(8.0, 10, 180)]
    [InlineData(40.0, 44, 240)]
    public void One_queue_with_exponential_handle_times_and_no_abandonment_reproduces_Erlang_C(double erlangs, int agents, double aht)
    {
        var model = SingleQueue(erlangs, aht, agents, 4 * 24 * 2, new HandleTimeModel.Exponential(), PatienceModel.Infinite);

        var result = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 40, Seed: 7));

        var exact = ErlangC.Evaluate(agents, erlangs, aht, 20);
        var q = result.Queue("q")!;
        // The simulation starts empty: allow 0.5 points of start-up bias besides the confidence interval.
        Assert.True(q.ServiceLevel.Contains(exact.ServiceLevel, 0.005), $"SL {q.ServiceLevel} vs Erlang C {exact.ServiceLevel:0.0000}");
        Assert.True(q.Asa.Contains(exact.Asa, 0.5 + (0.02 * exact.Asa)), $"ASA {q.Asa} vs Erlang C {exact.Asa:0.00}");
        Assert.Equal(0, q.Abandonment.Mean);
        Assert.True(q.ServiceLevel.HalfWidth < 0.02, $"half-width {q.ServiceLevel.HalfWidth}");
    }

    [Fact]
    public void Threshold_zero_gives_the_probability_of_answering_at_once()
    {
        var model = SingleQueue(8, 180, 10, 192, new HandleTimeModel.Exponential(), PatienceModel.Infinite, threshold: 0);

        var q = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 40, Seed: 3)).Queue("q")!;

        var exact = ErlangC.Evaluate(10, 8, 180, 0);
        Assert.True(q.ServiceLevel.Contains(1 - exact.ProbabilityOfWaiting, 0.005), $"{q.ServiceLevel} vs {1 - exact.ProbabilityOfWaiting:0.0000}");
    }

    [Theory]
    [InlineData(8.0, 8, 180, 120)]
    [InlineData(20.0, 18, 300, 200)]
    public void Exponential_patience_reproduces_Erlang_A(double erlangs, int agents, double aht, double patience)
    {
        var model = SingleQueue(erlangs, aht, agents, 192, new HandleTimeModel.Exponential(), new PatienceModel.Exponential(patience));

        var q = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 40, Seed: 11)).Queue("q")!;

        var exact = ErlangA.Evaluate(agents, erlangs, aht, patience, 20);
        Assert.True(q.ServiceLevel.Contains(exact.ServiceLevel, 0.005), $"SL {q.ServiceLevel} vs Erlang A {exact.ServiceLevel:0.0000}");
        Assert.True(q.Abandonment.Contains(exact.Abandonment, 0.003), $"abandonment {q.Abandonment} vs Erlang A {exact.Abandonment:0.0000}");
    }

    [Fact]
    public void Agents_shared_by_two_queues_serve_them_as_one_pool()
    {
        // Two queues of 4 Erlangs each and 10 agents who take both: first come first served across the queues is one
        // M/M/10 queue of 8 Erlangs, far better than two separate queues of 5 agents (what Erlang per queue assumes).
        const int intervals = 192;
        const double aht = 200;
        var perInterval = 4 * Quarter.TotalSeconds / aht;
        SimulatedQueue Queue(string id) => new(id, Channel.Voice, 20, 0.8, Enumerable.Repeat(perInterval, intervals).ToArray(), Enumerable.Repeat(aht, intervals).ToArray(), new HandleTimeModel.Exponential(), PatienceModel.Infinite);
        var staff = Enumerable.Range(0, 10).Select(i => new SimulatedAgent($"a{i}", ["card", "loan"], [new DutySpan(0, (intervals * 900) + 3600)])).ToArray();
        var model = new SimulationModel(Instant.FromUtc(2026, 1, 5, 0, 0), Quarter, intervals, [Queue("card"), Queue("loan")], staff);

        var result = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 40, Seed: 5));

        var pooled = ErlangC.Evaluate(10, 8, aht, 20).ServiceLevel;
        var split = ErlangC.Evaluate(5, 4, aht, 20).ServiceLevel;
        Assert.True(result.ServiceLevel.Contains(pooled, 0.005), $"{result.ServiceLevel} vs pooled {pooled:0.0000}");
        Assert.True(result.ServiceLevel.Low > split + 0.05, $"{result.ServiceLevel} vs split {split:0.0000}");
        Assert.All(result.Queues, q => Assert.True(q.ServiceLevel.Contains(pooled, 0.01), $"{q.QueueId} {q.ServiceLevel}"));
    }

    [Fact]
    public void Specialists_are_used_before_generalists()
    {
        // Queue a has two specialists and one generalist who also covers b; at a light load on a the specialists
        // should take nearly everything, leaving the generalist for b.
        const int intervals = 96;
        var start = Instant.FromUtc(2026, 1, 5, 0, 0);
        SimulatedQueue Queue(string id, double erlangs) => new(id, Channel.Voice, 20, 0.8, Enumerable.Repeat(erlangs * 900 / 300, intervals).ToArray(), Enumerable.Repeat(300.0, intervals).ToArray(), new HandleTimeModel.Exponential(), PatienceModel.Infinite);
        var duty = new[] { new DutySpan(0, (intervals * 900) + 3600) };
        var model = new SimulationModel(start, Quarter, intervals, [Queue("a", 0.5), Queue("b", 0.5)], [new("s1", ["a"], duty), new("s2", ["a"], duty), new("g", ["a", "b"], duty)]);

        var result = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 10, Seed: 2));

        var specialists = result.Groups.Single(g => g.Queues.Count == 1);
        var generalist = result.Groups.Single(g => g.Queues.Count == 2);
        Assert.Equal(2, specialists.Agents);
        Assert.InRange(specialists.Occupancy, 0.2, 0.3); // 0.5 Erlangs over two agents, a little less the generalist takes
        Assert.InRange(generalist.Occupancy, 0.5, 0.6); // all of b, and a's overflow
    }

    [Fact]
    public void Chat_specialists_fill_their_free_slots_before_an_agent_who_also_takes_calls()
    {
        // Two chat specialists holding up to three chats, and one agent who takes calls and chats; 1.5 Erlangs of chat
        // fits in the specialists' six slots nearly always, so the blended agent stays free for calls.
        const int intervals = 96;
        var curve = new ConcurrencyCurve([1.0, 1.2, 1.4]);
        var chat = new SimulatedQueue("chat", Channel.Chat, 60, 0.8, Enumerable.Repeat(1.5 * 900 / 400, intervals).ToArray(), Enumerable.Repeat(400.0, intervals).ToArray(), new HandleTimeModel.Exponential(), PatienceModel.Infinite, curve);
        var voice = new SimulatedQueue("voice", Channel.Voice, 20, 0.8, new double[intervals], Enumerable.Repeat(180.0, intervals).ToArray(), new HandleTimeModel.Exponential(), PatienceModel.Infinite);
        var duty = new[] { new DutySpan(0, (intervals * 900) + 3600) };
        var model = new SimulationModel(Instant.FromUtc(2026, 1, 5, 0, 0), Quarter, intervals, [chat, voice], [new("c1", ["chat"], duty), new("c2", ["chat"], duty), new("b", ["chat", "voice"], duty)]);

        var result = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 10, Seed: 6));

        var blended = result.Groups.Single(g => g.Queues.Count == 2);
        var specialists = result.Groups.Single(g => g.Queues.Count == 1);
        Assert.True(blended.Occupancy < 0.05, $"blended agent busy {blended.Occupancy:P1}");
        Assert.True(specialists.Occupancy > 0.5, $"specialists busy {specialists.Occupancy:P1}");
    }

    [Fact]
    public void Occupancy_counts_only_time_on_duty_even_when_a_contact_runs_into_a_break()
    {
        // One agent, swamped, with long calls that run past the break and the end of the shift.
        const int intervals = 16;
        var queue = new SimulatedQueue("q", Channel.Voice, 20, 0.8, Enumerable.Repeat(20.0, intervals).ToArray(), Enumerable.Repeat(900.0, intervals).ToArray(), new HandleTimeModel.Exponential(), new PatienceModel.Exponential(600));
        var agent = new SimulatedAgent("a", ["q"], [new DutySpan(0, 7000), new DutySpan(9000, 14_000)]);
        var model = new SimulationModel(Instant.FromUtc(2026, 1, 5, 0, 0), Quarter, intervals, [queue], [agent]);

        var group = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 20, Seed: 12)).Groups.Single();

        Assert.InRange(group.Occupancy, 0.95, 1.0);
        Assert.Equal((7000 + 5000) / 3600.0, group.DutyHours, 6);
    }

    [Fact]
    public void Chats_held_across_a_short_break_keep_the_work_already_done()
    {
        // One agent, chats of 30 min on average; a 1-second break half an hour in must change next to nothing (with
        // the same seed, the same contacts arrive). Before the fix the chats held over the break restarted their clock.
        const int intervals = 16;
        var chat = new SimulatedQueue("chat", Channel.Chat, 60, 0.8, Enumerable.Range(0, intervals).Select(i => i < 4 ? 0.5 : 0.0).ToArray(), Enumerable.Repeat(1800.0, intervals).ToArray(), new HandleTimeModel.Exponential(), PatienceModel.Infinite, ConcurrencyCurve.Single);
        SimulationModel With(params DutySpan[] duty) => new(Instant.FromUtc(2026, 1, 5, 0, 0), Quarter, intervals, [chat], [new SimulatedAgent("a", ["chat"], duty)]);
        var settings = new SimulationSettings(Replications: 2000, Seed: 21);

        var straight = ContactCentreSimulator.Run(With(new DutySpan(0, 14_400)), settings);
        var pause = ContactCentreSimulator.Run(With(new DutySpan(0, 1800), new DutySpan(1801, 14_400)), settings);

        var busyStraight = straight.Groups.Single().Occupancy * straight.Groups.Single().DutyHours;
        var busyPause = pause.Groups.Single().Occupancy * pause.Groups.Single().DutyHours;
        Assert.True(Math.Abs(busyPause - busyStraight) < 0.02 * busyStraight, $"busy {busyPause:0.000} h with the break against {busyStraight:0.000} h");
        Assert.True(Math.Abs(pause.Queues[0].Asa.Mean - straight.Queues[0].Asa.Mean) < 0.03 * straight.Queues[0].Asa.Mean, $"ASA {pause.Queues[0].Asa} against {straight.Queues[0].Asa}");
    }

    [Fact]
    public void Days_of_the_daily_arrival_factor_follow_the_local_clock_across_a_change()
    {
        // London falls back on 25 Oct 2026: that day has 100 quarter-hours, and the factor of day 2 starts at its midnight.
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var start = new LocalDate(2026, 10, 25).AtStartOfDayInZone(london).ToInstant();
        var model = SingleQueue(2, 180, 3, 196, new HandleTimeModel.Exponential(), PatienceModel.Infinite) with { Start = start, Zone = london };

        var days = CompiledModel.Compile(model).DayOfInterval;

        Assert.Equal(0, days[99]);
        Assert.Equal(1, days[100]);
        Assert.Equal(1, days[195]);
        Assert.Equal(0, CompiledModel.Compile(model with { Zone = null }).DayOfInterval[95]);
        Assert.Equal(1, CompiledModel.Compile(model with { Zone = null }).DayOfInterval[96]);
    }

    [Fact]
    public void A_seed_gives_the_same_result_on_any_number_of_threads()
    {
        var model = SingleQueue(8, 180, 9, 96, HandleTimeModel.Default, new PatienceModel.Exponential(200));

        var one = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 20, Seed: 42, Parallelism: 1));
        var many = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 20, Seed: 42, Parallelism: 4));
        var other = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 20, Seed: 43));

        Assert.Equal(one.Queues[0].AnsweredInTime, many.Queues[0].AnsweredInTime);
        Assert.Equal(one.Queues[0].WaitOfAnswered, many.Queues[0].WaitOfAnswered);
        Assert.Equal(one.ServiceLevel, many.ServiceLevel);
        Assert.Equal(one.Events, many.Events);
        Assert.NotEqual(one.Queues[0].Offered, other.Queues[0].Offered);
    }

    [Fact]
    public void Stops_early_once_the_confidence_interval_is_narrow_enough()
    {
        var model = SingleQueue(8, 180, 10, 96, new HandleTimeModel.Exponential(), PatienceModel.Infinite);

        var result = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 1000, Seed: 1, TargetHalfWidth: 0.01));

        Assert.True(result.Replications < 1000, $"{result.Replications}");
        Assert.True(result.Replications % SimulationSettings.BatchSize == 0);
        Assert.True(result.ServiceLevel.HalfWidth <= 0.01);
    }

    [Fact]
    public void Agents_on_break_or_off_shift_take_nothing()
    {
        // One agent on duty for the first hour only, then a break of an hour, then back: calls in the break wait.
        const int intervals = 12;
        var queue = new SimulatedQueue("q", Channel.Voice, 20, 0.8, Enumerable.Repeat(2.0, intervals).ToArray(), Enumerable.Repeat(60.0, intervals).ToArray(), new HandleTimeModel.Exponential(), PatienceModel.Infinite);
        var agent = new SimulatedAgent("a", ["q"], [new DutySpan(0, 3600), new DutySpan(7200, 100_000)]);
        var model = new SimulationModel(Instant.FromUtc(2026, 1, 5, 0, 0), Quarter, intervals, [queue], [agent]);

        var q = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 20, Seed: 9)).Queue("q")!;

        for (var i = 4; i < 8; i++)
        {
            Assert.Equal(0, q.AnsweredInTime[i]);
            Assert.True(q.Answered[i] > 0); // answered after the break
        }

        Assert.True(q.ServiceLevelOver(0, 4) > 0.8);
    }

    [Fact]
    public void Chats_held_several_at_a_time_match_the_concurrency_chain()
    {
        var curve = new ConcurrencyCurve([1.0, 1.25, 1.6]);
        var model = SingleQueue(9, 600, 6, 192, new HandleTimeModel.Exponential(), PatienceModel.Infinite, threshold: 30, channel: Channel.Chat, curve: curve);

        var q = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 30, Seed: 4)).Queue("q")!;

        // The chain assumes chats spread evenly over agents; routing to the least-loaded agent keeps them close to it.
        var chain = ChatStaffing.Evaluate(6, 9 / 600.0, 600, curve, 30);
        Assert.InRange(chain.ServiceLevel, 0.5, 0.95); // a case where waiting matters
        Assert.True(Math.Abs(q.ServiceLevel.Mean - chain.ServiceLevel) < 0.03, $"{q.ServiceLevel} vs chain {chain.ServiceLevel:0.0000}");
    }

    [Fact]
    public void Email_is_answered_within_its_deadline_when_the_day_has_room()
    {
        const int intervals = 96;
        var arrivals = Enumerable.Range(0, intervals).Select(i => i is >= 36 and < 40 ? 30.0 : 0).ToArray(); // a burst at 09:00
        var queue = new SimulatedQueue("mail", Channel.Email, 4 * 3600, null, arrivals, Enumerable.Repeat(300.0, intervals).ToArray(), new HandleTimeModel.Exponential(), PatienceModel.Infinite, Priority: 1);
        var staff = Enumerable.Range(0, 3).Select(i => new SimulatedAgent($"a{i}", ["mail"], [new DutySpan(9 * 3600, 17 * 3600)])).ToArray();
        var model = new SimulationModel(Instant.FromUtc(2026, 1, 5, 0, 0), Quarter, intervals, [queue], staff);

        var q = ContactCentreSimulator.Run(model, new SimulationSettings(Replications: 20, Seed: 8)).Queue("mail")!;

        // 120 items × 5 min = 10 agent-hours over 3 agents: done by about 12:20, inside the 4 h deadline.
        Assert.True(q.ServiceLevel.Mean > 0.97, $"{q.ServiceLevel}");
        Assert.Equal(0, q.Abandonment.Mean);
    }

    [Fact]
    public void Zero_agents_and_missing_handle_times_are_refused_with_a_message()
    {
        var model = SingleQueue(8, 180, 10, 8, new HandleTimeModel.Exponential(), PatienceModel.Infinite);

        var noAgents = Assert.Throws<SimulationInputException>(() => ContactCentreSimulator.Run(model with { Agents = [] }));
        Assert.Contains("no agents", noAgents.Message);

        var queue = model.Queues[0] with { AhtSeconds = new double[8] };
        var noAht = Assert.Throws<SimulationInputException>(() => ContactCentreSimulator.Run(model with { Queues = [queue] }));
        Assert.Contains("'q'", noAht.Message);
        Assert.Contains("handle time", noAht.Message);
    }

    [Fact]
    public void Log_normal_fit_recovers_its_parameters_and_empirical_patience_its_mean()
    {
        var random = new Random(1);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var samples = Enumerable.Range(0, 20_000).Select(_ => Math.Exp(5 + (0.8 * Normal()))).ToArray();

        var fit = HandleTimeModel.FitLogNormal(samples);

        Assert.Equal(5, fit.Mu, 1);
        Assert.Equal(0.8, fit.Sigma, 1);
        Assert.Equal(Math.Sqrt(Math.Exp(0.64) - 1), fit.Model.Cv, 1);

        // Patience exponential with mean 100 s, censored by answers at exponential times of mean 50 s.
        var waits = Enumerable.Range(0, 20_000).Select(_ =>
        {
            var patience = -100 * Math.Log(1 - random.NextDouble());
            var answer = -50 * Math.Log(1 - random.NextDouble());
            return (Math.Min(patience, answer), patience < answer);
        });
        var model = Assert.IsType<PatienceModel.Empirical>(PatienceModel.FromWaits(waits));
        var median = model.Times[Array.FindIndex(model.Survival, s => s <= 0.5)];
        Assert.InRange(median, 100 * Math.Log(2) * 0.9, 100 * Math.Log(2) * 1.1);
    }
}
