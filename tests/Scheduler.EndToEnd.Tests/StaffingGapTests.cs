using Microsoft.Playwright;
using NodaTime;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Rahima generates the staffed demo centre's own planning week (Victory Day on its Wednesday) with the default time
/// limit, publishes it, sees its coverage map, and asks the staffing-gap panel how many agents of which skills would
/// close what is left. Its own app and database (<see cref="DemoCollection"/>): the shared app's tests rely on the
/// demo week being unpublished, and only the demo's first weeks have a forecast (a week 27 weeks on needs no one).
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class StaffingGapTests(StaffedDemoFixture app)
{
    [Fact]
    public async Task Staffing_gap_panel_turns_the_published_weeks_shortfall_into_a_hiring_suggestion()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).Date;
        var first = today.PlusWeeks(1);
        while (first.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            first = first.PlusDays(1);
        }

        var page = await app.SignInAsync("rahima", options: new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        // 60 s: the first roster of the 85-agent week took 12 s in-process at a load average of 30 on two cores.
        await app.GenerateAndPublishAsync(page, first, 60);

        // The coverage map of the generated week (the roster covers every required agent-interval; the map's cells
        // compare with the staffing it shows, see the report).
        await app.OpenAsync(page, $"/coverage?week={first:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("[data-testid=coverage-map] tbody tr")).ToHaveCountAsync(7, new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "demo-coverage-after-generate.png"), FullPage = true });

        // The staffing gap of the published week: asked, worked out in the background, then the sentence (when the
        // week covers everything, that no hire is needed).
        await app.OpenAsync(page, $"/roster?week={first:yyyy-MM-dd}");
        var panel = page.Locator("[data-testid=staffing-gap]");
        await panel.ScrollIntoViewIfNeededAsync();
        await page.ClickAsync("[data-testid=suggest-hires]");
        var sentence = page.Locator("[data-testid=hire-sentence]");
        // The run is a stored Quartz job: queued or running, with its elapsed time, until its suggestion is stored.
        var progress = page.Locator("[data-testid=hire-progress]");
        await Assertions.Expect(progress.Or(sentence)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (await progress.IsVisibleAsync())
        {
            await Assertions.Expect(progress).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Queued: waiting for a free solver slot \(solves, simulations and suggestions take turns, \d+ at a time\)\.|Re-solving with candidate hires: \d+ s of at most 20 s\."));
            await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "hire-panel-running.png") });
        }

        await Assertions.Expect(sentence).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(sentence).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"(Hire \d+:|No hire pays for itself|Nothing is short: no hire needed) .*→ short agent-intervals \d[\d,]* → \d[\d,]* \(coverage [\d.]+ % → [\d.]+ %\)"));
        var shortNow = await page.Locator("[data-testid=cost]").Locator("xpath=..").InnerTextAsync();
        if (shortNow.Contains("· 0 agent-intervals short", StringComparison.Ordinal))
        {
            await Assertions.Expect(sentence).ToContainTextAsync("Nothing is short: no hire needed");
        }

        await Assertions.Expect(panel).ToContainTextAsync("Computed by re-solving this roster with candidate hires");
        await panel.ScrollIntoViewIfNeededAsync();
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "demo-staffing-gap.png") });
        // WCAG 2.1 AA inside the panel (the rest of the roster page is another part of issue 18's work).
        await PageChecks.AccessibilityViolationsAsync(page); // loads axe-core into the page
        var inPanel = await page.EvaluateAsync<string>(
            """
            async () => {
              const r = await axe.run('[data-testid=staffing-gap]', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`).join('\n');
            }
            """);
        Assert.True(inPanel.Length == 0, "the staffing-gap panel has accessibility violations:\n" + inPanel);

        // The suggestion is stored with its roster version: a reload shows it again without asking, and asking is
        // no longer offered for this version (asking again would return the same run).
        var shown = await sentence.InnerTextAsync();
        // Opened again and waited for until interactive: the prerendered panel is replaced when the circuit starts, and
        // a screenshot of it in between fails on a detached element.
        await app.OpenAsync(page, $"/roster?week={first:yyyy-MM-dd}");
        await panel.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(sentence).ToHaveTextAsync(shown, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=suggest-hires]")).ToHaveCountAsync(0);
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "hire-panel-after-reload.png") });

        // On a phone the panel still reads: its table scrolls inside the page.
        await page.SetViewportSizeAsync(390, 844);
        await panel.ScrollIntoViewIfNeededAsync();
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "demo-staffing-gap-phone.png") });
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "hire-panel-phone.png") });
    }
}

/// <summary>The staffing-gap test's own app and database; it runs alone, as the README screenshots do (two cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DemoCollection : ICollectionFixture<StaffedDemoFixture>
{
    public const string Name = "demo";
}
