using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Entities;
using Scheduler.Data.History;
using Scheduler.Data.Planning;
using Scheduler.Domain.Planning;
using Scheduler.Web.Features.Coverage;
using Scheduler.Web.Features.Overtime;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Requests;
using Scheduler.Web.Features.Schedule;

namespace Scheduler.Web.Features.Home;

/// <summary>Where a week's roster stands: nothing yet, a draft being worked on, or published to the agents.</summary>
public enum WeekState
{
    None,
    Draft,
    Published,
}

/// <summary>
/// One planning week on the supervisor's home: the state of its latest version (<paramref name="Number"/>), the
/// published version's number when a newer draft sits on top of it, the validator's cost, the agent-intervals short
/// of the requirement in this week and each queue's coverage and projected service level.
/// </summary>
public sealed record HomeWeek(LocalDate FirstDate, WeekState State, int? Number, int? PublishedNumber, long? Cost, int? AgentIntervalsShort, IReadOnlyList<QueueWeek> Queues);

/// <summary>Requests (swaps, time off) waiting for a supervisor's decision: how many, and the one waiting longest.</summary>
public sealed record WaitingRequests(int Count, RequestView? Oldest);

/// <summary>The newest history import still in use, and the site-local dates its intervals cover (last date inclusive).</summary>
public sealed record LastImport(string FileName, Instant ImportedAt, string? ImportedBy, LocalDate FirstDate, LocalDate LastDate);

/// <summary>A solve queued or running, for the week it plans.</summary>
public sealed record ActiveSolve(LocalDate FirstDate, SolveJobStatus Status, string RequestedBy, double ElapsedSeconds, int TimeLimitSeconds);

public sealed record SupervisorHome(IReadOnlyList<HomeWeek> Weeks, WaitingRequests Requests, LastImport? LastImport, IReadOnlyList<ActiveSolve> Solves);

/// <summary>
/// The manager's week: the first of this week and next that is published (null when neither is), with each queue's
/// coverage and projected service level and the worst gaps (site-zone times).
/// </summary>
public sealed record ManagerHome(LocalDate ThisWeek, LocalDate? FirstDate, int? Number, IReadOnlyList<QueueWeek> Queues, IReadOnlyList<CoveragePoint> Gaps, DateTimeZone Zone);

/// <summary>
/// The agent's home, in their own zone: the next shift (or the one they are on) and how long until it starts,
/// today's shift with its breaks and activities, overtime offers and swaps waiting on their answer, and the changes
/// to their shifts published since they last opened My schedule.
/// </summary>
public sealed record AgentHome(AgentEntity Agent, MyShift? Next, Duration? StartsIn, MyShift? Today, IReadOnlyList<OfferView> Offers, IReadOnlyList<RequestView> Swaps, IReadOnlyList<MyChange> Changes);

