using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;

namespace Scheduler.EndToEnd.Tests;

/// <summary>Rahima's week in the real app: history in, roster generated, published, and a bad hand edit refused.</summary>
[Collection(AppCollection.Name)]
public sealed class SupervisorTests(AppFixture app)
{
    private const string Header = "queue,interval_start,interval_minutes,offered,answered,abandoned,handle_seconds,wait_seconds";

    [Fact]
    public async Task SignInPage_ListsDemoUsersInDevelopment()
    {
        var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/roster");
        await page.WaitForURLAsync(new Regex("/login"));
        Assert.Contains("rahima", await page.InnerTextAsync(".demo-users"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "sign-in.png") });
        await page.FillAsync("#userName", "rahima");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(page.Locator(".login-error")).ToContainTextAsync("do not match");
        await context.DisposeAsync();
    }

    [Fact]
    public async Task MalformedHistoryUpload_IsListedByLine_AndStoresNothing()
    {
        var page = await app.SignInAsync("rahima");
        await app.OpenAsync(page, "/forecast");
        var imports = page.Locator("[data-testid=imports] tbody tr");
        await Assertions.Expect(imports).Not.ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=backtest] tbody tr")).ToHaveCountAsync(4, new() { Timeout = 60_000 }); // the page has finished loading
        var before = await imports.CountAsync();

        var bad = Temp("bad-history.csv", $"{Header}\nvoice-bn,2026-11-01T00:00 Asia/Dhaka,15,12,11,1,2000,30\nvoice-bn,not-a-time,15,12,11,1,2000,30\nvoice-bn,2026-11-01T00:30 Asia/Dhaka,15,-4,11,1,2000,30\n");
        await page.SetInputFilesAsync("[data-testid=history-file]", bad);
        var errors = page.Locator("[data-testid=import-errors]");
        await Assertions.Expect(errors).ToContainTextAsync("Nothing was stored");
        await Assertions.Expect(errors).ToContainTextAsync("line 3");
        await Assertions.Expect(errors).ToContainTextAsync("line 4");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "forecast-import-refused.png"), FullPage = true });
        await Assertions.Expect(imports).ToHaveCountAsync(before);

        // One row for a queue the site does not have, in 2099: refused with its line, nothing stored.
        var poison = Temp("poison.csv", "queue,interval_start,interval_minutes,offered,answered,abandoned,handle_seconds\nvoice-zz,2099-01-04T09:00 Asia/Dhaka,15,10,8,2,300\n");
        await page.SetInputFilesAsync("[data-testid=history-file]", poison);
        await Assertions.Expect(errors).ToContainTextAsync("line 2");
        await Assertions.Expect(errors).ToContainTextAsync("'voice-zz' is not a queue of this site");
        await Assertions.Expect(errors).ToContainTextAsync("in the future");
        await Assertions.Expect(imports).ToHaveCountAsync(before);

        var forecast = page.Locator("[data-testid=forecast-queues]");
        var forecastBefore = await ForecastTextAsync(forecast);
        var good = Temp("good-history.csv", $"{Header}\nvoice-bn,2026-11-22T10:00 Asia/Dhaka,15,900,850,50,2000,30\nvoice-bn,2026-11-22T10:15 Asia/Dhaka,15,800,790,10,1800,20\n");
        await page.SetInputFilesAsync("[data-testid=history-file]", good);
        // Both intervals are already stored (the demo history): nothing is stored until Rahima says what to do.
        await Assertions.Expect(page.Locator("[data-testid=overlap]")).ToContainTextAsync("2 interval(s) of this file are already stored (from demo-history.csv)");
        await Assertions.Expect(imports).ToHaveCountAsync(before);
        await page.ClickAsync("[data-testid=overlap-replace]");
        await Assertions.Expect(page.Locator("[data-testid=import-ok]")).ToContainTextAsync("Stored 2 intervals");
        await Assertions.Expect(imports).ToHaveCountAsync(before + 1, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=backtest] tbody tr")).ToHaveCountAsync(4, new() { Timeout = 60_000 });
        Assert.NotEqual(forecastBefore, await ForecastTextAsync(forecast, differentFrom: forecastBefore)); // a busy Sunday morning raises the forecast
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "forecast.png"), FullPage = true });

        // Rolled back whole: the two intervals it replaced come back, and the forecast is what it was.
        var row = imports.Filter(new() { HasText = "good-history.csv" });
        await row.Locator("[data-testid=compare]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=comparison]")).ToContainTextAsync("voice-bn");
        await row.Locator("[data-testid=rollback]").ClickAsync();
        await page.ClickAsync("[data-testid=rollback-yes]");
        await Assertions.Expect(page.Locator("[data-testid=rollback-message]")).ToContainTextAsync("rolled back");
        Assert.Equal(forecastBefore, await ForecastTextAsync(forecast, equalTo: forecastBefore));
        await Assertions.Expect(row).ToContainTextAsync("rolled back by rahima");
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task Roster_GeneratedPublished_AndAnEditBreakingRestIsRefused()
    {
        var page = await app.SignInAsync("rahima");
        await app.OpenAsync(page, "/roster");
        await page.ClickAsync("[data-testid=generate]");
        var status = page.Locator("[data-testid=status]");
        await Assertions.Expect(status).ToHaveTextAsync("Draft v1", new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("[data-testid=roster-grid] tbody tr")).ToHaveCountAsync(60);
        Assert.True(await page.Locator(".bar").CountAsync() > 200, "a week for 60 agents has hundreds of shift bars");

        await page.ClickAsync("[data-testid=publish]");
        await Assertions.Expect(status).ToHaveTextAsync("Published v1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "roster.png") });
        var cost = await page.InnerTextAsync("[data-testid=cost]");

        // An agent on a night shift that crosses midnight, then a 09:00 shift the next day: rest of at most 9 h.
        var (row, day) = await NightShiftCrossingMidnight(page);
        await row.Locator("td.day-cell").Nth(day + 1).ClickAsync();
        await page.ClickAsync("[data-testid=check-edit]");
        var refused = page.Locator("[data-testid=edit-refused]");
        await Assertions.Expect(refused).ToContainTextAsync("minimum rest between shifts");
        await page.ClickAsync("[data-testid=save-edit]");
        await Assertions.Expect(page.Locator("[data-testid=save-error]")).ToContainTextAsync("Not saved");
        await page.Locator("[data-testid=edit-panel]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "roster-edit-refused.png") });

        // Nothing changed: still the published version 1 with its cost, and no second version.
        await app.OpenAsync(page, "/roster");
        await Assertions.Expect(status).ToHaveTextAsync("Published v1");
        Assert.Equal(cost, await page.InnerTextAsync("[data-testid=cost]"));

        // The published week on the coverage page: every day, and the worst gaps listed.
        await app.OpenAsync(page, "/coverage");
        await Assertions.Expect(page.Locator("[data-testid=coverage-map] tbody tr")).ToHaveCountAsync(7, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("[data-testid=gaps] tbody tr").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "coverage.png"), FullPage = true });
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task Roster_PlannedForTwoWeeks_ShowsBothAndOpensFromItsSecondWeek()
    {
        // Far enough ahead of the planning week that no other test plans it.
        var zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
        var today = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date;
        var first = today.PlusWeeks(6).Previous(IsoDayOfWeek.Sunday);
        var page = await app.SignInAsync("sabbir");
        await app.OpenAsync(page, $"/roster?week={first:yyyy-MM-dd}");
        await page.SelectOptionAsync("[data-testid=weeks]", "2");
        await page.ClickAsync("[data-testid=generate]");
        var status = page.Locator("[data-testid=status]");
        await Assertions.Expect(status).ToHaveTextAsync("Draft v1", new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("[data-testid=horizon]")).ToContainTextAsync($"2 weeks from {first.ToString("ddd d MMM yyyy", null)}");
        await Assertions.Expect(page.Locator("[data-testid=roster-grid] thead th")).ToHaveCountAsync(16); // the agent, 14 days and the paid hours
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "roster-two-weeks.png") });

        // The second week opens the same two-week roster; planning a week that overlaps it is refused.
        await app.OpenAsync(page, $"/roster?week={first.PlusDays(9):yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("[data-testid=horizon]")).ToContainTextAsync($"2 weeks from {first.ToString("ddd d MMM yyyy", null)}");
        await Assertions.Expect(status).ToHaveTextAsync("Draft v1");
        await app.OpenAsync(page, $"/roster?week={first.PlusDays(-7):yyyy-MM-dd}");
        await page.SelectOptionAsync("[data-testid=weeks]", "2");
        await page.ClickAsync("[data-testid=generate]");
        await Assertions.Expect(page.GetByText("overlap the roster planned for the 14 days")).ToBeVisibleAsync();
        await Assertions.Expect(status).ToHaveCountAsync(0); // nothing was planned for that week
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task Roster_ASecondSolveWaitsInTheQueue_ShowsItsPlaceThenRuns()
    {
        // One solve at a time on two cores: the second week's solve waits, and says so, until the first is done.
        var zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
        var today = SystemClock.Instance.GetCurrentInstant().InZone(zone).Date;
        var first = today.PlusWeeks(10).Previous(IsoDayOfWeek.Sunday);
        var page = await app.SignInAsync("sabbir");
        await app.OpenAsync(page, $"/roster?week={first:yyyy-MM-dd}");
        await page.ClickAsync("[data-testid=generate]");
        await Assertions.Expect(page.Locator("[data-testid=progress]")).ToContainTextAsync("Solving", new() { Timeout = 120_000 });
        await app.OpenAsync(page, $"/roster?week={first.PlusWeeks(1):yyyy-MM-dd}");
        await page.ClickAsync("[data-testid=generate]");
        await Assertions.Expect(page.Locator("[data-testid=queue-position]")).ToContainTextAsync("next to run");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "roster-queued.png") });

        // It runs once the first is done, and its page follows it to the draft without a reload.
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Draft v1", new() { Timeout = 180_000 });
        await Assertions.Expect(page.Locator("[data-testid=job-message]")).ToContainTextAsync("Draft version 1 saved");
        await app.OpenAsync(page, $"/roster?week={first:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Draft v1");
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task Agent_CannotOpenTheSupervisorsRosterPage()
    {
        var page = await app.SignInAsync("tanvir");
        await page.GotoAsync($"{app.BaseUrl}/roster");
        await Assertions.Expect(page.GetByText("Your role does not allow this page.")).ToBeVisibleAsync();
        var export = await page.APIRequest.GetAsync($"{app.BaseUrl}/agents/export.csv", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, export.Status);
        await page.Context.DisposeAsync();
    }

    [Fact]
    public async Task RequirementHeatmap_ShowsEveryDayOfTheWeek()
    {
        var page = await app.SignInAsync("rahima");
        await app.OpenAsync(page, "/requirements");
        await Assertions.Expect(page.Locator("[data-testid=heatmap] tbody tr")).ToHaveCountAsync(7, new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "requirements.png"), FullPage = true });
        await page.Context.DisposeAsync();
    }

    private static async Task<(ILocator Row, int Day)> NightShiftCrossingMidnight(IPage page)
    {
        var rows = page.Locator("[data-testid=roster-grid] tbody tr");
        var count = await rows.CountAsync();
        for (var r = 0; r < count; r++)
        {
            var cells = rows.Nth(r).Locator("td.day-cell");
            for (var d = 0; d < 6; d++)
            {
                foreach (var label in await cells.Nth(d).Locator(".bar.night .bar-label").AllInnerTextsAsync())
                {
                    var parts = label.Split('-');
                    if (parts.Length == 2 && string.CompareOrdinal(parts[0], parts[1]) > 0 && string.CompareOrdinal(parts[0], "12") > 0)
                    {
                        return (rows.Nth(r), d);
                    }
                }
            }
        }

        throw new InvalidOperationException("no agent works a night shift crossing midnight on the first six days");
    }

    /// <summary>The forecast table's text, whitespace collapsed; waits (up to a minute) until it differs from or equals a given text.</summary>
    private static async Task<string> ForecastTextAsync(ILocator forecast, string? differentFrom = null, string? equalTo = null)
    {
        var text = string.Empty;
        for (var i = 0; i < 120; i++)
        {
            text = Regex.Replace(await forecast.TextContentAsync() ?? string.Empty, @"\s+", " ").Trim();
            if ((differentFrom is null || text != differentFrom) && (equalTo is null || text == equalTo))
            {
                break;
            }

            await Task.Delay(500);
        }

        return text;
    }

    private static string Temp(string name, string content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("scheduler-upload-").FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
