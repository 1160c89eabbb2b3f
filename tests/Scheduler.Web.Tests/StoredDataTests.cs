using System.Text;
using CsvHelper;
using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Web.Features.Agents;
using Scheduler.Web.Features.Forecast;
using Scheduler.Web.Features.Schedule;
using Scheduler.Web.Features.Security;

namespace Scheduler.Web.Tests;

/// <summary>Odd stored data never takes a page down; exports are safe to open; edits keep what the form does not show.</summary>
public sealed class StoredDataTests
{
    [Fact]
    public async Task History_with_an_unknown_queue_in_2099_is_left_out_of_the_forecast_and_named_with_its_import()
    {
        await using var host = await WebTestHost.CreateAsync();
        var week = host.Planning.NextPlanningWeek(host.Clock);
        var before = await host.Planning.ForecastAsync(week, 7, default);
        // What an older version let in: the poisoned row, stored as it was.
        await host.History.ImportAsync("poison.csv", "interval-csv", [new IntervalObservation("voice-zz", Instant.FromUtc(2099, 1, 4, 3, 0), Duration.FromMinutes(15), 10, 8, 2, 300, null, null)], default);
        var forecasts = new ForecastService(host.History, host.Site, host.Clock, Microsoft.Extensions.Options.Options.Create(new SchedulerWebOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<ForecastService>.Instance, host.Holidays);

        var after = await host.Planning.ForecastAsync(week, 7, default);
        var view = await forecasts.ForecastAsync("top-down", week, default);
        var notices = forecasts.HistoryNotices(await forecasts.ImportsAsync(default));

        Assert.Equal(before.Select(f => (f.QueueId, f.Start, f.Contacts)), after.Select(f => (f.QueueId, f.Start, f.Contacts)));
        Assert.NotNull(view);
        Assert.Contains(notices, n => n.Contains("poison.csv", StringComparison.Ordinal) && n.Contains("voice-zz", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Contains("poison.csv", StringComparison.Ordinal) && n.Contains("in the future", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Agents_export_neutralises_formula_cells_for_an_independent_CSV_reader_and_imports_back_unchanged()
    {
        await using var host = await WebTestHost.CreateAsync();
        var tanvir = (await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir");
        tanvir.Name = "=HYPERLINK(\"http://evil.example\",\"Tanvir\")";
        await host.Agents.SaveAsync(tanvir, "rahima", default);

        var csv = AgentService.Export(await host.Agents.ListAsync(default));
        var names = new List<string>();
        using (var reader = CsvReader.FromText(csv, null)) // CsvHelper: a reader that is not ours
        {
            while (reader.Read())
            {
                names.Add(reader.GetString("name"));
            }
        }

        Assert.Contains("'=HYPERLINK(\"http://evil.example\",\"Tanvir\")", names); // a spreadsheet shows text, runs nothing
        Assert.DoesNotContain(names, n => n.StartsWith('=') || n.StartsWith('+') || n.StartsWith('@'));
        var (_, _, errors) = await host.Agents.ImportAsync(csv, "agents.csv", "rahima", default);
        Assert.Empty(errors);
        Assert.Equal(tanvir.Name, (await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir").Name);
    }

    [Fact]
    public async Task Editing_or_importing_an_agent_keeps_the_calendar_feed_the_wishes_and_the_account_link()
    {
        await using var host = await WebTestHost.CreateAsync();
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Microsoft.Extensions.Options.Options.Create(new SecurityOptions()));
        var token = await schedule.RenewTokenAsync("tanvir", default);
        await schedule.SavePreferencesAsync("tanvir", ["Fri off", "Sun 08:00"], default);
        var now = host.Clock.GetCurrentInstant();

        // The Agents page edits a copy holding only the form's fields.
        var stored = (await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir");
        var form = new Data.Entities.AgentEntity
        {
            Id = stored.Id,
            SiteId = stored.SiteId,
            Name = "Tanvir Ahmed",
            HomeZone = stored.HomeZone,
            Skills = [.. stored.Skills],
            Languages = [.. stored.Languages],
            MinPaidPerWeek = stored.MinPaidPerWeek,
            MaxPaidPerWeek = stored.MaxPaidPerWeek,
            MaxConsecutiveDays = 5,
            MinDaysOffPerWeek = stored.MinDaysOffPerWeek,
            NightConsent = stored.NightConsent,
            Active = stored.Active,
            Version = stored.Version,
        };
        await host.Agents.SaveAsync(form, "rahima", default);
        await host.Agents.ImportAsync(AgentService.Export(await host.Agents.ListAsync(default)), "agents.csv", "rahima", default);

        var after = (await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir");
        Assert.Equal(5, after.MaxConsecutiveDays); // the edit landed
        Assert.Equal(["Fri off", "Sun 08:00"], after.Preferences);
        Assert.Equal("tanvir", after.UserName);
        Assert.NotNull(await schedule.FeedAsync(token, now, default));
    }
}

/// <summary>An upload that meets stored history waits for the user's word: replace or skip; and says so without storing.</summary>
public sealed class OverlapTests
{
    private const string Header = "queue,interval_start,interval_minutes,offered,answered,abandoned,handle_seconds,wait_seconds";

    [Fact]
    public async Task An_overlapping_upload_stores_nothing_until_told_then_replaces_or_skips()
    {
        await using var host = await WebTestHost.CreateAsync();
        var forecasts = new ForecastService(host.History, host.Site, host.Clock, Microsoft.Extensions.Options.Options.Create(new SchedulerWebOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<ForecastService>.Instance, host.Holidays);
        // 22 Nov is in the demo history; 1 Oct is before it starts.
        var file = $"{Header}\nvoice-bn,2026-11-22T10:00 Asia/Dhaka,15,900,850,50,2000,30\nvoice-bn,2026-10-01T10:00 Asia/Dhaka,15,5,5,0,300,10\n";
        var imports = (await host.History.ListImportsAsync(default)).Count;

        var asked = await forecasts.ImportAsync(Stream(file), "mixed.csv", "rahima", default);
        Assert.True(asked.NeedsOverlapChoice);
        Assert.Equal((1, "demo.csv"), (asked.Overlapping, Assert.Single(asked.OverlappingFiles!)));
        Assert.Equal(imports, (await host.History.ListImportsAsync(default)).Count);

        var skipped = await forecasts.ImportAsync(Stream(file), "mixed.csv", "rahima", default, OverlapChoice.Skip);
        Assert.Equal((1, 0), (skipped.Stored!.RowCount, skipped.Stored.ReplacedCount)); // only the interval not stored before
        var stillOld = await host.History.LoadAsync("voice-bn", Instant.FromUtc(2026, 11, 22, 4, 0), Instant.FromUtc(2026, 11, 22, 4, 15), default);
        Assert.NotEqual(900, Assert.Single(stillOld).Offered);

        var replaced = await forecasts.ImportAsync(Stream(file), "corrected.csv", "rahima", default, OverlapChoice.Replace);
        Assert.Equal((2, 2), (replaced.Stored!.RowCount, replaced.Stored.ReplacedCount)); // 22 Nov from the demo, 1 Oct from mixed.csv
        var sunday = await host.History.LoadAsync("voice-bn", Instant.FromUtc(2026, 11, 22, 4, 0), Instant.FromUtc(2026, 11, 22, 4, 15), default);
        Assert.Equal(900, Assert.Single(sunday).Offered);
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));
}
