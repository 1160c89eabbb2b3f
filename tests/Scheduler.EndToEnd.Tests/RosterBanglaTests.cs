using Microsoft.Playwright;
using NodaTime;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Rahima plans in Bangla: the roster page, the coverage map and the forecast read in Bangla (no English left outside
/// names and ids), pass axe-core's WCAG 2.1 AA checks in both languages, and on a 768-wide tablet the grid and the
/// heatmap scroll inside their own boxes instead of widening the page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RosterBanglaTests(AppFixture app)
{
    private const int TabletWidth = 768;

    [Fact]
    public async Task The_supervisor_reads_the_roster_coverage_and_forecast_in_Bangla_on_a_tablet_and_they_pass_the_accessibility_check()
    {
        // Twenty-four weeks ahead: a week no other test of the shared app plans or publishes.
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).Date;
        var week = today.PlusWeeks(24).Previous(IsoDayOfWeek.Sunday).ToString("yyyy-MM-dd", null);

        var page = await app.SignInAsync("rahima");
        await app.OpenAsync(page, $"/roster?week={week}");
        await page.ClickAsync("[data-testid=generate]");
        var status = page.Locator("[data-testid=status]");
        await Assertions.Expect(status).ToHaveTextAsync("Draft v1", new() { Timeout = 120_000 });
        await page.ClickAsync("[data-testid=publish]");
        await Assertions.Expect(status).ToHaveTextAsync("Published v1");
        await PageChecks.AssertAccessibleAsync(page);

        await app.OpenAsync(page, $"/coverage?week={week}");
        await Assertions.Expect(page.Locator("[data-testid=coverage-map] tbody tr")).ToHaveCountAsync(7, new() { Timeout = 60_000 });
        await PageChecks.AssertAccessibleAsync(page);

        await page.ClickAsync("[data-testid=language-switch]");
        try
        {
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");

            await app.OpenAsync(page, $"/roster?week={week}");
            await Assertions.Expect(status).ToHaveTextAsync("প্রকাশিত v1", new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=roster-grid] thead")).ToContainTextAsync("এজেন্ট");
            // A shift bar's tooltip in Bangla (the template id and times are data): "early 08:00-16:00 (8 ঘণ্টা, বেতনসহ 7.5 ঘণ্টা)".
            await Assertions.Expect(page.Locator("[data-testid=roster-grid] .bar").First).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex(@"\d\d:\d\d-\d\d:\d\d \([\d.]+ ঘণ্টা, বেতনসহ [\d.]+ ঘণ্টা"));

            // "rahima" is the signed-in user's name in the app bar: a name, not a word of the app.
            await PageChecks.AssertAllBanglaAsync(page, "rahima");
            await PageChecks.AssertAccessibleAsync(page);
            await AssertFitsTabletAsync(page, "[data-testid=roster-grid]");
            // The week is wider than the tablet: it scrolls sideways inside its own box, each day wide enough to read.
            Assert.True(await page.EvaluateAsync<bool>("() => { const w = document.querySelector('.roster-grid-wrap'); return w.scrollWidth > w.clientWidth; }"), "the roster grid scrolls inside its box");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("roster-bn-roster-tablet.png") });

            await page.SetViewportSizeAsync(1600, 1000);
            await app.OpenAsync(page, $"/coverage?week={week}");
            await Assertions.Expect(page.Locator("[data-testid=coverage-map] tbody tr")).ToHaveCountAsync(7, new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("h4")).ToContainTextAsync("কভারেজ");
            await PageChecks.AssertAllBanglaAsync(page, "rahima");
            await PageChecks.AssertAccessibleAsync(page);
            await AssertFitsTabletAsync(page, "[data-testid=coverage-map]");
            // The heatmap keeps its numbers: colour is never the only signal.
            Assert.Matches(@"^\d+/\d+", (await page.Locator("[data-testid=coverage-map] td.ok, [data-testid=coverage-map] td.warn, [data-testid=coverage-map] td.bad").First.InnerTextAsync()).Trim());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("roster-bn-coverage-tablet.png") });

            await page.SetViewportSizeAsync(1600, 1000);
            // The forecast of the coming planning week (only viewed, nothing stored): the week 24 weeks ahead lies
            // beyond the demo history's reach and forecasts no contacts.
            await app.OpenAsync(page, "/forecast");
            await Assertions.Expect(page.Locator("[data-testid=backtest] tbody tr")).ToHaveCountAsync(4, new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("h4")).ToHaveTextAsync("পূর্বাভাস");
            await PageChecks.AssertAllBanglaAsync(page, "rahima");
            await PageChecks.AssertAccessibleAsync(page);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("roster-bn-forecast.png"), FullPage = true });
            await AssertFitsTabletAsync(page, "[data-testid=forecast-queues]");
        }
        finally
        {
            // Back to English for the other tests that sign in as Rahima.
            await page.SetViewportSizeAsync(1600, 1000);
            await app.OpenAsync(page, "/");
            if (await page.Locator("html").GetAttributeAsync("lang") == "bn")
            {
                await page.ClickAsync("[data-testid=language-switch]");
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            }

            await page.Context.DisposeAsync();
        }
    }

    /// <summary>At 768 wide the page is no wider than the screen; the wide element scrolls inside its own box.</summary>
    private static async Task AssertFitsTabletAsync(IPage page, string wide)
    {
        await page.SetViewportSizeAsync(TabletWidth, 1024);
        await page.Locator(wide).WaitForAsync();
        var pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= TabletWidth, $"{page.Url} is {pageWidth} px wide on a {TabletWidth} px tablet");
        var box = await page.EvaluateAsync<int>("s => document.querySelector(s).parentElement.getBoundingClientRect().right", wide);
        Assert.True(box <= TabletWidth, $"{wide} on {page.Url} ends at {box} px, beyond the {TabletWidth} px screen");
    }

    private static string Shot(string name) => Path.Combine(AppFixture.ScreenshotFolder, name);
}
