using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Scheduler.Data;
using Scheduler.Data.Entities;
using Scheduler.Data.History;
using Scheduler.Data.Planning;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Rostering;

namespace Scheduler.Web.Features.Planning;

/// <summary>A planned week: the forecast, the agents needed per queue and interval, and the roster scenario built from them.</summary>
public sealed record WeekPlan(IReadOnlyList<ForecastInterval> Forecast, IReadOnlyList<Requirement> Requirements, RosterScenario Scenario);

/// <summary>
/// From stored history to a roster scenario: forecast the week (top-down method), staff every queue and interval
/// (Erlang A / chat / backlog per the site's policies), and take the agents from the database.
/// </summary>
/// <remarks>The scenario's requirement is the agents needed on-line; breaks are placed by the roster itself, so
/// the break share of shrinkage is not added twice. Each agent carries the running balance of nights, weekends and holidays from the published weeks before
/// (<see cref="RosterStore.FairnessBalanceAsync"/>; none without <paramref name="rosters"/>), and the rules the site's
/// holidays in the horizon (decision 015).</remarks>
public sealed class PlanningService(IDbContextFactory<SchedulerDbContext> contextFactory, HistoryStore history, SiteSettings site, QueueService queues, Holidays.HolidayCalendarService holidays, Microsoft.Extensions.Options.IOptions<SchedulerWebOptions>? options = null, RosterStore? rosters = null)
{
    /// <summary>Forecasts by (first date, days, history version, holiday calendar version): loading and forecasting all stored history is most of what the coverage and requirements pages cost.</summary>
    private readonly RecentCache<(LocalDate FirstDate, int Days, HistoryVersion History, Guid Holidays), SiteForecast> _forecasts = new(8, options?.Value.CacheViews ?? true);

    /// <summary>Daily variation per queue by (first date, history version): it reads all stored history too.</summary>
    private readonly RecentCache<(LocalDate FirstDate, HistoryVersion History), IReadOnlyDictionary<string, double>> _variation = new(8, options?.Value.CacheViews ?? true);

    /// <summary>Requirements by (first date, days, history version, holiday calendar version, queue targets).</summary>
    private readonly RecentCache<(LocalDate FirstDate, int Days, HistoryVersion History, Guid Holidays, string Targets), IReadOnlyList<Requirement>> _requirements = new(8, options?.Value.CacheViews ?? true);

    public async Task<WeekPlan> PlanWeekAsync(LocalDate firstDate, int days, CancellationToken ct)
    {
        var forecast = await ForecastAsync(firstDate, days, ct);
        var requirements = await RequirementsAsync(firstDate, days, ct);
        var agents = await ActiveAgentsAsync(ct);
        var leave = await ApprovedTimeOffAsync(firstDate, days, ct);
        var grid = new Domain.Time.IntervalGrid(site.Zone, firstDate, days, site.IntervalLength);
        var skills = site.Staffing.Queues.Select(q => q.Queue.Id).ToList();
        var needed = skills.ToDictionary(s => s, _ => new int[grid.Count]);
        foreach (var r in requirements)
        {
            var t = grid.IndexOf(r.Start);
            if (t >= 0 && needed.TryGetValue(r.QueueId, out var row))
            {
                row[t] = r.Staffing.Agents;
            }
        }

        var balance = rosters is null ? new Dictionary<string, FairnessCounts>() : await rosters.FairnessBalanceAsync(site.SiteId, firstDate, ct);
        var rules = site.Rules with { Holidays = (await holidays.PublicHolidaysAsync(firstDate, firstDate.PlusDays(days), ct)).Keys.ToHashSet() };
        var rosterAgents = agents.Select(a => ToRosterAgent(a, leave.GetValueOrDefault(a.Id)) with { CountsBefore = balance.GetValueOrDefault(a.Id) });
        var scenario = new RosterScenario(site.Zone, firstDate, days, site.IntervalLength, skills, needed, site.Templates, [.. rosterAgents], rules);
        return new WeekPlan(forecast, requirements, scenario);
    }

