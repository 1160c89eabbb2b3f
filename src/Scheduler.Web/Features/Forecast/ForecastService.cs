using NodaTime;
using Scheduler.Data.History;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Forecast;

/// <summary>The outcome of an upload: what was stored, or every bad line (and then nothing was stored).</summary>
public sealed record ImportOutcome(HistoryImportSummary? Stored, IReadOnlyList<ImportError> Errors, int TotalErrors = 0, int Overlapping = 0, IReadOnlyList<string>? OverlappingFiles = null)
{
    public bool Succeeded => Stored is not null;

    /// <summary>The file is good but meets stored intervals: nothing was stored until the user says replace or skip.</summary>
    public bool NeedsOverlapChoice => Stored is null && Errors.Count == 0 && Overlapping > 0;
}

/// <summary>What to do with intervals a new file shares with stored history.</summary>
public enum OverlapChoice
{
    /// <summary>The new file's numbers win (a corrected report); the old ones are kept for a roll-back.</summary>
    Replace,

    /// <summary>The stored numbers stay; only the file's new intervals are stored.</summary>
    Skip,
}

/// <summary>Total contacts per local day: history and forecast side by side for the chart.</summary>
public sealed record DailyPoint(LocalDate Date, double? History, double? Forecast);

/// <summary>A date of the forecast week a holiday touches, with the effect each queue's forecast used for it.</summary>
public sealed record HolidayRow(LocalDate Date, string Label, bool Expected, IReadOnlyList<(string Queue, HolidayEffect Effect)> Effects);

/// <summary>The forecast page's model: the chosen method's week against the weeks before it, the holidays in it, and the backtest.</summary>
/// <param name="HolidayNotice">Set when the week falls in a year the calendar has no moving dates for.</param>
public sealed record ForecastView(string Method, LocalDate FirstDate, IReadOnlyList<DailyPoint> Daily, IReadOnlyList<(string Queue, double Contacts, double PeakPerInterval)> Queues, IReadOnlyList<BacktestRow> Backtest)
{
    public IReadOnlyList<HolidayRow> Holidays { get; init; } = [];

    public string? HolidayNotice { get; init; }
}

/// <summary>History import and forecasting for the Forecast page.</summary>
public sealed class ForecastService(HistoryStore history, SiteSettings site, IClock clock, Microsoft.Extensions.Options.IOptions<SchedulerWebOptions> options, ILogger<ForecastService> logger, Holidays.HolidayCalendarService holidays)
{
    /// <summary>The largest upload accepted, in bytes.</summary>
    public const long MaxUploadBytes = 50L << 20;

    /// <summary>Reads an interval CSV (docs/formats/interval-csv.md); stores it only if every line is good.</summary>
    /// <param name="overlap">What to do where the file meets stored intervals; null asks first (nothing is stored then).</param>
    public async Task<ImportOutcome> ImportAsync(Stream content, string fileName, string by, CancellationToken ct, OverlapChoice? overlap = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Read as a stream, line by line: the file is never held whole, and only the first errors are kept.
        using var reader = new StreamReader(content);
        HistoryImport import;
        try
        {
            import = HistoryReader.Read(reader, fileName, HistoryFormat.IntervalCsv, new HistoryReadOptions
            {
                Zone = site.Zone,
                KnownQueues = site.QueueIds,
                NotAfter = clock.GetCurrentInstant() + Duration.FromDays(options.Value.HistoryMaxFutureDays),
            });
        }
        catch (ImportException e)
        {
            logger.LogWarning("History upload {FileName} refused: {ErrorCount} bad line(s)", fileName, e.Total);
            return new ImportOutcome(null, e.Errors, e.Total);
        }

        var observations = import.Observations;
        if (overlap is null && await history.OverlapAsync(observations, ct) is { Count: > 0 } met)
        {
            return new ImportOutcome(null, [], 0, met.Count, met.Files);
        }

        if (overlap == OverlapChoice.Skip)
        {
            observations = await history.WithoutOverlapAsync(observations, ct);
            if (observations.Count == 0)
            {
                return new ImportOutcome(null, [new ImportError(fileName, 0, "(file)", $"every one of its {import.Observations.Count:N0} intervals is already stored; skipping them leaves nothing to import")]);
            }
        }

        var stored = await history.ImportAsync(fileName, "interval-csv", observations, site.Zone, ct, by);
        logger.LogInformation("History upload {FileName} stored: {Rows} intervals", fileName, stored.RowCount);
        return new ImportOutcome(stored, []);
    }

    public Task<IReadOnlyList<HistoryImportSummary>> ImportsAsync(CancellationToken ct) => history.ListImportsAsync(ct);

    public Task<HistoryImportSummary> RollBackAsync(long importId, string by, CancellationToken ct) => history.RollBackAsync(importId, by, ct);

