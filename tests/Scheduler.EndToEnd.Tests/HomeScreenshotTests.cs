using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Web.Features.Planning;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// The README's home screenshots, on the demo centre as it ships (85 agents, <see cref="StaffedDemoFixture"/>): Rahima
/// generates and publishes this week and next (the two weeks the supervisor's home shows), then Rahima's, Karim's and
/// Tanvir's homes are taken, his on a phone in English and in Bangla. HomeTests keeps its assertions on a hand-made
/// week, whose queues nobody is asked to staff read "coverage 100 %, service level 0 %": a first look at that says the
/// product is broken, so its screenshots are home-test-*.png and these are the README's. Its own app and database
/// (<see cref="HomeDemoCollection"/>): the staffing-gap test publishes the planning week of its app, which on a Sunday is
/// next week.
/// </summary>
[Collection(HomeDemoCollection.Name)]
public sealed class HomeScreenshotTests(StaffedDemoFixture app)
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    /// <summary>Each week's solve: 85 agents on a 2-core machine shared with other builds.</summary>
    private const int Seconds = 45;

    [Fact]
    public async Task Each_roles_home_on_the_solved_and_published_demo_weeks_reads_as_a_staffed_centre()
    {
        // As HomeService.ThisWeek: the Sunday starting the current planning week in Dhaka (the app's clock is the system's).
        var thisWeek = PlanningService.PlanningWeekOf(SystemClock.Instance.GetCurrentInstant().InZone(Dhaka).Date);
        var nextWeek = thisWeek.PlusWeeks(1);
        var rahima = await app.SignInAsync("rahima");
        var karim = await app.SignInAsync("karim");
        var tanvir = await app.SignInAsync("tanvir", options: new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        try
        {
            await app.GenerateAndPublishAsync(rahima, thisWeek, Seconds);
            await app.GenerateAndPublishAsync(rahima, nextWeek, Seconds);

            // Rahima: both weeks published, each queue's coverage and projected service level from the solved roster.
            await app.OpenAsync(rahima, "/");
            var weeks = rahima.Locator("[data-testid=home-week]");
            await Assertions.Expect(weeks).ToHaveCountAsync(2);
            await Assertions.Expect(weeks.Nth(0)).ToContainTextAsync($"This week, from {Label(thisWeek)}");
            await Assertions.Expect(weeks.Nth(0)).ToContainTextAsync("Published v1");
            await Assertions.Expect(weeks.Nth(1)).ToContainTextAsync($"Next week, from {Label(nextWeek)}");
            await Assertions.Expect(weeks.Nth(1)).ToContainTextAsync("Published v1");
            await AssertPlausibleAsync(rahima.Locator("[data-testid=home-week-queue]"), expected: 8);
            await PageChecks.AssertAccessibleAsync(rahima);
            await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-supervisor.png"), FullPage = true });

            // Karim: this week's service level per queue and its worst gaps (or the sentence that there are none).
            await app.OpenAsync(karim, "/");
            await Assertions.Expect(karim.Locator("[data-testid=home-manager-week]")).ToContainTextAsync($"This week, from {Label(thisWeek)}");
            await AssertPlausibleAsync(karim.Locator("[data-testid=home-queue]"), expected: 4);
            await Assertions.Expect(karim.Locator("[data-testid=home-gap]").Or(karim.Locator("[data-testid=home-no-gaps]")).First).ToBeVisibleAsync();
            await PageChecks.AssertAccessibleAsync(karim);
            await karim.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-manager.png"), FullPage = true });

            // Tanvir on his phone: his next shift from the published weeks, then the same in Bangla with Bengali digits.
            await app.OpenAsync(tanvir, "/");
            var next = tanvir.Locator("[data-testid=home-next-shift]");
            await Assertions.Expect(next).ToContainTextAsync(new Regex(@"\d\d:\d\d–\d\d:\d\d"));
            await Assertions.Expect(next).ToContainTextAsync("Asia/Dhaka");
            await AssertFitsPhoneAsync(tanvir);
            await PageChecks.AssertAccessibleAsync(tanvir);
            await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-agent-phone.png"), FullPage = true });

            await tanvir.ClickAsync("[data-testid=language-switch]");
            await Assertions.Expect(tanvir.Locator("html")).ToHaveAttributeAsync("lang", "bn");
            await app.OpenAsync(tanvir, "/");
            await Assertions.Expect(tanvir.Locator("[data-testid=home-next-shift]")).ToContainTextAsync(new Regex("[০-৯]{2}:[০-৯]{2}–[০-৯]{2}:[০-৯]{2}"));
            await PageChecks.AssertAllBanglaAsync(tanvir);
            await PageChecks.AssertAccessibleAsync(tanvir);
            await AssertFitsPhoneAsync(tanvir);
            await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-agent-bn-phone.png"), FullPage = true });
        }
        finally
        {
            // Back to English: the language is stored on Tanvir's account.
            if (await tanvir.Locator("html").GetAttributeAsync("lang") == "bn")
            {
                await tanvir.ClickAsync("[data-testid=language-switch]");
                await Assertions.Expect(tanvir.Locator("html")).ToHaveAttributeAsync("lang", "en");
            }

            await rahima.Context.DisposeAsync();
            await karim.Context.DisposeAsync();
            await tanvir.Context.DisposeAsync();
        }
    }

    /// <summary>
    /// Each queue row (queue, coverage, projected service level) reads as a solved week: a coverage in percent, a
    /// service level in percent (or "backlog" for email), and no queue covered to 90 % or more with a service level
    /// under half, the pair a hand-made week shows on a queue nobody was asked to staff.
    /// </summary>
    private static async Task AssertPlausibleAsync(ILocator rows, int expected)
    {
        await Assertions.Expect(rows).ToHaveCountAsync(expected);
        foreach (var row in await rows.AllAsync())
        {
            var cells = (await row.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
            var said = string.Join(" | ", cells);
            var coverage = Percent(cells[1]) ?? throw new InvalidOperationException($"no coverage in '{said}'");
            Assert.True(coverage is > 0 and <= 100, $"coverage out of range: {said}");
            if (Percent(cells[2]) is { } serviceLevel)
            {
                Assert.False(coverage >= 90 && serviceLevel < 50, $"covered but no service: {said}");
            }
            else
            {
                Assert.Equal("backlog", cells[2]);
            }
        }
    }

    private static int? Percent(string text) =>
        text.EndsWith(" %", StringComparison.Ordinal) && int.TryParse(text[..^2], CultureInfo.InvariantCulture, out var value) ? value : null;

    private static async Task AssertFitsPhoneAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= window.innerWidth", null, new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            Assert.Fail($"{page.Url} is {await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide on a 390 px phone");
        }
    }

    private static string Label(LocalDate date) => date.ToString("ddd d MMM", CultureInfo.InvariantCulture);

    private static string Shot(string name) => Path.Combine(AppFixture.ScreenshotFolder, name);
}

/// <summary>The README home screenshots' own staffed app: it runs alone, as the README's other screenshots do (two cores).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HomeDemoCollection : ICollectionFixture<StaffedDemoFixture>
{
    public const string Name = "home-demo";
}
