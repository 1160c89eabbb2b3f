using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Coverage;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Tests;

public sealed class CoverageServiceTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);

    [Fact]
    public async Task Gaps_of_a_published_week_name_when_which_skill_how_short_and_the_contacts_expected()
    {
        await using var host = await WebTestHost.CreateAsync();
        var agents = (await host.Planning.ActiveAgentsAsync(default)).Where(a => a.Id == "tanvir")
            .Select(a => PlanningService.ToRosterAgent(a) with { Contract = new Contract(Duration.Zero, Duration.FromHours(48), 6, 1) }).ToList();
        var grid = new Domain.Time.IntervalGrid(host.Site.Zone, Sunday, 7, host.Site.IntervalLength);
        var needed = host.Site.Staffing.Queues.ToDictionary(q => q.Queue.Id, _ => new int[grid.Count]);
        for (var t = 0; t < grid.Count; t++)
        {
            // One voice-bn agent needed 10:00-16:00 on Monday and Tuesday; Tanvir works Monday only.
            var i = grid.Intervals[t];
            if (i.Date.DayOfWeek is IsoDayOfWeek.Monday or IsoDayOfWeek.Tuesday && i.LocalStart.Hour is >= 10 and < 16) needed["voice-bn"][t] = 1;
        }

        var scenario = new RosterScenario(host.Site.Zone, Sunday, 7, host.Site.IntervalLength, [.. needed.Keys], needed, host.Site.Templates, agents, host.Site.Rules);
        var roster = new Roster([new ShiftOption(scenario, scenario.Template("ft8"), Sunday.PlusDays(1), new LocalTime(9, 0), Duration.FromHours(8)).Assign("tanvir", scenario.IntervalLength)]);
        var draft = await host.Rosters.SaveDraftAsync(host.Site.SiteId, scenario, roster, null, "rahima", default);
        var service = new CoverageService(host.Rosters, new Scheduler.Web.Features.Roster.RosterViewCache(host.Rosters), host.Planning, host.Queues, host.Site);

        Assert.Null(await service.WeekAsync(Sunday, default)); // a draft is not what the manager sees
        await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);
        var week = await service.WeekAsync(Sunday, default);

        var gaps = CoverageService.Gaps(week!.Points, take: 100);
        // Tuesday 10:00-16:00 (24 quarter-hours, nobody on), and Monday while Tanvir is on his three breaks (4 quarter-hours).
        Assert.Equal(24, gaps.Count(g => g.Start.InZone(host.Site.Zone).DayOfWeek == IsoDayOfWeek.Tuesday));
        Assert.Equal(4, gaps.Count(g => g.Start.InZone(host.Site.Zone).DayOfWeek == IsoDayOfWeek.Monday));
        Assert.All(gaps, g =>
        {
            Assert.Equal("voice-bn", g.Skill);
            Assert.Equal(1, g.Short);
            Assert.True(g.Contacts > 0, "the forecast expects Bangla calls on a Tuesday midday");
            Assert.Equal(0, g.ServiceLevel);
        });
        var monday = week.Points.Where(p => p.Skill == "voice-bn" && p.Required == 1 && p.Start.InZone(host.Site.Zone).DayOfWeek == IsoDayOfWeek.Monday).ToList();
        Assert.Equal(20, monday.Count(p => p.Short == 0 && p.ServiceLevel > 0));

        var summary = CoverageService.Summarise(week);
        Assert.Equal(7.5, summary.PaidHours, 6); // one 8 h shift less its 30-minute unpaid meal
        Assert.Equal(0, summary.HoursOver40);
        Assert.Equal(1, summary.AgentsWorking);
        Assert.Equal((0, 0), summary.Nights);
        var voice = summary.Queues.Single(q => q.Queue == "voice-bn");
        Assert.Equal(20.0 / 48, voice.Coverage, 6); // 20 of the 48 required quarter-hours covered
        Assert.InRange(voice.ServiceLevel!.Value, 0, 1);
        Assert.Null(summary.Queues.Single(q => q.Queue == "email-en").ServiceLevel);
    }

    [Theory]
    [InlineData(23, true)]
    [InlineData(3, true)]
    [InlineData(6, false)]
    [InlineData(14, false)]
    public void Nights_wrap_past_midnight(int hour, bool night) =>
        Assert.Equal(night, CoverageService.IsNight(new LocalTime(hour, 0), new LocalTime(22, 0), new LocalTime(6, 0)));
}
