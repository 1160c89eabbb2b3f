using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Tests.Demo;

public sealed class StaffingGapsTests
{
    [Fact]
    public async Task Profiles_offer_each_skill_mix_of_the_centre_full_time_and_part_time()
    {
        await using var host = await WebTestHost.CreateAsync();
        var plan = await host.Planning.PlanWeekAsync(DemoCoverageTests.DemoWeek, 7, default);

        var profiles = StaffingGaps.Profiles(plan.Scenario);

        Assert.Equal(12, profiles.Count); // the six commonest skill mixes, each full-time and part-time
        Assert.All(profiles, p => Assert.All(p.Skills, s => Assert.Contains(s, plan.Scenario.Skills)));
        Assert.Equal(6, profiles.Count(p => p.FullTime && p.Templates.SequenceEqual(["ft8"]) && p.NightConsent));
        Assert.Equal(6, profiles.Count(p => !p.FullTime && p.MaxPaidPerWeek == Duration.FromHours(30) && !p.Templates.Contains("ft8")));
    }

    [Fact]
    public async Task A_suggestion_runs_in_the_background_and_its_hires_close_most_of_an_unstaffed_day()
    {
        await using var host = await WebTestHost.CreateAsync();
        // One day of the demo week with no one rostered: every interval short, so hires are needed at every hour.
        var plan = await host.Planning.PlanWeekAsync(DemoCoverageTests.DemoWeek, 1, default);
        var empty = new Roster([]);
        var gaps = new StaffingGaps(Options.Create(new SchedulerWebOptions()), host.Clock, NullLogger<StaffingGaps>.Instance);
        var version = Guid.NewGuid();

        var started = gaps.Start(7, version, plan.Scenario, empty, "rahima");
        Assert.Same(gaps.Start(7, version, plan.Scenario, empty, "sabbir").RequestedBy, started.RequestedBy); // asked twice: one run
        await gaps.WhenDoneAsync(7, version).WaitAsync(TimeSpan.FromMinutes(2));
        var view = gaps.For(7, version);

        Assert.NotNull(view);
        Assert.False(view.Running);
        Assert.Null(view.Error);
        var result = view.Result!;
        Assert.NotEmpty(result.Hires);
        Assert.Equal(result.Required, result.ShortBefore);
        Assert.True(result.ShortAfter < result.ShortBefore / 4, $"short {result.ShortBefore} -> {result.ShortAfter}");
        Assert.True(result.WeeklyCost > 0);
        Assert.Equal(result.Hires.Count, StaffingGaps.Groups(result).Sum(g => g.Count));
        Assert.Null(gaps.For(7, Guid.NewGuid())); // another version of the roster: nothing asked

        // The roster with the hires, judged by the validator alone, agrees with the figures shown. The hires break no
        // rule; the centre's own agents are short of their contract hours only because this test rosters none of them.
        var report = RosterValidator.Validate(result.Scenario, result.Roster);
        var hireIds = result.Hires.Select(h => h.Agent.Id).ToHashSet();
        Assert.DoesNotContain(report.Violations, v => hireIds.Contains(v.AgentId ?? ""));
        Assert.All(report.Violations, v => Assert.Equal(RuleNames.WeeklyHours, v.Rule));
        Assert.Equal(result.ShortAfter, report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units));
    }
}
