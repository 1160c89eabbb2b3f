using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;
using Scheduler.Web.Features.Roster;
using Scheduler.Web.Features.Schedule;

namespace Scheduler.Web.Tests;

/// <summary>Placing a site's activity requests on a stored week, moving one by hand, and what the agent then sees.</summary>
public sealed class ActivityPlanningTests
{
    private static readonly LocalDate Monday = MyScheduleTests.Sunday.PlusDays(1);

    private static ActivityRequest Meeting(string? coach = null) =>
        new("huddle", ActivityKind.Meeting, "Team huddle", ActivityAttendees.Named("tanvir"), Duration.FromMinutes(30), Monday, Monday,
            new LocalTime(10, 0), new LocalTime(16, 0), CoachId: coach);

    [Fact]
    public async Task Placing_on_a_published_week_saves_the_next_draft_audited_and_the_agent_sees_it_in_the_week_and_the_feed()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (scenario, _) = await MyScheduleTests.PublishAsync(host);
        var requests = new ActivityRequestStore(host.Factory, host.Clock);
        await requests.SaveAsync(host.Site.SiteId, Meeting(), scenario.Agents, scenario.IntervalLength, "rahima", default);
        var planner = new ActivityPlanning(host.Rosters, requests, NullLogger<ActivityPlanning>.Instance);
        var published = (await host.Rosters.PublishedAsync(host.Site.SiteId, MyScheduleTests.Sunday, default))!;

        var result = await planner.PlaceAsync(published, "rahima", default);

        Assert.NotNull(result.Saved);
        Assert.Equal(2, result.Saved.Number);
        Assert.Equal(RosterStatus.Draft, result.Saved.Status);
        var placed = Assert.Single(result.Placement.Placed);
        Assert.True(result.Placement.Optimal);
        var draft = (await host.Rosters.LoadAsync(result.Saved.Id, default))!;
        Assert.True(RosterValidator.Validate(draft.Scenario, draft.Roster).IsValid);
        Assert.Equal(placed.Start, Assert.Single(draft.Roster.Activities).Start);

        // A hand move onto the meal break is refused with the rule's words; a move to 15:00 is saved as the next edit.
        var tanvirShift = draft.Roster.Shifts.Single(s => s.AgentId == "tanvir");
        var meal = tanvirShift.Breaks.First();
        var onBreak = ActivityPlanning.PreviewMove(draft, 0, Monday, meal.Start.InZone(scenario.Zone).TimeOfDay);
        Assert.False(onBreak.CanSave);
        Assert.Contains(onBreak.Report.Violations, v => v.Rule == RuleNames.Activities && v.Description.Contains("overlaps the", StringComparison.Ordinal));
        var later = ActivityPlanning.PreviewMove(draft, 0, Monday, new LocalTime(15, 0));
        Assert.True(later.CanSave, string.Join("; ", later.Report.Violations.Select(v => v.Description)));
        var moved = await planner.SaveMoveAsync(draft, later, "rahima", default);
        var afterMove = (await host.Rosters.LoadAsync(moved.Id, default))!;
        Assert.Equal(new LocalTime(15, 0), Assert.Single(afterMove.Roster.Activities).Start.InZone(scenario.Zone).TimeOfDay);
        await host.Rosters.PublishAsync(moved.Id, moved.Version, "rahima", default);

