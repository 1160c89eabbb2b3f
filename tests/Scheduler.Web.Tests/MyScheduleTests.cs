using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Schedule;

namespace Scheduler.Web.Tests;

/// <summary>An agent's own shifts in their home zone, and their calendar feed, across the UK clock change.</summary>
public sealed class MyScheduleTests
{
    internal static readonly LocalDate Sunday = new(2027, 3, 28); // 01:00 GMT: the UK moves to BST

    [Fact]
    public async Task Nadia_in_London_sees_a_Dhaka_shift_at_London_times_across_the_clock_change_in_page_and_feed()
    {
        await using var host = await WebTestHost.CreateAsync();
        await PublishAsync(host);
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Microsoft.Extensions.Options.Options.Create(new Scheduler.Web.Features.Security.SecurityOptions()));
        var nadia = (await schedule.AgentAsync("nadia", default))!;

        var shifts = await schedule.ShiftsAsync(nadia, Sunday.PlusDays(-1), 7, default);

        // Dhaka 04:00-12:00 on Sunday 28 March = London 22:00 GMT Saturday to 07:00 BST Sunday: 8 elapsed hours.
        var shift = Assert.Single(shifts);
        Assert.Equal(new LocalDateTime(2027, 3, 27, 22, 0), shift.Start);
        Assert.Equal(new LocalDateTime(2027, 3, 28, 7, 0), shift.End);
        Assert.Equal(Duration.FromHours(8), shift.Elapsed);

        var token = await schedule.RenewTokenAsync("nadia", default);
        var ics = await schedule.FeedAsync(token, Instant.FromUtc(2027, 3, 20, 0, 0), default);

        Assert.NotNull(ics);
        Assert.Contains("BEGIN:VTIMEZONE", ics);
        Assert.Contains("TZID:Europe/London", ics);
        Assert.Contains("DTSTART;TZID=Europe/London:20270327T220000", ics);
        Assert.Contains("DTEND;TZID=Europe/London:20270328T070000", ics);
        Assert.Contains("SUMMARY:Shift 22:00-07:00", ics);
        Assert.Single(ics.Split("BEGIN:VEVENT")[1..]);
    }

    [Fact]
    public async Task A_feed_address_with_a_lifetime_stops_working_when_it_expires_and_only_its_hash_is_stored()
    {
        await using var host = await WebTestHost.CreateAsync();
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Microsoft.Extensions.Options.Options.Create(new Scheduler.Web.Features.Security.SecurityOptions { CalendarFeedDays = 30 }));

        var token = await schedule.RenewTokenAsync("tanvir", default);
        var agent = (await schedule.AgentAsync("tanvir", default))!;

        Assert.Equal(Scheduler.Data.Accounts.Secrets.Hash(token), agent.CalendarTokenHash);
        Assert.Equal(host.Clock.GetCurrentInstant() + Duration.FromDays(30), agent.CalendarTokenExpires);
        Assert.NotNull(await schedule.FeedAsync(token, host.Clock.GetCurrentInstant() + Duration.FromDays(29), default));
        Assert.Null(await schedule.FeedAsync(token, host.Clock.GetCurrentInstant() + Duration.FromDays(30), default));
    }

    [Fact]
    public async Task A_feed_holds_only_its_owners_shifts_and_a_renewed_or_revoked_token_stops_working()
    {
        await using var host = await WebTestHost.CreateAsync();
        await PublishAsync(host);
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Microsoft.Extensions.Options.Options.Create(new Scheduler.Web.Features.Security.SecurityOptions()));
        var now = Instant.FromUtc(2027, 3, 20, 0, 0);

        var tanvirToken = await schedule.RenewTokenAsync("tanvir", default);
        var tanvir = await schedule.FeedAsync(tanvirToken, now, default);
        Assert.Contains("tanvir-2027-03-29@scheduler", tanvir);
        Assert.DoesNotContain("nadia", tanvir);

        var renewed = await schedule.RenewTokenAsync("tanvir", default);
        Assert.NotEqual(tanvirToken, renewed);
        Assert.Null(await schedule.FeedAsync(tanvirToken, now, default));
        Assert.NotNull(await schedule.FeedAsync(renewed, now, default));

        await schedule.RevokeTokenAsync("tanvir", default);
        Assert.Null(await schedule.FeedAsync(renewed, now, default));
        Assert.Null(await schedule.FeedAsync("", now, default));
        Assert.Null(await schedule.FeedAsync("not-a-token", now, default));
    }

    [Fact]
    public async Task Only_published_versions_count_and_the_latest_one_wins()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (scenario, roster) = await PublishAsync(host);
        // A draft that removes Nadia's shift is not what agents see...
        var published = await host.Rosters.PublishedAsync(host.Site.SiteId, Sunday, default);
        var draft = await host.Rosters.SaveEditAsync(published!.Entity.Id, published.Entity.Version, new Roster([.. roster.Shifts.Where(s => s.AgentId != "nadia")]), "rahima", default);
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Microsoft.Extensions.Options.Options.Create(new Scheduler.Web.Features.Security.SecurityOptions()));
        var nadia = (await schedule.AgentAsync("nadia", default))!;
        Assert.Single(await schedule.ShiftsAsync(nadia, Sunday.PlusDays(-1), 7, default));

        // ...until it is published.
        await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);
        Assert.Empty(await schedule.ShiftsAsync(nadia, Sunday.PlusDays(-1), 7, default));
        Assert.Equal(7, scenario.Days);
    }

    internal static async Task<(RosterScenario Scenario, Roster Roster)> PublishAsync(WebTestHost host)
    {
        var agents = (await host.Planning.ActiveAgentsAsync(default)).Where(a => a.Id is "nadia" or "tanvir")
            .Select(a => PlanningService.ToRosterAgent(a) with { Contract = new Contract(Duration.Zero, Duration.FromHours(48), 6, 1), NightConsent = true }).ToList();
        var grid = new Domain.Time.IntervalGrid(host.Site.Zone, Sunday, 7, host.Site.IntervalLength);
        var scenario = new RosterScenario(host.Site.Zone, Sunday, 7, host.Site.IntervalLength, [.. host.Site.Staffing.Queues.Select(q => q.Queue.Id)], host.Site.Staffing.Queues.ToDictionary(q => q.Queue.Id, _ => new int[grid.Count]), host.Site.Templates, agents, host.Site.Rules);
        var ft8 = scenario.Template("ft8");
        var roster = new Roster(
        [
            new ShiftOption(scenario, ft8, Sunday, new LocalTime(4, 0), Duration.FromHours(8)).Assign("nadia", scenario.IntervalLength),
            new ShiftOption(scenario, ft8, Sunday.PlusDays(1), new LocalTime(9, 0), Duration.FromHours(8)).Assign("tanvir", scenario.IntervalLength),
        ]);
        var draft = await host.Rosters.SaveDraftAsync(host.Site.SiteId, scenario, roster, null, "rahima", default);
        await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);
        return (scenario, roster);
    }
}