    public Task<IReadOnlyList<ImportComparison>> CompareAsync(long importId, CancellationToken ct) => history.CompareAsync(importId, ct);

    /// <summary>
    /// What is odd in the stored history, with the import it came from (of <paramref name="imports"/>, the list the page
    /// already holds): queues the site does not have, intervals in the future.
    /// </summary>
    public IReadOnlyList<string> HistoryNotices(IReadOnlyList<HistoryImportSummary> imports)
    {
        var latest = clock.GetCurrentInstant() + Duration.FromDays(options.Value.HistoryMaxFutureDays);
        var notices = new List<string>();
        foreach (var i in imports.Where(i => !i.RolledBack))
        {
            if (i.QueueIds.Where(q => !site.QueueIds.Contains(q)).ToList() is { Count: > 0 } unknown)
            {
                notices.Add($"{i.FileName} (imported {i.ImportedAt.InZone(site.Zone):d MMM yyyy HH:mm}) holds queue(s) {string.Join(", ", unknown)}, which this site does not have: they are left out of every forecast.");
            }

            if (i.To > latest)
            {
                notices.Add($"{i.FileName} (imported {i.ImportedAt.InZone(site.Zone):d MMM yyyy HH:mm}) holds intervals up to {i.To.InZone(site.Zone):d MMM yyyy}, in the future: forecasts use only history before the week they forecast.");
            }
        }

        return notices;
    }

    public async Task<ForecastView?> ForecastAsync(string methodName, LocalDate firstDate, CancellationToken ct)
    {
        var method = ForecastMethods.Find(methodName) ?? throw new ArgumentException($"Unknown method '{methodName}'.", nameof(methodName));
        var observations = PlanningService.Usable(await history.LoadAsync(null, Instant.MinValue, Instant.MaxValue, ct), site, firstDate);
        if (observations.Count == 0)
        {
            return null;
        }

        var calendar = await holidays.CalendarAsync(ct);
        var siteForecast = Forecaster.Forecast(observations, site.Zone, site.IntervalLength, firstDate, 1, method, calendar);
        var forecast = siteForecast.Intervals;
        var daily = new Dictionary<LocalDate, (double? History, double? Forecast)>();
        var from = firstDate.PlusWeeks(-4);
        foreach (var o in observations)
        {
            var date = o.Start.InZone(site.Zone).Date;
            if (date >= from && date < firstDate.PlusWeeks(1))
            {
                var d = daily.GetValueOrDefault(date);
                daily[date] = ((d.History ?? 0) + o.Offered, d.Forecast);
            }
        }

        foreach (var f in forecast)
        {
            var date = f.Start.InZone(site.Zone).Date;
            var d = daily.GetValueOrDefault(date);
            daily[date] = (d.History, (d.Forecast ?? 0) + f.Contacts);
        }

        var queues = forecast.GroupBy(f => f.QueueId).Select(g => (g.Key, g.Sum(f => f.Contacts), g.Max(f => f.Contacts))).OrderBy(q => q.Key, StringComparer.Ordinal).ToList();
        var lastHistory = observations.Max(o => o.Start).InZone(site.Zone).Date;
        var backtestFrom = lastHistory.PlusDays(1).PlusWeeks(-4);
        var all = QueueHistory.From(observations, site.Zone, site.IntervalLength, null);
        var backtest = Backtest.Run(all, HoldOut.Weeks(backtestFrom, 4), ForecastMethods.All, calendar);
        var missing = calendar.YearsWithoutMovingDates(firstDate, firstDate.PlusDays(6));
        return new ForecastView(method.Name, firstDate, [.. daily.OrderBy(kv => kv.Key).Select(kv => new DailyPoint(kv.Key, kv.Value.History, kv.Value.Forecast))], queues, backtest)
        {
            Holidays = HolidayRows(siteForecast),
            HolidayNotice = missing.Count == 0 ? null : $"The holiday calendar has no dates for {string.Join(", ", missing)}: Eid and the other moving holidays of that year are not in this forecast. Enter them on the Holidays page.",
        };
    }

    /// <summary>The week's holiday dates, each with the effect every queue used (queues learn from their own history).</summary>
    public static IReadOnlyList<HolidayRow> HolidayRows(SiteForecast forecast)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        return [.. forecast.Holidays
            .SelectMany(q => q.Value.Days.Select(d => (Queue: q.Key, Day: d)))
            .GroupBy(x => x.Day.Day.Date)
            .OrderBy(g => g.Key)
            .Select(g => new HolidayRow(
                g.Key,
                g.First().Day.Day.Label,
                g.First().Day.Day.Holiday.Expected,
                [.. g.OrderBy(x => x.Queue, StringComparer.Ordinal).Select(x => (x.Queue, x.Day.Effect))]))];
    }
}
