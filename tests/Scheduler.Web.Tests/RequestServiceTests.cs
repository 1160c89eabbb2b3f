using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Requests;
using Scheduler.Web.Features.Schedule;

namespace Scheduler.Web.Tests;

/// <summary>Swaps, the open-shift board, time off and preferences, over the hand-made <see cref="SwapWeek"/>.</summary>
public sealed class RequestServiceTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);
    private static readonly LocalDate Tuesday = Sunday.PlusDays(2);
    private static readonly LocalDate Wednesday = Sunday.PlusDays(3);
    private static readonly LocalDate Thursday = Sunday.PlusDays(4);

    private static readonly Actor Tanvir = Agent("tanvir");
    private static readonly Actor Nadia = Agent("nadia");
    private static readonly Actor A003 = Agent("a003");
    private static readonly Actor Rahima = new("rahima", null, new HashSet<string> { Roles.Supervisor });

    private static Actor Agent(string id) => new(id, id, new HashSet<string> { Roles.Agent });

    [Fact]
    public async Task A_swap_that_breaks_the_colleagues_rest_is_refused_with_the_reason_and_nothing_is_stored()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);

        var preview = await host.Requests.PreviewSwapAsync(Tanvir, Tuesday, "a003", null, default);

        Assert.False(preview.Effect.IsAllowed);
        var rest = Assert.Single(preview.Effect.Violations);
        Assert.Equal(RuleNames.MinimumRest, rest.Rule);
        Assert.Equal("a003", rest.AgentId);
        Assert.Contains("rests 2 h", rest.Description);
        var refused = await Assert.ThrowsAsync<RequestRefusedException>(() => host.Requests.ProposeAsync(Tanvir, Tuesday, "a003", null, null, default));
        Assert.Contains("rests 2 h", refused.Message);
        await using var db = await host.Factory.CreateDbContextAsync();
        Assert.Empty(db.ShiftRequests);
    }

    [Fact]
    public async Task A_valid_swap_accepted_and_approved_publishes_the_next_version_and_changes_both_schedules()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (_, _, firstId) = await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);

        var preview = await host.Requests.PreviewSwapAsync(Tanvir, Wednesday, "nadia", Thursday, default);
        Assert.True(preview.Effect.IsAllowed);
        Assert.True(preview.Effect.LowersCoverage, "Nadia has no English, so Wednesday's English calls lose their agent");
        Assert.True(preview.Effect.BySkill["voice-en"] < 0);
        var english = Assert.Single(preview.Impact, i => i.Queue == "voice-en");
        Assert.True(english.After < english.Before, $"voice-en service level {english.Before} -> {english.After}");

        var request = await host.Requests.ProposeAsync(Tanvir, Wednesday, "nadia", Thursday, "family visit", default);
        Assert.Equal(ShiftRequestStatus.AwaitingColleague, request.Status);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.DecideAsync(Tanvir, request.Id, true, null, default));
        var accepted = await host.Requests.AnswerAsync(Nadia, request.Id, accept: true, default);
        Assert.Equal(ShiftRequestStatus.Pending, accepted.Status); // auto-approval is off by default
        var (pending, _) = await host.Requests.QueueAsync(Rahima, default);
        Assert.Equal(request.Id, Assert.Single(pending).Entity.Id);

        var approved = await host.Requests.DecideAsync(Rahima, request.Id, approve: true, "ok", default);

        Assert.Equal(ShiftRequestStatus.Approved, approved.Status);
        Assert.Equal("rahima", approved.DecidedBy);
        var second = await host.Rosters.PublishedAsync(host.Site.SiteId, Sunday, default);
        Assert.Equal(approved.ResultRosterId, second!.Entity.Id);
        Assert.Equal(2, second.Entity.Number);
        Assert.Equal(firstId, second.Entity.BasedOnId);
        Assert.True(RosterValidator.Validate(second.Scenario, second.Roster).IsValid);
        Assert.Equal([Sunday, Sunday.PlusDays(1), Tuesday, Thursday], second.Roster.For("tanvir").Select(s => s.Date).Order());
        await using (var audit = await host.Factory.CreateDbContextAsync())
        {
            // Each step in the audit log with the person who took it; the approval and the version it published together.
            var steps = audit.AuditEntries.OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action }).ToList().Select(a => (a.Actor, a.Action)).ToList();
            Assert.Equal([("tanvir", "request.create"), ("nadia", "request.accept"), ("rahima", "roster.publish"), ("rahima", "request.approve")], steps.Where(a => a.Action.StartsWith("request.", StringComparison.Ordinal) || a.Action == "roster.publish").TakeLast(4));
            Assert.Contains("published roster", audit.AuditEntries.Single(a => a.Action == "request.approve").After);
        }
        Assert.Equal([Wednesday, Sunday.PlusDays(5)], second.Roster.For("nadia").Select(s => s.Date).Order());
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Microsoft.Extensions.Options.Options.Create(new Scheduler.Web.Features.Security.SecurityOptions()));
        var tanvir = (await schedule.AgentAsync("tanvir", default))!;
        Assert.DoesNotContain(await schedule.ShiftsAsync(tanvir, Sunday, 7, default), s => s.Date == Wednesday);

        // Decided once: a second decision is refused.
        await Assert.ThrowsAsync<RequestRefusedException>(() => host.Requests.DecideAsync(Rahima, request.Id, true, null, default));
    }

    [Fact]
    public async Task An_agent_cannot_see_or_act_on_another_agents_requests()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        var swap = await host.Requests.ProposeAsync(Tanvir, Wednesday, "nadia", Thursday, null, default);
        var leave = await host.Requests.RequestTimeOffAsync(Tanvir, Sunday.PlusDays(1), Sunday.PlusDays(1), null, default);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.GetAsync(A003, swap.Id, default));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.GetAsync(A003, leave.Id, default));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.AnswerAsync(A003, swap.Id, true, default)); // named: Nadia
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.WithdrawAsync(Nadia, swap.Id, default)); // not hers to withdraw
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.WithdrawAsync(A003, leave.Id, default));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.DecideAsync(Nadia, leave.Id, true, null, default));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.PreviewAsync(A003, leave.Id, default));
        Assert.Empty(await host.Requests.MineAsync(A003, default));
        Assert.Equal(2, (await host.Requests.MineAsync(Tanvir, default)).Count);
        Assert.Single(await host.Requests.MineAsync(Nadia, default)); // the swap naming her

        await using var db = await host.Factory.CreateDbContextAsync();
        Assert.All(await db.ShiftRequests.ToListAsync(), r => Assert.NotEqual(ShiftRequestStatus.Withdrawn, r.Status));
    }

    [Fact]
    public async Task A_shift_offered_to_the_board_is_picked_up_and_auto_approved_when_it_breaks_nothing_and_loses_no_coverage()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        var settings = await host.Requests.SettingsAsync(default);
        await host.Requests.SaveSettingsAsync(Rahima, settings.Version, autoSwaps: true, autoTimeOff: false, 0.8, default);

        var offer = await host.Requests.ProposeAsync(Tanvir, Sunday, null, null, null, default);
        Assert.Equal(ShiftRequestStatus.Open, offer.Status);
        Assert.Single(await host.Requests.BoardAsync(Nadia, default));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.PickUpAsync(Tanvir, offer.Id, default)); // his own offer
        var picked = await host.Requests.PickUpAsync(Nadia, offer.Id, default);

        Assert.Equal(ShiftRequestStatus.Approved, picked.Status);
        Assert.Equal(RequestService.AutoApproval, picked.DecidedBy);
        var second = await host.Rosters.PublishedAsync(host.Site.SiteId, Sunday, default);
        Assert.Contains(second!.Roster.For("nadia"), s => s.Date == Sunday);
        Assert.True(RosterValidator.Validate(second.Scenario, second.Roster).IsValid);
        Assert.Empty(await host.Requests.BoardAsync(Nadia, default));
    }

    [Fact]
    public async Task Who_could_take_ranks_only_colleagues_who_break_nothing()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (scenario, roster, _) = await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);

        var candidates = await host.Requests.WhoCouldTakeAsync(Tanvir, Tuesday, default);

        // a003 would rest 2 h after the Monday night; Nadia and a014 can take it, a014 first (fewer paid hours that week).
        Assert.Equal(["a014", "nadia"], candidates.Select(c => c.Agent.Id));
        foreach (var c in candidates)
        {
            var after = ShiftTrade.Apply(roster, "tanvir", Tuesday, c.Agent.Id);
            Assert.True(RosterValidator.Validate(scenario, after).IsValid);
        }
    }

    [Fact]
    public async Task Approved_time_off_removes_the_shift_shows_its_service_impact_and_feeds_the_next_solve()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        var monday = Sunday.PlusDays(1);

        var leave = await host.Requests.RequestTimeOffAsync(Tanvir, monday, Tuesday, "exam", default);
        Assert.Equal(ShiftRequestStatus.Pending, leave.Status);
        var preview = await host.Requests.PreviewAsync(Rahima, leave.Id, default);
        Assert.True(preview.Effect.IsAllowed);
        Assert.True(preview.Effect.LowersCoverage);
        var bangla = Assert.Single(preview.Impact);
        Assert.Equal("voice-bn", bangla.Queue);
        Assert.Equal(0, bangla.After);
        Assert.True(bangla.Before > bangla.After, $"Bangla service with Tanvir on: {bangla.Before}"); // one agent is little against the demo volume, but not nothing
        await Assert.ThrowsAsync<RequestRefusedException>(() => host.Requests.RequestTimeOffAsync(Tanvir, Tuesday, Wednesday, null, default)); // overlaps

        await host.Requests.DecideAsync(Rahima, leave.Id, approve: true, null, default);

        var second = await host.Rosters.PublishedAsync(host.Site.SiteId, Sunday, default);
        Assert.Equal([Sunday, Wednesday], second!.Roster.For("tanvir").Select(s => s.Date).Order());
        Assert.Equal([monday, Tuesday], second.Scenario.Agent("tanvir").TimeOff.Order());
        Assert.True(RosterValidator.Validate(second.Scenario, second.Roster).IsValid);
        var plan = await host.Planning.PlanWeekAsync(Sunday, 7, default);
        Assert.Equal([monday, Tuesday], plan.Scenario.Agent("tanvir").TimeOff.Order());
        Assert.Empty(plan.Scenario.Agent("nadia").TimeOff);
    }

    [Fact]
    public async Task Time_off_is_auto_approved_only_while_the_service_level_stays_above_the_floor()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        var settings = await host.Requests.SettingsAsync(default);
        await host.Requests.SaveSettingsAsync(Rahima, settings.Version, autoSwaps: false, autoTimeOff: true, 0.8, default);

        // Tanvir alone covers Monday's Bangla calls: his day off would leave them unanswered.
        var monday = await host.Requests.RequestTimeOffAsync(Tanvir, Sunday.PlusDays(1), Sunday.PlusDays(1), null, default);
        Assert.Equal(ShiftRequestStatus.Pending, monday.Status);
        // Nadia has no shift on Saturday: nothing changes, approved at once, and the next solve keeps her free.
        var saturday = await host.Requests.RequestTimeOffAsync(Nadia, Sunday.PlusDays(6), Sunday.PlusDays(6), null, default);
        Assert.Equal(ShiftRequestStatus.Approved, saturday.Status);
        Assert.Equal(RequestService.AutoApproval, saturday.DecidedBy);
        Assert.Contains(Sunday.PlusDays(6), (await host.Planning.PlanWeekAsync(Sunday, 7, default)).Scenario.Agent("nadia").TimeOff);

        await Assert.ThrowsAsync<RequestRefusedException>(() => host.Requests.SaveSettingsAsync(Rahima, settings.Version, true, true, 0.5, default)); // stale copy
        var fresh = await host.Requests.SettingsAsync(default);
        await Assert.ThrowsAsync<RequestRefusedException>(() => host.Requests.SaveSettingsAsync(Rahima, fresh.Version, true, true, 1.5, default));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => host.Requests.SaveSettingsAsync(Tanvir, fresh.Version, true, true, 0.5, default));
    }

    [Theory]
    [InlineData("Fri off", IsoDayOfWeek.Friday, null, false)]
    [InlineData("mon work", IsoDayOfWeek.Monday, null, true)]
    [InlineData("Sun 08:00", IsoDayOfWeek.Sunday, "08:00", true)]
    [InlineData("any 14:00", null, "14:00", true)]
    public void Preferences_parse(string text, IsoDayOfWeek? day, string? start, bool wanted)
    {
        var p = PlanningService.ParsePreference(text)!;
        Assert.Equal(day, p.Weekday);
        Assert.Equal(start, p.Start?.ToString("HH:mm", null));
        Assert.Equal(wanted, p.Wanted);
    }

    [Theory]
    [InlineData("Fri")]
    [InlineData("any off")]
    [InlineData("Xyz off")]
    [InlineData("Mon 08:10")]
    [InlineData("Mon 25:00")]
    public void Bad_preferences_are_refused(string text) => Assert.Null(PlanningService.ParsePreference(text));

    [Fact]
    public async Task Preferences_feed_the_next_solve()
    {
        await using var host = await WebTestHost.CreateAsync();
        await using (var db = await host.Factory.CreateDbContextAsync())
        {
            var tanvir = await db.Agents.FirstAsync(a => a.Id == "tanvir");
            tanvir.Preferences = ["Fri off", "any 08:00"];
            await db.SaveChangesAsync();
        }

        var plan = await host.Planning.PlanWeekAsync(Sunday, 7, default);
        var wishes = plan.Scenario.Agent("tanvir").Preferences;
        Assert.Contains(wishes, p => p.Weekday == IsoDayOfWeek.Friday && !p.Wanted && p.Start is null);
        Assert.Contains(wishes, p => p.Weekday is null && p.Start == new LocalTime(8, 0) && p.Wanted);
    }
}
