using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Data.History;
using Scheduler.Data.Planning;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Staffing;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Features.Coverage;

/// <summary>One queue over the week: coverage of the requirement and the contact-weighted projected service level.</summary>
public sealed record QueueWeek(string Queue, double Coverage, double? ServiceLevel, double Contacts);

/// <summary>
/// The week at a glance: paid hours, hours beyond a 40-hour week per agent, each queue's coverage and projected service
/// level, and how evenly nights and weekend days are shared (fewest and most per agent who works).
/// </summary>
public sealed record WeekSummary(double PaidHours, double HoursOver40, IReadOnlyList<QueueWeek> Queues, (int Fewest, int Most) Nights, (int Fewest, int Most) WeekendDays, int AgentsWorking);

/// <summary>The coverage map of one skill (or all) in one zone: per local day and hour, the hour's worst quarter-hour.</summary>
public sealed record CoverageMap(IReadOnlyList<CoveragePoint> Points, IReadOnlyDictionary<(LocalDate Date, int Hour), (int Required, int Scheduled)> Cells, IReadOnlyList<LocalDate> Days);

/// <summary>A published week's coverage for the manager.</summary>
/// <remarks>
/// Never changes once built (it is cached per roster version): the summary and each map are derived on first use and
/// kept with it.
/// </remarks>
public sealed class CoverageWeek(StoredRoster roster, IReadOnlyList<CoveragePoint> points)
{
    private readonly ConcurrentDictionary<(string Skill, string Zone), Lazy<CoverageMap>> _maps = new();
    private readonly Lazy<WeekSummary> _summary = new(() => CoverageService.Summarise(roster, points));

    public StoredRoster Roster { get; } = roster;

    public IReadOnlyList<CoveragePoint> Points { get; } = points;

    public WeekSummary Summary => _summary.Value;

    /// <summary>
    /// Per local day and hour in <paramref name="zone"/>, the most agents (attendees and coaches) on an activity at one
    /// time in that hour: they are not counted on duty, and the map says so.
    /// </summary>
    public IReadOnlyDictionary<(LocalDate Date, int Hour), int> OnActivity(DateTimeZone zone) =>
        _onActivity.GetOrAdd(zone.Id, _ => new Lazy<IReadOnlyDictionary<(LocalDate, int), int>>(() => CoverageService.OnActivity(Roster, zone))).Value;

    private readonly ConcurrentDictionary<string, Lazy<IReadOnlyDictionary<(LocalDate, int), int>>> _onActivity = new();

    /// <summary>The map of one skill (<c>""</c>: all skills) with times in <paramref name="zone"/>.</summary>
    public CoverageMap Map(string skill, DateTimeZone zone) =>
        _maps.GetOrAdd((skill, zone.Id), _ => new Lazy<CoverageMap>(() => CoverageService.Map(Points, skill, zone))).Value;
}

/// <summary>
/// After-hours coverage: for a published week, per skill and interval, agents scheduled on duty against agents
/// required, the contacts forecast then, and the service level those agents would give (Erlang A / C, chat).
/// </summary>
/// <remarks>
/// A week is derived from the published version (its id and version Guid), the stored history (the forecast) and the
/// queues' targets (the projected service level), and cached under all three: publishing a new version, importing or
/// rolling back history, or changing a target is seen on the next request.
/// </remarks>
public sealed class CoverageService(RosterStore rosters, RosterViewCache views, PlanningService planning, QueueService queues, SiteSettings site, IOptions<SchedulerWebOptions>? options = null)
{
    private readonly RecentCache<(long Id, Guid Version, HistoryVersion History, string Targets), CoverageWeek?> _weeks = new(8, options?.Value.CacheViews ?? true);

    public async Task<CoverageWeek?> WeekAsync(LocalDate firstDate, CancellationToken ct) =>
        await rosters.PublishedIdAsync(site.SiteId, firstDate, ct) is { } id ? await VersionAsync(id, ct) : null;

