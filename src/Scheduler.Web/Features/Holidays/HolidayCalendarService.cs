using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Domain.Demo;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Holidays;

/// <summary>The site's holiday calendar as stored: its text, the calendar read from it, and who saved it when.</summary>
/// <param name="Version">The stored row's version (a save must name it); null while the shipped calendar is in use.</param>
public sealed record HolidayCalendarState(string Text, HolidayCalendar Calendar, Guid? Version, Instant? UpdatedAt, string? UpdatedBy)
{
    /// <summary>The calendar shipped with the site (data/holidays), never edited yet.</summary>
    public bool Shipped => Version is null;

    /// <summary>A key that changes whenever the calendar does (forecast caches include it).</summary>
    public Guid CacheKey => Version ?? Guid.Empty;
}

/// <summary>A date a holiday touches and the effect each queue's forecast uses for it.</summary>
public sealed record HolidayEffectRow(HolidayDay Day, IReadOnlyList<(string Queue, HolidayEffect Effect)> Effects);

/// <summary>Why a calendar was not saved; nothing was stored.</summary>
public sealed class HolidaySaveException(IReadOnlyList<ImportError> errors, string message) : Exception(message)
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}

/// <summary>
/// The site's holiday calendar: the one place forecasts, the coverage map's highlight and the fairness counts read
/// holidays from. A supervisor edits it on the Holidays page; each save is checked whole, stored whole or not at all,
/// and written to the audit log once.
/// </summary>
public sealed class HolidayCalendarService(IDbContextFactory<SchedulerDbContext> contextFactory, SiteSettings site, IClock clock, ILogger<HolidayCalendarService> logger, Data.History.HistoryStore? history = null)
{
    /// <summary>The name a calendar's errors are reported under.</summary>
    public const string FileName = "holidays.csv";

    private readonly Lazy<string> _shipped = new(() => File.ReadAllText(Path.Combine(DemoCentre.DataFolder(), "holidays", "bangladesh.csv")));

    /// <summary>The calendar as stored, or the shipped one when none was saved.</summary>
    public async Task<HolidayCalendarState> LoadAsync(CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.HolidayCalendars.AsNoTracking().FirstOrDefaultAsync(c => c.SiteId == site.SiteId, ct);
        return row is null
            ? new HolidayCalendarState(_shipped.Value, HolidayFile.Parse(_shipped.Value, "bangladesh.csv"), null, null, null)
            : new HolidayCalendarState(row.Text, HolidayFile.Parse(row.Text, FileName), row.Version, row.UpdatedAt, row.UpdatedBy);
    }

    /// <summary>The site's calendar.</summary>
    public async Task<HolidayCalendar> CalendarAsync(CancellationToken ct) => (await LoadAsync(ct)).Calendar;

    /// <summary>
    /// The site's public holidays from <paramref name="first"/> to <paramref name="last"/> (inclusive), with their
    /// names: the holidays' own dates, not the days around them. The one way to ask "is this date a holiday".
    /// </summary>
    public async Task<IReadOnlyDictionary<LocalDate, string>> PublicHolidaysAsync(LocalDate first, LocalDate last, CancellationToken ct) =>
        (await CalendarAsync(ct)).PublicHolidays(first, last);

    /// <summary>
    /// Every date of <paramref name="year"/> a holiday touches, with the effect each queue's forecast would use for it,
    /// learned from all stored history (top-down method) or entered.
    /// </summary>
    public async Task<IReadOnlyList<HolidayEffectRow>> EffectsAsync(int year, CancellationToken ct)
    {
        var calendar = await CalendarAsync(ct);
        var days = calendar.Days(new LocalDate(year, 1, 1), new LocalDate(year, 12, 31));
        var learned = new List<(string Queue, IReadOnlyDictionary<HolidayEffectKey, HolidayEffect> Effects)>();
        if (history is not null)
        {
            var observations = PlanningService.Usable(await history.LoadAsync(null, Instant.MinValue, Instant.MaxValue, ct), site, clock.GetCurrentInstant().InZone(site.Zone).Date.PlusDays(1));
            foreach (var queue in observations.Select(o => o.QueueId).Distinct().Order(StringComparer.Ordinal))
            {
                var queueHistory = QueueHistory.From(observations, site.Zone, site.IntervalLength, queue);
                learned.Add((queue, HolidayEffects.LearnedFrom(queueHistory, calendar, new TopDownMethod())));
            }
        }

        return [.. days.Select(d => new HolidayEffectRow(d, [.. learned.Select(q => (q.Queue, HolidayEffects.EffectFor(d, q.Effects)))]))];
    }

