using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Coverage;
using Scheduler.Web.Features.Home;
using Scheduler.Web.Features.Overtime;
using Scheduler.Web.Features.Requests;
using Scheduler.Web.Features.Schedule;
using Scheduler.Web.Features.Security;

namespace Scheduler.Web.Tests;

/// <summary>
/// Each role's home page items, over the hand-made <see cref="SwapWeek"/> on a real SQLite database. The host's clock
/// is Thursday 26 November 2026, 12:00 in Dhaka: this planning week starts Sunday 22 November, the next on the 29th.
/// </summary>
public sealed class HomeServiceTests
{
    private static readonly LocalDate ThisWeek = new(2026, 11, 22);
    private static readonly LocalDate NextWeek = ThisWeek.PlusWeeks(1);

    private static readonly Actor Rahima = new("rahima", null, new HashSet<string> { Roles.Supervisor });
    private static readonly Actor Tanvir = Agent("tanvir");
    private static readonly Actor Nadia = Agent("nadia");

    private static Actor Agent(string id) => new(id, id, new HashSet<string> { Roles.Agent });

    /// <summary>The home service over the host's real stores (NoGapsTests renders the manager's panel with it).</summary>
    internal static HomeService Home(WebTestHost host) => new(
        host.Factory,
        host.Rosters,
        new CoverageService(host.Rosters, host.Views, host.Planning, host.Queues, host.Site),
        host.Requests,
        new SolveJobStore(host.Factory, host.Clock),
        host.History,
        new OvertimeService(host.Factory, host.Rosters, host.Site, host.Clock, NullLogger<OvertimeService>.Instance),
        new MySchedule(host.Factory, host.Rosters, host.Clock, Options.Create(new SecurityOptions())),
        host.Site,
        host.Clock);

