using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Solver;
using Xunit.Abstractions;

namespace Scheduler.Web.Tests.Demo;

/// <summary>
/// The seeded demo centre is staffed like a real one: the week the demo opens on (13-19 Dec 2026, Victory Day on the
/// Wednesday), generated as the Generate button does (the site's templates and rules, the default 30 s limit, the
/// workers a solve gets on this machine), covers at least 97 % of the agent-intervals its requirement asks for, and
/// Victory Day's night, after the approved holiday leave, is its tight spot (short, shown amber on the coverage map).
/// </summary>
[Trait("Category", "Slow")]
public sealed class DemoCoverageTests(ITestOutputHelper output)
{
    /// <summary>The demo's first planning week on the real calendar: the Sunday after next from Thursday 3 Dec 2026.</summary>
    public static readonly LocalDate DemoWeek = new(2026, 12, 13);

    [Fact]
    public async Task The_generated_demo_week_covers_at_least_97_percent_of_required_agent_intervals()
    {
        await using var host = await WebTestHost.CreateAsync();
        await using (var db = await host.Factory.CreateDbContextAsync())
        {
            // The demo seeder's approved Victory Day leave (WebTestHost seeds the agents and history only).
            db.ShiftRequests.AddRange(Features.Demo.DemoSeeder.HolidayLeave(host.Site.SiteId, db.Agents.ToList(), host.Clock.GetCurrentInstant()));
            await db.SaveChangesAsync();
        }

        var plan = await host.Planning.PlanWeekAsync(DemoWeek, 7, default);
        Assert.Contains(new LocalDate(2026, 12, 16), plan.Scenario.Rules.Holidays); // Victory Day, a tight spot on purpose
        var web = new SchedulerWebOptions();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var firstAt = new FirstRosterTime(clock);
        using var job = RosterSolveJob.Start(plan.Scenario, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(web.SolveSeconds), Workers = web.Jobs.WorkersPerSolve }, firstAt);
        var result = await job.Completion;
        clock.Stop();

        Assert.NotNull(result.Roster);
        var report = RosterValidator.Validate(plan.Scenario, result.Roster);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Take(5)));
        var required = report.Coverage.Sum(c => c.Required.Values.Sum());
        var covered = report.Coverage.Sum(c => plan.Scenario.Skills.Sum(s => Math.Min(c.Required[s], c.Covered[s])));
        var share = (double)covered / required;
        output.WriteLine($"{plan.Scenario.Agents.Count} agents, first roster at {firstAt.At?.TotalSeconds:0.0} s, solved in {clock.Elapsed.TotalSeconds:0.0} s: {covered} of {required} agent-intervals covered ({share:P2})");
        foreach (var skill in plan.Scenario.Skills)
        {
            var need = report.Coverage.Sum(c => c.Required[skill]);
            var got = report.Coverage.Sum(c => Math.Min(c.Required[skill], c.Covered[skill]));
            output.WriteLine($"  {skill}: {got} of {need} ({(double)got / need:P1}), {plan.Scenario.Agents.Count(a => a.Skills.Contains(skill))} agents with the skill");
        }

        foreach (var day in plan.Scenario.Dates)
        {
            var shortBy = report.Coverage.Where(c => c.Start.InZone(plan.Scenario.Zone).Date == day).Sum(c => plan.Scenario.Skills.Sum(s => Math.Max(0, c.Required[s] - c.Covered[s])));
            var need = report.Coverage.Where(c => c.Start.InZone(plan.Scenario.Zone).Date == day).Sum(c => c.Required.Values.Sum());
            output.WriteLine($"  {day:ddd d MMM}: short {shortBy} of {need}, {plan.Scenario.Agents.Count(a => a.TimeOff.Contains(day))} on leave, {result.Roster.Shifts.Count(s => s.Date == day)} shifts");
        }

        foreach (var hour in report.Coverage.SelectMany(c => plan.Scenario.Skills.Select(s => (Local: c.Start.InZone(plan.Scenario.Zone).LocalDateTime, Skill: s, Short: Math.Max(0, c.Required[s] - c.Covered[s]))))
            .Where(x => x.Short > 0).GroupBy(x => (x.Local.Date, x.Local.Hour, x.Skill)).OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Hour))
        {
            output.WriteLine($"    short {hour.Key.Date:ddd d MMM} {hour.Key.Hour:00}:00 {hour.Key.Skill}: {hour.Sum(x => x.Short)} agent-intervals");
        }

        Assert.True(share >= 0.97, $"the demo week covers {share:P2} of required agent-intervals ({covered} of {required})");

        // The deliberate tight spot: Victory Day's staff (50 of 85 after the approved leave) cannot cover its whole night.
        var victoryNight = report.Coverage.Where(c => c.Start.InZone(plan.Scenario.Zone).Date == Features.Demo.DemoSeeder.VictoryDay && c.Start.InZone(plan.Scenario.Zone).Hour >= 18)
            .Sum(c => plan.Scenario.Skills.Sum(s => Math.Max(0, c.Required[s] - c.Covered[s])));
        Assert.True(victoryNight > 0, "Victory Day's evening and night should be the demo week's tight spot, but they are fully covered");
    }

    /// <summary>When the first roster came: the Generate button shows nothing before it.</summary>
    private sealed class FirstRosterTime(System.Diagnostics.Stopwatch clock) : IProgress<SolveProgress>
    {
        public TimeSpan? At { get; private set; }

        public void Report(SolveProgress value) => At ??= clock.Elapsed;
    }
}
