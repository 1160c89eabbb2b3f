using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Solver;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Tests;

public sealed class PlanningServiceTests
{
    [Fact]
    public async Task NextPlanningWeek_is_the_Sunday_after_next_week_begins()
    {
        await using var host = await WebTestHost.CreateAsync(seed: false);
        // Thursday 26 Nov 2026 in Dhaka: the week Rahima plans starts Sunday 6 Dec.
        Assert.Equal(new LocalDate(2026, 12, 6), host.Planning.NextPlanningWeek(host.Clock));
    }

    [Fact]
    public async Task The_demo_week_plans_every_queue_and_solves_to_a_valid_roster()
    {
        await using var host = await WebTestHost.CreateAsync();
        var week = host.Planning.NextPlanningWeek(host.Clock);

        var plan = await host.Planning.PlanWeekAsync(week, 7, default);

        Assert.Equal(Features.Demo.DemoSeeder.DefaultAgents, plan.Scenario.Agents.Count);
        Assert.Equal(["chat-bn", "email-en", "voice-bn", "voice-en"], plan.Scenario.Skills.Order(StringComparer.Ordinal));
        Assert.All(plan.Scenario.Skills, skill => Assert.True(plan.Scenario.Requirements[skill].Sum() > 0, $"{skill} needs agents"));
        Assert.Contains(plan.Scenario.Agents, a => a.HomeZone.Id == "Europe/London");

        // Stop at the first roster (the time limit is only a cap, so the test does not depend on the machine's speed).
        RosterSolveJob? job = null;
        var first = new FirstRoster(() => job?.Cancel());
        job = RosterSolveJob.Start(plan.Scenario, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(180), Workers = 2, Seed = 1 }, first);
        var result = await job.Completion;
        job.Dispose();

        Assert.NotNull(result.Roster);
        var report = RosterValidator.Validate(plan.Scenario, result.Roster);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Take(5)));
        Assert.Equal(result.Objective, report.TotalCost);
    }

    private sealed class FirstRoster(Action cancel) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => cancel();
    }

    [Theory]
    [InlineData("Mon 08:00+12", IsoDayOfWeek.Monday, 8, 12)]
    [InlineData("saturday 22:00+9", IsoDayOfWeek.Saturday, 22, 9)]
    public void Availability_entries_parse(string text, IsoDayOfWeek day, int hour, double hours)
    {
        var (d, window) = PlanningService.ParseAvailabilityEntry(text)!.Value;
        Assert.Equal(day, d);
        Assert.Equal(new LocalTime(hour, 0), window.From);
        Assert.Equal(Duration.FromMinutes(hours * 60), window.Span);
    }

    [Theory]
    [InlineData("Mon")]
    [InlineData("Xyz 08:00+8")]
    [InlineData("Mon 25:00+8")]
    [InlineData("Mon 08:00+30")]
    public void Bad_availability_entries_are_refused(string text) => Assert.Null(PlanningService.ParseAvailabilityEntry(text));
}

public sealed class QueueServiceTests
{
    [Fact]
    public async Task A_stricter_target_raises_the_agents_needed_and_a_bad_one_is_refused_whole()
    {
        await using var host = await WebTestHost.CreateAsync();
        var week = host.Planning.NextPlanningWeek(host.Clock);
        var before = (await host.Planning.PlanWeekAsync(week, 7, default)).Requirements.Where(r => r.QueueId == "voice-bn").Sum(r => r.Staffing.Agents);

        await host.Queues.SaveTargetAsync("voice-bn", new Scheduler.Domain.Queues.ServiceTarget.ServiceLevel(0.95, Duration.FromSeconds(10)), "rahima", default);
        var after = (await host.Planning.PlanWeekAsync(week, 7, default)).Requirements.Where(r => r.QueueId == "voice-bn").Sum(r => r.Staffing.Agents);

        Assert.True(after > before, $"95/10 needs more agents than 80/20 ({after} vs {before})");
        await Assert.ThrowsAsync<QueueSaveException>(() => host.Queues.SaveTargetAsync("voice-bn", new Scheduler.Domain.Queues.ServiceTarget.ServiceLevel(1.5, Duration.FromSeconds(10)), "rahima", default));
        await Assert.ThrowsAsync<QueueSaveException>(() => host.Queues.SaveTargetAsync("voice-bn", new Scheduler.Domain.Queues.ServiceTarget.ResponseWithin(Duration.FromHours(4)), "rahima", default));
        var stored = Assert.IsType<Scheduler.Domain.Queues.ServiceTarget.ServiceLevel>((await host.Queues.ListAsync(default)).Single(q => q.Id == "voice-bn").Target);
        Assert.Equal((0.95, Duration.FromSeconds(10)), (stored.Fraction, stored.Threshold));
    }
}