    [Fact]
    public async Task The_supervisor_sees_this_week_published_next_week_as_a_draft_the_waiting_swap_the_last_import_and_the_running_solve()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, ThisWeek);
        var (_, roster, nextId) = await SwapWeek.PublishAsync(host.Factory, host.Rosters, NextWeek);
        // Tanvir swaps his Wednesday for Nadia's Thursday; she accepts, so it waits for a supervisor.
        var swap = await host.Requests.ProposeAsync(Tanvir, NextWeek.PlusDays(3), "nadia", NextWeek.PlusDays(4), null, default);
        await host.Requests.AnswerAsync(Nadia, swap.Id, accept: true, default);
        // Next week gets a draft v2 on top of its published v1 (a014's Wednesday removed by hand).
        var published = await host.Rosters.LoadAsync(nextId, default);
        await host.Rosters.SaveEditAsync(nextId, published!.Entity.Version, new Roster([.. roster.Shifts.Where(s => s.AgentId != "a014")]), "rahima", default);
        // A solve of the week after is running.
        var solves = new SolveJobStore(host.Factory, host.Clock);
        var job = await solves.EnqueueAsync(new SolveJobRequest(host.Site.SiteId, NextWeek.PlusWeeks(1), 7, "rahima", 30, 1), new SolveJobLimits(5, 600, 2, 2), default);
        await solves.BeginAsync(job.Id, "test", default);

        var home = await Home(host).SupervisorAsync(Rahima, default);

        Assert.Equal([ThisWeek, NextWeek], home.Weeks.Select(w => w.FirstDate));
        var current = home.Weeks[0];
        Assert.Equal((WeekState.Published, 1, 1), (current.State, current.Number, current.PublishedNumber));
        // Nobody works Saturday: voice-bn is one agent short 08:00-16:00, 32 quarter-hours, and short again during each break.
        Assert.InRange(current.AgentIntervalsShort!.Value, 33, 7 * 32);
        var bangla = Assert.Single(current.Queues, q => q.Queue == "voice-bn");
        Assert.InRange(bangla.Coverage, 0.5, 6.0 / 7); // 6 of 7 days at best, less the breaks
        var next = home.Weeks[1];
        Assert.Equal((WeekState.Draft, 2, 1), (next.State, next.Number, next.PublishedNumber));
        Assert.True(next.AgentIntervalsShort > 32, "without a014 Wednesday's voice-bn is short as well as Saturday's");
        Assert.Equal(1, home.Requests.Count);
        Assert.Equal(swap.Id, home.Requests.Oldest!.Entity.Id);
        var import = Assert.IsType<LastImport>(home.LastImport);
        Assert.Equal("demo.csv", import.FileName);
        Assert.True(import.FirstDate < import.LastDate);
        var running = Assert.Single(home.Solves);
        Assert.Equal((NextWeek.PlusWeeks(1), SolveJobStatus.Running), (running.FirstDate, running.Status));
    }

    [Fact]
    public async Task With_no_roster_the_supervisor_sees_both_weeks_empty_and_nothing_waiting()
    {
        await using var host = await WebTestHost.CreateAsync();

        var home = await Home(host).SupervisorAsync(Rahima, default);

        Assert.All(home.Weeks, w => Assert.Equal(WeekState.None, w.State));
        Assert.Equal(0, home.Requests.Count);
        Assert.Null(home.Requests.Oldest);
        Assert.Empty(home.Solves);
    }

    [Fact]
    public async Task The_manager_sees_the_published_weeks_service_level_per_queue_and_its_worst_gaps()
    {
        await using var host = await WebTestHost.CreateAsync();
        var home = Home(host);
        Assert.Null((await home.ManagerAsync(default)).FirstDate);
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, NextWeek);

        var manager = await home.ManagerAsync(default);

        Assert.Equal(NextWeek, manager.FirstDate); // this week has none, so the next published one
        Assert.Contains(manager.Queues, q => q.Queue == "voice-bn" && q.ServiceLevel is not null);
        Assert.Equal(HomeService.GapsShown, manager.Gaps.Count);
        // Only voice-bn is asked for 08:00-16:00 (voice-en on Wednesday is covered): every gap is one voice-bn agent
        // then, the busiest quarter-hours first.
        Assert.All(manager.Gaps, g =>
        {
            Assert.Equal(("voice-bn", 1), (g.Skill, g.Short));
            Assert.InRange(g.Start.InZone(manager.Zone).Hour, 8, 15);
        });
        Assert.Equal(manager.Gaps.OrderByDescending(g => g.Contacts).Select(g => g.Start), manager.Gaps.Select(g => g.Start));
    }

    [Fact]
    public async Task The_agent_sees_the_next_shift_the_swap_waiting_on_them_and_only_changes_published_since_they_last_looked()
    {
        await using var host = await WebTestHost.CreateAsync();
        await using (var db = await host.Factory.CreateDbContextAsync())
        {
            db.Users.Add(new SchedulerUser { UserName = "tanvir", NormalizedUserName = "TANVIR", AgentId = "tanvir" });
            await db.SaveChangesAsync();
        }

        var (scenario, roster, id) = await SwapWeek.PublishAsync(host.Factory, host.Rosters, NextWeek);
        // Nadia asks Tanvir to take her Thursday for his Wednesday: it waits on his answer.
        var swap = await host.Requests.ProposeAsync(Nadia, NextWeek.PlusDays(4), "tanvir", NextWeek.PlusDays(3), null, default);
        var service = Home(host);
        await service.MarkScheduleSeenAsync("tanvir", default);

        var home = await service.AgentAsync(Tanvir, default);

        Assert.NotNull(home);
        Assert.Equal(new LocalDateTime(2026, 11, 29, 8, 0), home.Next!.Start); // Sunday 08:00 in Dhaka
        Assert.Equal(Duration.FromHours(68), home.StartsIn); // from Thursday 12:00
        Assert.Null(home.Today);
        Assert.Equal(swap.Id, Assert.Single(home.Swaps).Entity.Id);
        Assert.Empty(home.Changes);

        // An hour later Rahima moves Tanvir's Tuesday from 08:00 to 07:00 and publishes v2.
        host.Clock.Advance(Duration.FromHours(1));
        var tuesday = NextWeek.PlusDays(2);
        var moved = new Roster([.. roster.Shifts.Where(s => !(s.AgentId == "tanvir" && s.Date == tuesday)),
            new ShiftOption(scenario, scenario.Template("ft8"), tuesday, new LocalTime(7, 0), Duration.FromHours(8)).Assign("tanvir", scenario.IntervalLength)]);
        var published = await host.Rosters.LoadAsync(id, default);
        var draft = await host.Rosters.SaveEditAsync(id, published!.Entity.Version, moved, "rahima", default);
        await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);

        var change = Assert.Single((await service.AgentAsync(Tanvir, default))!.Changes);
        Assert.Equal(2, change.Version);
        Assert.Equal(new LocalDateTime(2026, 12, 1, 8, 0), change.Was!.Value.Start);
        Assert.Equal(new LocalDateTime(2026, 12, 1, 7, 0), change.Now!.Value.Start);

        host.Clock.Advance(Duration.FromMinutes(5));
        await service.MarkScheduleSeenAsync("tanvir", default);
        Assert.Empty((await service.AgentAsync(Tanvir, default))!.Changes);
    }

    [Fact]
    public async Task On_shift_the_agent_sees_todays_shift_with_its_breaks_and_no_countdown()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, NextWeek);
        host.Clock.Reset(Instant.FromUtc(2026, 11, 29, 4, 0)); // Sunday 10:00 in Dhaka, two hours into Tanvir's shift

        var home = await Home(host).AgentAsync(Tanvir, default);

        Assert.Equal(new LocalDateTime(2026, 11, 29, 8, 0), home!.Today!.Start);
        Assert.Same(home.Today, home.Next);
        Assert.Null(home.StartsIn);
        Assert.NotEmpty(home.Today.Breaks);
    }

    [Fact]
    public async Task A_user_who_is_not_an_agent_has_no_agent_home()
    {
        await using var host = await WebTestHost.CreateAsync();

        Assert.Null(await Home(host).AgentAsync(Rahima, default));
    }
}