    /// <summary>The coverage of any one version, a draft too (the supervisor's home shows the week's latest version).</summary>
    public async Task<CoverageWeek?> VersionAsync(long id, CancellationToken ct)
    {
        if (await rosters.VersionAsync(id, ct) is not { } version)
        {
            return null;
        }

        var staffing = await queues.StaffingAsync(ct);
        return await _weeks.GetAsync((id, version, await planning.HistoryVersionAsync(ct), PlanningService.TargetsKey(staffing)), () => BuildAsync(id, staffing, CancellationToken.None), ct);
    }

    private async Task<CoverageWeek?> BuildAsync(long id, StaffingConfig staffing, CancellationToken ct)
    {
        // The validated roster comes from the roster page's cache (the same version is validated once).
        if (await views.GetAsync(id, site.Zone, ct) is not { } model)
        {
            return null;
        }

        var forecast = await planning.ForecastAsync(model.Stored.Scenario.FirstDate, model.Stored.Scenario.Days, ct);
        return new CoverageWeek(model.Stored, Points(model.Stored, model.Report, forecast, staffing));
    }

    /// <summary>
    /// Per interval and skill of a roster: required, scheduled on duty, contacts forecast and the service level those
    /// agents would give by the queue's policy (Erlang A / C per queue, chat).
    /// </summary>
    public static IReadOnlyList<CoveragePoint> Points(StoredRoster roster, ValidationReport report, IReadOnlyList<ForecastInterval> forecastIntervals, StaffingConfig staffing)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(report);
        return RosterServiceProjection.Points(roster.Scenario.Skills, report.Coverage, forecastIntervals, staffing);
    }

    /// <summary>Per skill, the contact-weighted projected service level over the roster's horizon (null for a backlog queue).</summary>
    public static IReadOnlyDictionary<string, double?> ProjectedServiceLevels(IReadOnlyList<CoveragePoint> points) => RosterServiceProjection.PerSkill(points);

    /// <summary>Service level weighted by contacts over points that have one; null when none has.</summary>
    public static double? WeightedServiceLevel(IEnumerable<CoveragePoint> points) => RosterServiceProjection.Weighted(points);

    /// <summary>
    /// The projected (Erlang) and simulated service level of each local hour of one skill (<c>""</c>: voice and chat
    /// together) in <paramref name="zone"/>; either is null when the hour has no contacts (or, for the projection, none
    /// with a projection: email).
    /// </summary>
    public static IReadOnlyDictionary<(LocalDate Date, int Hour), (double? Erlang, double? Simulated)> HourlyServiceLevels(IReadOnlyList<CoveragePoint> points, SimulationSummary simulation, string skill, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(simulation);
        var queues = simulation.Queues.Where(q => skill.Length == 0 ? q.Channel != Domain.Queues.Channel.Email : q.Queue == skill).ToList();
        var ids = queues.Select(q => q.Queue).ToHashSet(StringComparer.Ordinal);
        var erlang = points.Where(p => ids.Contains(p.Skill)).GroupBy(p => (p.Start.InZone(zone).Date, p.Start.InZone(zone).Hour))
            .ToDictionary(g => g.Key, g => WeightedServiceLevel(g));
        var cells = new Dictionary<(LocalDate, int), (double?, double?)>();
        for (var h = 0; h < simulation.Hours; h++)
        {
            var local = (simulation.Start + Duration.FromHours(h)).InZone(zone);
            double offered = queues.Sum(q => q.HourOffered[h]), inTime = queues.Sum(q => q.HourInTime[h]);
            cells[(local.Date, local.Hour)] = (erlang.GetValueOrDefault((local.Date, local.Hour)), offered > 1e-9 ? inTime / offered : null);
        }

        return cells;
    }

    public static WeekSummary Summarise(CoverageWeek week) => week.Summary;

    /// <summary>See <see cref="CoverageWeek.OnActivity"/>: per quarter-hour of the grid, the people on an activity; per local hour, the most.</summary>
    internal static IReadOnlyDictionary<(LocalDate Date, int Hour), int> OnActivity(StoredRoster roster, DateTimeZone zone)
    {
        var cells = new Dictionary<(LocalDate, int), int>();
        var activities = roster.Roster.Activities;
        if (activities.Count == 0)
        {
            return cells;
        }

        foreach (var interval in roster.Scenario.Grid.Intervals)
        {
            var away = activities.Where(a => a.Covers(interval.Start)).Sum(a => a.People.Count());
            if (away > 0)
            {
                var local = interval.Start.InZone(zone);
                var key = (local.Date, local.Hour);
                cells[key] = Math.Max(cells.GetValueOrDefault(key), away);
            }
        }

        return cells;
    }

    internal static WeekSummary Summarise(StoredRoster roster, IReadOnlyList<CoveragePoint> points)
    {
        var scenario = roster.Scenario;
        var catalog = new ShiftCatalog(scenario);
        var options = roster.Roster.Shifts.Select(s => (s.AgentId, Option: catalog.Find(s))).Where(x => x.Option is not null).ToList();
        var perAgent = options.GroupBy(x => x.AgentId).ToList();
        var paid = perAgent.Select(g => g.Sum(x => x.Option!.Paid.TotalHours)).ToList();
        var working = scenario.Agents.Where(a => perAgent.Any(g => g.Key == a.Id)).ToList();
        int Count(string agent, Func<ShiftOption, bool> which) => options.Count(x => x.AgentId == agent && which(x.Option!));
        var nights = working.Select(a => Count(a.Id, o => o.IsNight)).ToList();
        var weekends = working.Select(a => Count(a.Id, o => scenario.Rules.WeekendDays.Contains(o.Date.DayOfWeek))).ToList();
        var queues = points.GroupBy(p => p.Skill).Select(g =>
        {
            var required = g.Sum(p => p.Required);
            var covered = g.Sum(p => Math.Min(p.Required, p.Scheduled));
            return new QueueWeek(g.Key, required == 0 ? 1 : (double)covered / required, WeightedServiceLevel(g), g.Sum(p => p.Contacts));
        }).OrderBy(q => q.Queue, StringComparer.Ordinal).ToList();
        return new WeekSummary(
            paid.Sum(),
            paid.Sum(h => Math.Max(0, h - 40)),
            queues,
            nights.Count == 0 ? (0, 0) : (nights.Min(), nights.Max()),
            weekends.Count == 0 ? (0, 0) : (weekends.Min(), weekends.Max()),
            working.Count);
    }

    /// <summary>
    /// The hour cells of one skill (<c>""</c>: all skills summed) in a zone: the hour's worst quarter-hour, the one most
    /// short (then the one needing most), shown as that quarter-hour's own scheduled and required. Taking the most
    /// required of one quarter and the fewest scheduled of another made a fully covered hour read "10/14".
    /// </summary>
    internal static CoverageMap Map(IReadOnlyList<CoveragePoint> all, string skill, DateTimeZone zone)
    {
        var points = skill.Length == 0 ? all : [.. all.Where(p => p.Skill == skill)];
        var cells = points.GroupBy(p => p.Start).Select(g => (Start: g.Key.InZone(zone), Required: g.Sum(p => p.Required), Scheduled: g.Sum(p => p.Scheduled), Short: g.Sum(p => p.Short)))
            .GroupBy(c => (c.Start.Date, c.Start.Hour))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.Short).ThenByDescending(c => c.Required - c.Scheduled).ThenByDescending(c => c.Required).Select(c => (c.Required, c.Scheduled)).First());
        return new CoverageMap(points, cells, [.. cells.Keys.Select(k => k.Date).Distinct().Order()]);
    }

    /// <summary>True for a local time inside the night window [from, to) (the window may wrap past midnight).</summary>
    public static bool IsNight(LocalTime time, LocalTime from, LocalTime to) => from <= to ? time >= from && time < to : time >= from || time < to;

    /// <summary>The worst gaps first: agents short, then contacts expected.</summary>
    public static IReadOnlyList<CoveragePoint> Gaps(IEnumerable<CoveragePoint> points, int take = 25) =>
        [.. points.Where(p => p.Short > 0).OrderByDescending(p => p.Short).ThenByDescending(p => p.Contacts).Take(take)];
}
