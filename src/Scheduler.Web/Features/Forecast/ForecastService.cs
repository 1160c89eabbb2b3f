using NodaTime;
using Scheduler.Data.History;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Forecast;

/// <summary>The outcome of an upload: what was stored, or every bad line (and then nothing was stored).</summary>
public sealed record ImportOutcome(HistoryImportSummary? Stored, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Stored is not null;
}

/// <summary>Total contacts per local day: history and forecast side by side for the chart.</summary>
public sealed record DailyPoint(LocalDate Date, double? History, double? Forecast);

/// <summary>The forecast page's model: the chosen method's week against the weeks before it, and the backtest.</summary>
public sealed record ForecastView(string Method, LocalDate FirstDate, IReadOnlyList<DailyPoint> Daily, IReadOnlyList<(string Queue, double Contacts, double PeakPerInterval)> Queues, IReadOnlyList<BacktestRow> Backtest);

/// <summary>History import and forecasting for the Forecast page.</summary>
public sealed class ForecastService(HistoryStore history, SiteSettings site, ILogger<ForecastService> logger)
{
    /// <summary>The largest upload accepted, in bytes.</summary>
    public const long MaxUploadBytes = 50L << 20;

    /// <summary>Reads an interval CSV (docs/formats/interval-csv.md); stores it only if every line is good.</summary>
    public async Task<ImportOutcome> ImportAsync(Stream content, string fileName, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var reader = new StreamReader(content);
        var text = await reader.ReadToEndAsync(ct);
        HistoryImport import;
        try
        {
            import = HistoryReader.Read(new StringReader(text), fileName, HistoryFormat.IntervalCsv, new HistoryReadOptions { Zone = site.Zone });
        }
        catch (ImportException e)
        {
            logger.LogWarning("History upload {FileName} refused: {ErrorCount} bad line(s)", fileName, e.Errors.Count);
            return new ImportOutcome(null, e.Errors);
        }

        var stored = await history.ImportAsync(fileName, "interval-csv", import.Observations, site.Zone, ct, by);
        logger.LogInformation("History upload {FileName} stored: {Rows} intervals", fileName, stored.RowCount);
        return new ImportOutcome(stored, []);
    }

    public Task<IReadOnlyList<HistoryImportSummary>> ImportsAsync(CancellationToken ct) => history.ListImportsAsync(ct);

    public async Task<ForecastView?> ForecastAsync(string methodName, LocalDate firstDate, CancellationToken ct)
    {
        var method = ForecastMethods.Find(methodName) ?? throw new ArgumentException($"Unknown method '{methodName}'.", nameof(methodName));
        var observations = await history.LoadAsync(null, Instant.MinValue, Instant.MaxValue, ct);
        if (observations.Count == 0)
        {
            return null;
        }

        var forecast = Forecaster.Forecast(observations, site.Zone, site.IntervalLength, firstDate, 1, method, SpecialDayCalendar.Empty);
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
        var backtest = Backtest.Run(all, HoldOut.Weeks(backtestFrom, 4), ForecastMethods.All);
        return new ForecastView(method.Name, firstDate, [.. daily.OrderBy(kv => kv.Key).Select(kv => new DailyPoint(kv.Key, kv.Value.History, kv.Value.Forecast))], queues, backtest);
    }
}