    /// <summary>Agents needed per queue and interval for the week's forecast under the queues' current targets.</summary>
    /// <remarks>Kept for the next caller until the history or a target changes; the list is shared, never changed.</remarks>
    public async Task<IReadOnlyList<Requirement>> RequirementsAsync(LocalDate firstDate, int days, CancellationToken ct)
    {
        var staffing = await queues.StaffingAsync(ct);
        // With activity requests the site places training, coaching and meetings in the roster (their agents off duty
        // there), so the queues' training share of shrinkage is dropped from the agents to schedule.
        bool activitiesPlanned;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            activitiesPlanned = await db.ActivityRequests.AnyAsync(a => a.SiteId == site.SiteId, ct);
        }

        return await _requirements.GetAsync(
            (firstDate, days, await HistoryVersionAsync(ct), (await holidays.LoadAsync(ct)).CacheKey, TargetsKey(staffing) + (activitiesPlanned ? " | activities planned" : string.Empty)),
            async () => RequirementPlanner.Plan(await ForecastAsync(firstDate, days, CancellationToken.None), staffing, activitiesPlanned: activitiesPlanned),
            ct);
    }

    /// <summary>Every queue's staffing policy as text: equal text, equal staffing (a cache key part).</summary>
    public static string TargetsKey(StaffingConfig staffing) => string.Join("; ", staffing.Queues.Select(q => $"{q.Queue} {q.Policy}"));

    /// <summary>The state of the history forecasts are made from (see <see cref="HistoryStore.VersionAsync"/>).</summary>
    public Task<HistoryVersion> HistoryVersionAsync(CancellationToken ct) => history.VersionAsync(ct);

    /// <summary>The week's forecast per queue and interval from all stored history (top-down method) and the site's holiday calendar.</summary>
    /// <remarks>Kept for the next caller until the history changes (an import or a roll-back) or the calendar is saved; the list is shared, never changed.</remarks>
    public async Task<IReadOnlyList<ForecastInterval>> ForecastAsync(LocalDate firstDate, int days, CancellationToken ct) =>
        (await SiteForecastAsync(firstDate, days, ct)).Intervals;

    /// <summary>As <see cref="ForecastAsync"/>, with the holiday effects each queue's forecast used.</summary>
    public async Task<SiteForecast> SiteForecastAsync(LocalDate firstDate, int days, CancellationToken ct)
    {
        var calendar = await holidays.LoadAsync(ct);
        return await _forecasts.GetAsync((firstDate, days, await HistoryVersionAsync(ct), calendar.CacheKey), () => ComputeForecastAsync(firstDate, days, calendar.Calendar, CancellationToken.None), ct);
    }

    private async Task<SiteForecast> ComputeForecastAsync(LocalDate firstDate, int days, HolidayCalendar calendar, CancellationToken ct)
    {
        var observations = Usable(await history.LoadAsync(null, Instant.MinValue, Instant.MaxValue, ct), site, firstDate);
        if (observations.Count == 0)
        {
            throw new InvalidOperationException("No history stored yet: import a history file on the Forecast page first.");
        }

        var weeks = (days + 6) / 7;
        var forecast = Forecaster.Forecast(observations, site.Zone, site.IntervalLength, firstDate, weeks, new TopDownMethod(), calendar);
        var end = firstDate.PlusDays(days).AtStartOfDayInZone(site.Zone).ToInstant();
        return forecast with { Intervals = [.. forecast.Intervals.Where(f => f.Start < end)] };
    }

    /// <summary>
    /// Per queue, how much more its days vary than Poisson arrivals would (<see cref="Domain.Simulation.ArrivalDispersion"/>),
    /// from the history a forecast of <paramref name="firstDate"/> may use; queues with fewer than three weeks of history
    /// are left out (arrivals stay Poisson around the forecast).
    /// </summary>
    /// <remarks>Kept for the next caller until the history changes.</remarks>
    public async Task<IReadOnlyDictionary<string, double>> DailyVariationAsync(LocalDate firstDate, CancellationToken ct) =>
        await _variation.GetAsync((firstDate, await HistoryVersionAsync(ct)), () => ComputeDailyVariationAsync(firstDate, CancellationToken.None), ct);

    private async Task<IReadOnlyDictionary<string, double>> ComputeDailyVariationAsync(LocalDate firstDate, CancellationToken ct)
    {
        var observations = Usable(await history.LoadAsync(null, Instant.MinValue, Instant.MaxValue, ct), site, firstDate);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var queue in observations.Select(o => o.QueueId).Distinct())
        {
            var days = Domain.Forecasting.QueueHistory.From(observations, site.Zone, site.IntervalLength, queue);
            if (days.DayCount >= 21)
            {
                result[queue] = Domain.Simulation.ArrivalDispersion.FromHistory(days);
            }
        }

        return result;
    }

    /// <summary>
    /// The stored history a forecast may use: the site's own queues, before the forecast starts. Anything else (a queue
    /// the site does not have, rows dated after the week, left by an older version's import) is left out, never a 500;
    /// the Forecast page lists it with the import it came from.
    /// </summary>
    public static IReadOnlyList<Domain.History.IntervalObservation> Usable(IReadOnlyList<Domain.History.IntervalObservation> observations, SiteSettings site, LocalDate firstDate)
    {
        var queues = site.QueueIds;
        var before = firstDate.AtStartOfDayInZone(site.Zone).ToInstant();
        return [.. observations.Where(o => queues.Contains(o.QueueId) && o.Start < before)];
    }

    /// <summary>Approved time off of every agent on the dates of [first, first + days): the next solve keeps those days free.</summary>
    public async Task<IReadOnlyDictionary<string, HashSet<LocalDate>>> ApprovedTimeOffAsync(LocalDate first, int days, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.ShiftRequests.AsNoTracking()
            .Where(r => r.Kind == ShiftRequestKind.TimeOff && r.Status == ShiftRequestStatus.Approved).ToListAsync(ct);
        var last = first.PlusDays(days - 1);
        return rows.GroupBy(r => r.RequesterId).ToDictionary(
            g => g.Key,
            g => g.SelectMany(r => Dates(r.Date, r.LastDate ?? r.Date)).Where(d => d >= first && d <= last).ToHashSet());
    }

    public static IEnumerable<LocalDate> Dates(LocalDate first, LocalDate last)
    {
        for (var d = first; d <= last; d = d.PlusDays(1))
        {
            yield return d;
        }
    }

    public async Task<IReadOnlyList<AgentEntity>> ActiveAgentsAsync(CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Agents.AsNoTracking().Where(a => a.Active).OrderBy(a => a.Id).ToListAsync(ct);
    }

    /// <summary>The first day of the week after next (the week a supervisor plans on Thursday), in the site's zone.</summary>
    /// <summary>The first day (a Sunday) of the planning week holding <paramref name="date"/>.</summary>
    public static LocalDate PlanningWeekOf(LocalDate date) => date.PlusDays(-(((int)date.DayOfWeek) % 7));

    /// <summary>?week=2026-12-20 as the planning week holding it; null when the text is not a date of 2000-2100.</summary>
    public static LocalDate? PlanningWeekOf(string? text) =>
        NodaTime.Text.LocalDatePattern.Iso.Parse(text ?? string.Empty) is { Success: true } parsed && parsed.Value.Year is >= 2000 and <= 2100
            ? PlanningWeekOf(parsed.Value)
            : null;

    public LocalDate NextPlanningWeek(IClock clock)
    {
        var today = clock.GetCurrentInstant().InZone(site.Zone).Date;
        var start = today.PlusWeeks(1);
        while (start.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            start = start.PlusDays(1); // the Bangladeshi working week starts on Sunday
        }

        return start;
    }

    public static RosterAgent ToRosterAgent(AgentEntity a) => ToRosterAgent(a, null);

    /// <summary>The roster engine's agent: the stored profile, the approved time off given, and the agent's wishes.</summary>
    public static RosterAgent ToRosterAgent(AgentEntity a, IReadOnlySet<LocalDate>? timeOff) => new(
        a.Id,
        a.Name,
        a.HomeZone,
        a.Skills.ToHashSet(StringComparer.Ordinal),
        a.Languages.ToHashSet(StringComparer.Ordinal),
        new Contract(a.MinPaidPerWeek, a.MaxPaidPerWeek, a.MaxConsecutiveDays, a.MinDaysOffPerWeek),
        a.NightConsent,
        ParseAvailability(a.Availability),
        a.FixedDaysOff.Select(d => (IsoDayOfWeek)d).ToHashSet(),
        timeOff is null ? new HashSet<LocalDate>() : new HashSet<LocalDate>(timeOff),
        ParsePreferences(a.Preferences),
        [])
    {
        OvertimeConsent = a.OvertimeConsent,
        OvertimeCapPerWeek = a.OvertimeCapPerWeek,
        HourlyCost = a.HourlyCost,
    };

    /// <summary>Wishes "Fri off", "Mon work", "Sun 08:00" (a shift starting then), "any 14:00" (that start any day).</summary>
    public static List<Preference> ParsePreferences(IEnumerable<string> entries) =>
        [.. entries.Select(e => ParsePreference(e) ?? throw new FormatException($"preference '{e}' is not like 'Fri off', 'Mon work', 'Sun 08:00' or 'any 14:00'"))];

    public static Preference? ParsePreference(string entry)
    {
        var parts = entry.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return null;
        }

        IsoDayOfWeek? day = null;
        if (!parts[0].Equals("any", StringComparison.OrdinalIgnoreCase))
        {
            if (!Enum.TryParse<IsoDayOfWeek>(Weekday(parts[0]), true, out var d) || d == IsoDayOfWeek.None || int.TryParse(parts[0], out _))
            {
                return null;
            }

            day = d;
        }

        var what = parts[1].ToLowerInvariant();
        if (what is "off" or "work")
        {
            return day is null ? null : new Preference(null, day, null, null, what == "work", 1);
        }

        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(parts[1]);
        return time.Success && time.Value.Minute % 15 == 0 ? new Preference(null, day, null, time.Value, true, 1) : null;
    }

    /// <summary>Availability entries "Mon 08:00+12" (weekday, earliest start, hours the window spans).</summary>
    public static Dictionary<IsoDayOfWeek, AvailabilityWindow> ParseAvailability(IEnumerable<string> entries)
    {
        var result = new Dictionary<IsoDayOfWeek, AvailabilityWindow>();
        foreach (var entry in entries)
        {
            var (day, window) = ParseAvailabilityEntry(entry) ?? throw new FormatException($"availability '{entry}' is not like 'Mon 08:00+12'");
            result[day] = window;
        }

        return result;
    }

    public static (IsoDayOfWeek Day, AvailabilityWindow Window)? ParseAvailabilityEntry(string entry)
    {
        var parts = entry.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !Enum.TryParse<IsoDayOfWeek>(Weekday(parts[0]), true, out var day) || day == IsoDayOfWeek.None)
        {
            return null;
        }

        var plus = parts[1].Split('+');
        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(plus[0]);
        if (plus.Length != 2 || !time.Success || !double.TryParse(plus[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) || hours <= 0 || hours > 24)
        {
            return null;
        }

        return (day, new AvailabilityWindow(time.Value, Duration.FromMinutes(hours * 60)));
    }

    private static string Weekday(string text) => text.Length >= 3
        ? Enum.GetNames<IsoDayOfWeek>().FirstOrDefault(n => n.StartsWith(text[..3], StringComparison.OrdinalIgnoreCase)) ?? text
        : text;
}