        await using (var db = await host.Factory.CreateDbContextAsync())
        {
            var actions = await db.AuditEntries.Where(a => a.Action == "roster.activities").Select(a => a.Subject).ToListAsync();
            Assert.Equal(2, actions.Count); // placed, then moved: one entry each
        }

        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Microsoft.Extensions.Options.Options.Create(new Scheduler.Web.Features.Security.SecurityOptions()));
        var tanvir = (await schedule.AgentAsync("tanvir", default))!;
        var week = await schedule.ShiftsAsync(tanvir, MyScheduleTests.Sunday, 7, default);
        var activity = Assert.Single(week.Single(s => s.SiteDate == Monday).Activities);
        Assert.Equal("Meeting: Team huddle 15:00-15:30", activity.Text);

        // The feed, read by Ical.Net (not by our writer): the shift and the meeting, each its own event, the meeting inside the shift.
        var ics = await schedule.FeedAsync(await schedule.RenewTokenAsync("tanvir", default), Instant.FromUtc(2027, 3, 20, 0, 0), default);
        Assert.NotNull(ics);
        var calendar = Calendar.Load(ics)!;
        Assert.Equal(2, calendar.Events.Count);
        var meeting = calendar.Events.Single(e => e.Summary!.StartsWith("Meeting:", StringComparison.Ordinal));
        var shift = calendar.Events.Single(e => e.Summary!.StartsWith("Shift", StringComparison.Ordinal));
        Assert.Equal("Meeting: Team huddle 15:00-15:30", meeting.Summary);
        Assert.Equal(new DateTime(2027, 3, 29, 15, 0, 0, DateTimeKind.Unspecified), meeting.Start!.Value);
        Assert.Equal(host.Site.Zone.Id, meeting.Start.TzId);
        Assert.True(meeting.Start.AsUtc >= shift.Start!.AsUtc && meeting.End!.AsUtc <= shift.End!.AsUtc);
        Assert.Contains("meeting", meeting.Categories);
    }

    [Fact]
    public async Task A_coach_with_no_shift_is_reported_with_why_and_nothing_is_saved()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (scenario, _) = await MyScheduleTests.PublishAsync(host);
        var requests = new ActivityRequestStore(host.Factory, host.Clock);
        await requests.SaveAsync(host.Site.SiteId, Meeting(coach: "nadia"), scenario.Agents, scenario.IntervalLength, "rahima", default);
        var planner = new ActivityPlanning(host.Rosters, requests, NullLogger<ActivityPlanning>.Instance);
        var published = (await host.Rosters.PublishedAsync(host.Site.SiteId, MyScheduleTests.Sunday, default))!;

        var result = await planner.PlaceAsync(published, "rahima", default);

        Assert.Null(result.Saved);
        var unplaced = Assert.Single(result.Placement.Unplaced);
        Assert.StartsWith("the coach ", unplaced.Reason, StringComparison.Ordinal);
        Assert.EndsWith("has no shift on Mon 29 Mar", unplaced.Reason, StringComparison.Ordinal);
        Assert.Single(await host.Rosters.ListAsync(host.Site.SiteId, default));
    }
}

/// <summary>The staffing step once the site plans activities: the training share of shrinkage is no longer added.</summary>
public sealed class ActivityStaffingTests
{
    [Fact]
    public async Task With_activity_requests_the_agents_to_schedule_drop_the_training_share_and_the_on_line_requirement_stays()
    {
        await using var host = await WebTestHost.CreateAsync();
        var week = host.Planning.NextPlanningWeek(host.Clock);
        var before = (await host.Planning.RequirementsAsync(week, 7, default)).Where(r => r.QueueId == "voice-bn").ToList();
        var agents = (await host.Planning.ActiveAgentsAsync(default)).Select(Scheduler.Web.Features.Planning.PlanningService.ToRosterAgent).ToList();

        await new ActivityRequestStore(host.Factory, host.Clock).SaveAsync(host.Site.SiteId,
            new ActivityRequest("coaching", ActivityKind.Coaching, "Weekly coaching", ActivityAttendees.WithSkill("voice-bn"), Duration.FromMinutes(30), week, week.PlusDays(6),
                new LocalTime(9, 0), new LocalTime(17, 0), ActivityRecurrence.Weekly), agents, host.Site.IntervalLength, "rahima", default);
        var after = (await host.Planning.RequirementsAsync(week, 7, default)).Where(r => r.QueueId == "voice-bn").ToList();

        Assert.Equal(before.Select(r => r.Staffing.Agents), after.Select(r => r.Staffing.Agents));
        Assert.True(after.Sum(r => r.Staffing.ScheduledAgents) < before.Sum(r => r.Staffing.ScheduledAgents), "the demo queues' 5 % training share is no longer added");
        // Demo shrinkage: breaks 12 %, training 5 %, absence 8 %; with activities planned, 20 %.
        Assert.All(after, r => Assert.Equal((int)Math.Ceiling(r.Staffing.Agents / (1 - 0.20) - 1e-9), r.Staffing.ScheduledAgents));
    }
}