/// <summary>
/// What each role's home page says needs doing, composed from the services that own each part (rosters, coverage,
/// requests, solve jobs, history imports, overtime, My schedule). It reads only, except <see cref="MarkScheduleSeenAsync"/>.
/// </summary>
public sealed class HomeService(
    IDbContextFactory<SchedulerDbContext> contextFactory,
    RosterStore rosters,
    CoverageService coverage,
    RequestService requests,
    SolveJobStore solves,
    HistoryStore history,
    OvertimeService overtime,
    MySchedule schedule,
    SiteSettings site,
    IClock clock)
{
    /// <summary>How many gaps the manager's home lists.</summary>
    public const int GapsShown = 5;

    /// <summary>How far back the agent's changes go when they have never opened My schedule.</summary>
    public const int ChangeDays = 14;

    /// <summary>The Sunday starting the site's current planning week.</summary>
    public LocalDate ThisWeek() => PlanningService.PlanningWeekOf(clock.GetCurrentInstant().InZone(site.Zone).Date);

    public async Task<SupervisorHome> SupervisorAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var versions = await rosters.ListAsync(site.SiteId, ct);
        var thisWeek = ThisWeek();
        var weeks = new List<HomeWeek>();
        foreach (var first in new[] { thisWeek, thisWeek.PlusWeeks(1) })
        {
            weeks.Add(await WeekAsync(first, versions, ct));
        }

        var (pending, _) = await requests.QueueAsync(actor, ct);
        var lastImport = (await history.ListImportsAsync(ct)).FirstOrDefault(i => !i.RolledBack) is { } i
            ? new LastImport(i.FileName, i.ImportedAt, i.ImportedBy, i.From.InZone(site.Zone).Date, (i.To - Duration.FromTicks(1)).InZone(site.Zone).Date)
            : null;
        var active = (await solves.ActiveAsync(ct)).Where(j => j.SiteId == site.SiteId)
            .Select(j => new ActiveSolve(j.FirstDate, j.Status, j.RequestedBy, j.ElapsedSeconds, j.TimeLimitSeconds)).ToList();
        return new SupervisorHome(weeks, new WaitingRequests(pending.Count, pending.FirstOrDefault()), lastImport, active);
    }

    /// <summary>
    /// The week starting <paramref name="first"/>: the latest version of the horizon holding it (a four-week roster
    /// holds this week too), with cost, shortfall and service level counted over this week's intervals only.
    /// </summary>
    private async Task<HomeWeek> WeekAsync(LocalDate first, IReadOnlyList<RosterEntity> versions, CancellationToken ct)
    {
        var horizonFirst = await rosters.HorizonHoldingAsync(site.SiteId, first, ct) is { } horizon ? horizon.FirstDate : first;
        var ofWeek = versions.Where(v => v.FirstDate == horizonFirst).ToList();
        if (ofWeek.Count == 0)
        {
            return new HomeWeek(first, WeekState.None, null, null, null, null, []);
        }

        var latest = ofWeek.MaxBy(v => v.Number)!;
        var published = ofWeek.Where(v => v.Status == RosterStatus.Published).MaxBy(v => v.Number);
        var state = latest.Status == RosterStatus.Published ? WeekState.Published : WeekState.Draft;
        if (await coverage.VersionAsync(latest.Id, ct) is not { } week)
        {
            return new HomeWeek(first, state, latest.Number, published?.Number, latest.Cost, null, []);
        }

        var points = InWeek(week.Points, first);
        var queues = CoverageService.Summarise(week.Roster, points).Queues;
        return new HomeWeek(first, state, latest.Number, published?.Number, latest.Cost, points.Sum(p => p.Short), queues);
    }

    public async Task<ManagerHome> ManagerAsync(CancellationToken ct)
    {
        var thisWeek = ThisWeek();
        foreach (var first in new[] { thisWeek, thisWeek.PlusWeeks(1) })
        {
            var horizonFirst = await rosters.HorizonHoldingAsync(site.SiteId, first, ct) is { } horizon ? horizon.FirstDate : first;
            if (await coverage.WeekAsync(horizonFirst, ct) is { } week)
            {
                var points = InWeek(week.Points, first);
                return new ManagerHome(thisWeek, first, week.Roster.Entity.Number, CoverageService.Summarise(week.Roster, points).Queues, CoverageService.Gaps(points, GapsShown), site.Zone);
            }
        }

        return new ManagerHome(thisWeek, null, null, [], [], site.Zone);
    }

    /// <summary>The signed-in agent's home; null for a user not linked to an agent.</summary>
    public async Task<AgentHome?> AgentAsync(Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.AgentId is null || await schedule.AgentAsync(actor.AgentId, ct) is not { } agent)
        {
            return null;
        }

        var now = clock.GetCurrentInstant();
        var today = now.InZone(agent.HomeZone).Date;
        var shifts = await schedule.ShiftsAsync(agent, today, 28, ct);
        var next = shifts.Where(s => s.EndInstant > now).MinBy(s => s.StartInstant);
        var startsIn = next is null || next.StartInstant <= now ? (Duration?)null : next.StartInstant - now;
        var todays = shifts.Where(s => s.EndInstant > now && (s.Date == today || s.StartInstant <= now)).MinBy(s => s.StartInstant);
        var offers = (await overtime.MineAsync(actor, ct)).Where(o => o.Entity.Status == OvertimeOfferStatus.Sent).ToList();
        var swaps = (await requests.MineAsync(actor, ct))
            .Where(r => r.Entity.ColleagueId == actor.AgentId && r.Entity.Status == ShiftRequestStatus.AwaitingColleague).OrderBy(r => r.Entity.Date).ToList();
        var seen = await ScheduleSeenAtAsync(actor.UserName, ct);
        var changes = (await schedule.ChangesAsync(agent, now, ChangeDays, ct)).Where(c => seen is null || c.PublishedAt > seen).ToList();
        return new AgentHome(agent, next, startsIn, todays, offers, swaps, changes);
    }

    /// <summary>
    /// Remembers that the user has seen their schedule now: the home page's "changed since you last looked" starts
    /// again from here. Not audited: it records a look, not a change anyone makes to the plan (docs/decisions/020).
    /// </summary>
    public async Task MarkScheduleSeenAsync(string userName, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await db.Users.Where(u => u.UserName == userName).ExecuteUpdateAsync(u => u.SetProperty(x => x.ScheduleSeenAt, clock.GetCurrentInstant()), ct);
    }

    public async Task<Instant?> ScheduleSeenAtAsync(string userName, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.ScheduleSeenAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>The points of the seven site-local days from <paramref name="first"/>.</summary>
    private List<CoveragePoint> InWeek(IReadOnlyList<CoveragePoint> points, LocalDate first) =>
        [.. points.Where(p => p.Start.InZone(site.Zone).Date is var d && d >= first && d < first.PlusWeeks(1))];
}
