using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Schedule;
using Scheduler.Web.Features.Security;
using Scheduler.Web.Features.SickCall;

namespace Scheduler.Web.Tests;

/// <summary>A sick call's version as supervisors review it and as the agents affected see it: home page and feed.</summary>
public sealed class SickCallTests
{
    private static readonly LocalDate Sunday = MyScheduleTests.Sunday;

    [Fact]
    public async Task A_published_sick_call_shows_the_cut_shift_per_agent_tells_the_agent_and_raises_the_feeds_SEQUENCE()
    {
        await using var host = await WebTestHost.CreateAsync();
        await MyScheduleTests.PublishAsync(host); // v1: Nadia Sunday 04:00-12:00 Dhaka, Tanvir Monday 09:00-17:00
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Options.Create(new SecurityOptions()));
        var token = await schedule.RenewTokenAsync("nadia", default);
        var v1 = (await host.Rosters.PublishedAsync(host.Site.SiteId, Sunday, default))!;

        // Nadia goes home sick at 08:00 Dhaka on Sunday, through Monday; entered at 08:00.
        var zone = host.Site.Zone;
        var (from, until) = SickCallService.Instants(new SickCallForm("nadia", Sunday, new LocalTime(8, 0), Sunday.PlusDays(1)), zone);
        host.Clock.Reset(from);
        var plan = SickCalls.Plan(v1.Scenario, v1.Roster, new Absence("nadia", from, until), from);
        var draftRoster = SickCalls.KeepWorked(plan, new Roster([.. plan.Locked, .. v1.Roster.Shifts.Where(s => s.AgentId == "tanvir")]));
        var draft = await host.Rosters.SaveDraftAsync(host.Site.SiteId, plan.Scenario, draftRoster, null, "rahima", v1.Entity.Id, SickCalls.Reason(plan.Scenario, plan.Absence), null, default);
        var v2 = await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);

        // The supervisor's review: one change, Nadia's, cut at 08:00; nothing of Tanvir's.
        var changes = SickCallService.Changes(v1, (await host.Rosters.LoadAsync(v2.Id, default))!, "nadia");
        var nadiasChanges = Assert.Single(changes);
        var cut = Assert.Single(nadiasChanges.Shifts);
        Assert.True(cut.Cut);
        Assert.Equal("Sun 28 Mar 04:00-12:00 cut at 08:00 (the part worked is kept)", cut.Sentence);

        // Nadia's home page (London time: Dhaka 04:00-12:00 is 22:00 GMT Saturday to 07:00 BST; the cut at 03:00 BST).
        var nadia = (await schedule.AgentAsync("nadia", default))!;
        var notice = Assert.Single(await schedule.ChangesAsync(nadia, host.Clock.GetCurrentInstant(), 14, default));
        Assert.Equal($"Your shift on Sat 27 Mar 22:00-07:00 moved to Sat 27 Mar 22:00-03:00 (v{v2.Number}, published 28 Mar 03:00)", notice.Sentence);
        Assert.Empty(await schedule.ChangesAsync((await schedule.AgentAsync("tanvir", default))!, host.Clock.GetCurrentInstant(), 14, default));

        // Her feed, read by Ical.Net: the same event, SEQUENCE 1, ending at the cut.
        var ics = await schedule.FeedAsync(token, host.Clock.GetCurrentInstant(), default);
        Assert.NotNull(ics);
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var shift = Assert.Single(calendar.Events);
        Assert.Equal("nadia-2027-03-28@scheduler", shift.Uid);
        Assert.Equal(1, shift.Sequence);
        Assert.Equal(from.ToDateTimeUtc(), shift.End!.AsUtc);
    }

    [Fact]
    public void A_form_with_the_last_day_before_the_first_is_refused_naming_the_field()
    {
        var error = Assert.Throws<Scheduler.Data.Planning.SickCallRefusedException>(() => SickCallService.Instants(new SickCallForm("nadia", Sunday.PlusDays(2), null, Sunday), DateTimeZoneProviders.Tzdb["Asia/Dhaka"]));

        Assert.Equal("until", error.Field);
    }
}