    /// <summary>
    /// Replaces the calendar with <paramref name="text"/>: refused whole (nothing stored, nothing audited) when a line
    /// is bad or someone saved since <paramref name="expectedVersion"/> was read; otherwise stored with one audit entry
    /// listing the rows removed and added.
    /// </summary>
    public async Task<HolidayCalendarState> SaveAsync(string text, Guid? expectedVersion, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (text.Length > HolidayCalendarEntity.MaxTextLength)
        {
            var error = new ImportError(FileName, 0, "(file)", $"is {text.Length:N0} characters long; at most {HolidayCalendarEntity.MaxTextLength:N0} are stored");
            throw new HolidaySaveException([error], $"Not saved: {error}");
        }

        HolidayCalendar calendar;
        try
        {
            calendar = HolidayFile.Parse(text, FileName);
        }
        catch (ImportException e)
        {
            logger.LogWarning("Holiday calendar not saved by {User}: {ErrorCount} bad line(s)", by, e.Total);
            throw new HolidaySaveException(e.Errors, $"Not saved: {e.Errors.Count} bad line(s); the calendar is as it was.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.HolidayCalendars.FirstOrDefaultAsync(c => c.SiteId == site.SiteId, ct);
        if (row?.Version != expectedVersion)
        {
            throw new HolidaySaveException([], "Not saved: someone else saved the calendar since you opened it. Reload the page and make your change again.");
        }

        var before = row?.Text ?? _shipped.Value;
        var (removed, added) = Diff(before, text);
        if (removed.Count == 0 && added.Count == 0)
        {
            return await LoadAsync(ct);
        }

        var now = clock.GetCurrentInstant();
        if (row is null)
        {
            row = new HolidayCalendarEntity { SiteId = site.SiteId, Text = text, UpdatedBy = by };
            db.HolidayCalendars.Add(row);
        }

        row.Text = text;
        row.UpdatedAt = now;
        row.UpdatedBy = by;
        row.Version = Guid.NewGuid();
        db.Audit(now, by, "holidays.save", $"holiday calendar {site.SiteId}", removed.Count == 0 ? null : string.Join("\n", removed), added.Count == 0 ? null : string.Join("\n", added));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another save won the race (a concurrency conflict or a second insert of the site's row).
            throw new HolidaySaveException([], "Not saved: someone else saved the calendar at the same time. Reload the page and make your change again.");
        }

        logger.LogInformation("Holiday calendar saved by {User}: {Holidays} rows, {Removed} removed, {Added} added", by, calendar.Holidays.Count, removed.Count, added.Count);
        return new HolidayCalendarState(text, calendar, row.Version, now, by);
    }

    /// <summary>The data rows (not comments) only in <paramref name="before"/>, and only in <paramref name="after"/>.</summary>
    private static (List<string> Removed, List<string> Added) Diff(string before, string after)
    {
        static List<string> Rows(string text) => [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))];
        var (a, b) = (Rows(before), Rows(after));
        var removed = a.Except(b, StringComparer.Ordinal).ToList();
        var added = b.Except(a, StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0 && !string.Equals(before.Trim(), after.Trim(), StringComparison.Ordinal))
        {
            added.Add("(comments changed)");
        }

        return (removed, added);
    }
}
