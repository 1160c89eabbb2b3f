using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Tests;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Each role's home page in Chromium, on its own app whose this week and next are known (the shared app's tests publish
/// the coming weeks in an order of their own): this week the hand-made <see cref="SwapWeek"/> published; next week
/// published, then v2 moving Tanvir's Tuesday from 08:00 to 10:00, then a draft v3; a swap waiting for Rahima and one
/// waiting for Tanvir's answer. Desktop and a 390 x 844 phone, Tanvir's also in Bangla, axe-core on each. Their
/// screenshots are home-test-*.png: the week is hand-made (queues nobody is asked to staff read "coverage 100 %, service
/// level 0 %"), so the README's home screenshots come from the solved demo weeks of <see cref="ReadmeScreenshotTests"/>.
/// </summary>
[Collection(HomeCollection.Name)]
public sealed class HomeTests(AppFixture app)
{
    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static (LocalDate ThisWeek, LocalDate NextWeek)? _weeks;

    [Fact]
    public async Task The_supervisor_sees_both_weeks_with_their_state_the_waiting_request_and_the_last_import_each_linking_to_its_page()
    {
        var (thisWeek, nextWeek) = await SeedAsync();
        var page = await app.SignInAsync("rahima");
        await app.OpenAsync(page, "/");

        var weeks = page.Locator("[data-testid=home-week]");
        await Assertions.Expect(weeks).ToHaveCountAsync(2);
        await Assertions.Expect(weeks.Nth(0)).ToHaveAttributeAsync("data-state", "Published");
        await Assertions.Expect(weeks.Nth(0)).ToContainTextAsync("Published v1");
        await Assertions.Expect(weeks.Nth(0).Locator("[data-testid=home-week-short]")).ToContainTextAsync("agent-intervals short");
        await Assertions.Expect(weeks.Nth(0).Locator("[data-testid=home-week-link]")).ToHaveAttributeAsync("href", $"/roster?week={Iso(thisWeek)}");
        await Assertions.Expect(weeks.Nth(1)).ToHaveAttributeAsync("data-state", "Draft");
        await Assertions.Expect(weeks.Nth(1)).ToContainTextAsync("Draft v3");
        await Assertions.Expect(weeks.Nth(1)).ToContainTextAsync("on top of published v2");
        await Assertions.Expect(weeks.Nth(1).Locator("[data-testid=home-week-link]")).ToHaveAttributeAsync("href", $"/roster?week={Iso(nextWeek)}");
        await Assertions.Expect(page.Locator("[data-testid=home-requests-count]")).ToContainTextAsync("1 waiting for a decision");
        await Assertions.Expect(page.Locator("[data-testid=home-requests]")).ToContainTextAsync("Nadia");
        await Assertions.Expect(page.Locator("[data-testid=home-requests-link]")).ToHaveAttributeAsync("href", "/approvals");
        await Assertions.Expect(page.Locator("[data-testid=home-import]")).ToContainTextAsync("Covers");
        await Assertions.Expect(page.Locator("[data-testid=home-import-link]")).ToHaveAttributeAsync("href", "/forecast");
        await Assertions.Expect(page.Locator("[data-testid=home-solves]")).ToContainTextAsync("No solve is running");
        await PageChecks.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-test-supervisor.png"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        await AssertFitsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-test-supervisor-phone.png"), FullPage = true });

        // In Bangla: every word of the page is Bangla (figures stay Latin on a supervisor's page).
        try
        {
            await page.ClickAsync("[data-testid=language-switch]");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
            await app.OpenAsync(page, "/");
            await Assertions.Expect(page.Locator("[data-testid=home-week]").Nth(1)).ToContainTextAsync("খসড়া সংস্করণ 3");
            await PageChecks.AssertAllBanglaAsync(page);
            await AssertFitsAsync(page);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-test-supervisor-bn-phone.png"), FullPage = true });
        }
        finally
        {
            if (await page.Locator("html").GetAttributeAsync("lang") == "bn")
            {
                await page.ClickAsync("[data-testid=language-switch]");
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            }
        }
    }

    [Fact]
    public async Task The_manager_sees_this_weeks_service_level_per_queue_and_the_worst_gaps_linking_to_the_coverage_map()
    {
        var (thisWeek, _) = await SeedAsync();
        var page = await app.SignInAsync("karim");
        await app.OpenAsync(page, "/");

        await Assertions.Expect(page.Locator("[data-testid=home-manager-week]")).ToContainTextAsync("This week");
        await Assertions.Expect(page.Locator("[data-testid=home-queue]").Filter(new() { HasText = "voice-bn" })).ToContainTextAsync("%");
        var gaps = page.Locator("[data-testid=home-gap]");
        await Assertions.Expect(gaps).ToHaveCountAsync(5);
        await Assertions.Expect(gaps.First).ToContainTextAsync("voice-bn");
        await Assertions.Expect(gaps.First).ToContainTextAsync("short 1 of 1");
        await Assertions.Expect(gaps.First.Locator("a")).ToHaveAttributeAsync("href", $"/coverage?week={Iso(thisWeek)}");
        await PageChecks.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-test-manager.png"), FullPage = true });

        await page.SetViewportSizeAsync(390, 844);
        await AssertFitsAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-test-manager-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task The_agent_sees_the_next_shift_the_swap_waiting_on_them_and_the_change_until_they_open_My_schedule_also_in_Bangla()
    {
        var (_, nextWeek) = await SeedAsync();
        var tuesday = nextWeek.PlusDays(2).ToString("ddd d MMM", CultureInfo.InvariantCulture);
        var page = await app.SignInAsync("tanvir");
        await page.SetViewportSizeAsync(390, 844);
        await app.OpenAsync(page, "/");

        await Assertions.Expect(page.Locator("[data-testid=my-change]")).ToContainTextAsync($"Your shift on {tuesday} 08:00-16:00 moved to {tuesday} 10:00-18:00 (v2");
        var next = page.Locator("[data-testid=home-next-shift]");
        await Assertions.Expect(next).ToContainTextAsync("08:00–16:00");
        await Assertions.Expect(next).ToContainTextAsync(new System.Text.RegularExpressions.Regex("starts in|ends at")); // "ends at" when run during a this-week shift
        await Assertions.Expect(next).ToContainTextAsync("Asia/Dhaka");
        await Assertions.Expect(page.Locator("[data-testid=home-swap]")).ToContainTextAsync("asks to swap");
        await Assertions.Expect(page.Locator("[data-testid=home-swap] a")).ToHaveAttributeAsync("href", "/swaps");
        await AssertFitsAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-test-agent-phone.png"), FullPage = true });

        try
        {
            await page.ClickAsync("[data-testid=language-switch]");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
            await app.OpenAsync(page, "/");
            await Assertions.Expect(page.Locator("[data-testid=my-change]")).ToContainTextAsync("সরে");
            await Assertions.Expect(page.Locator("[data-testid=home-next-shift]")).ToContainTextAsync("০৮:০০–১৬:০০");
            await PageChecks.AssertAllBanglaAsync(page);
            await PageChecks.AssertAccessibleAsync(page);
            await AssertFitsAsync(page);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-test-agent-bn-phone.png"), FullPage = true });
        }
        finally
        {
            if (await page.Locator("html").GetAttributeAsync("lang") == "bn")
            {
                await page.ClickAsync("[data-testid=language-switch]");
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            }
        }

        // Opening My schedule marks the change seen: home no longer lists it.
        await app.OpenAsync(page, "/my");
        await app.OpenAsync(page, "/");
        await Assertions.Expect(page.Locator("[data-testid=home-next-shift]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=my-changes]")).ToHaveCountAsync(0);
        await page.SetViewportSizeAsync(1600, 1000);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("home-test-agent.png"), FullPage = true });
    }

    [Fact]
    public async Task The_administrator_keeps_the_accounts_panel()
    {
        await SeedAsync();
        var page = await app.SignInAsync("sohel");
        await app.OpenAsync(page, "/");

        await Assertions.Expect(page.Locator("[data-testid=home-users]")).ToHaveAttributeAsync("href", "/users");
        await PageChecks.AssertAccessibleAsync(page);
    }

    /// <summary>
    /// Nothing runs off the side: the page is no wider than the window, and no week table wider than its card. Waits
    /// for the layout to settle first (the drawer closes with a transition after the window shrinks).
    /// </summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        const string Fits = "() => document.documentElement.scrollWidth <= window.innerWidth && [...document.querySelectorAll('.home-table table')].every(t => t.scrollWidth <= t.parentElement.clientWidth + 1)";
        try
        {
            await page.WaitForFunctionAsync(Fits, null, new() { Timeout = 5_000 });
        }
        catch (PlaywrightException) // Playwright's timeout
        {
            var (scroll, inner) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
            var cut = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('.home-table table')].filter(t => t.scrollWidth > t.parentElement.clientWidth + 1).length");
            Assert.Fail($"{page.Url} is {scroll} px wide in a {inner} px window; {cut} week table(s) run past their card");
        }
    }

    private async Task<(LocalDate ThisWeek, LocalDate NextWeek)> SeedAsync()
    {
        await SeedLock.WaitAsync();
        try
        {
            return _weeks ??= await PublishWeeksAsync();
        }
        finally
        {
            SeedLock.Release();
        }
    }

    private async Task<(LocalDate, LocalDate)> PublishWeeksAsync()
    {
        var factory = Factory();
        var store = new RosterStore(factory, SystemClock.Instance);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).Date;
        var thisWeek = today.PlusDays(-(((int)today.DayOfWeek) % 7));
        var nextWeek = thisWeek.PlusWeeks(1);
        await SwapWeek.PublishAsync(factory, store, thisWeek);

        // Next week: v1, then v2 moves Tanvir's Tuesday from 08:00 to 10:00 (published), then a draft v3 without a014.
        var (scenario, roster, firstId) = await SwapWeek.PublishAsync(factory, store, nextWeek);
        var tuesday = nextWeek.PlusDays(2);
        var moved = new Roster([.. roster.Shifts.Where(s => !(s.AgentId == "tanvir" && s.Date == tuesday)),
            new ShiftOption(scenario, scenario.Template("ft8"), tuesday, new LocalTime(10, 0), Duration.FromHours(8)).Assign("tanvir", scenario.IntervalLength)]);
        var first = (await store.LoadAsync(firstId, default))!;
        var edit = await store.SaveEditAsync(firstId, first.Entity.Version, moved, "rahima", default);
        var second = await store.PublishAsync(edit.Id, edit.Version, "rahima", default);
        await store.SaveEditAsync(second.Id, second.Version, new Roster([.. moved.Shifts.Where(s => s.AgentId != "a014")]), "rahima", default);

        // Nadia's swap with a003 waits for Rahima; Nadia's swap with Tanvir waits for his answer.
        await using var db = await factory.CreateDbContextAsync();
        var now = SystemClock.Instance.GetCurrentInstant();
        db.ShiftRequests.Add(new ShiftRequestEntity { SiteId = "dhaka", Kind = ShiftRequestKind.Swap, Status = ShiftRequestStatus.Pending, RequesterId = "nadia", ColleagueId = "a003", RosterId = second.Id, Date = nextWeek.PlusDays(5), CreatedAt = now, Version = Guid.NewGuid() });
        db.ShiftRequests.Add(new ShiftRequestEntity { SiteId = "dhaka", Kind = ShiftRequestKind.Swap, Status = ShiftRequestStatus.AwaitingColleague, RequesterId = "nadia", ColleagueId = "tanvir", RosterId = second.Id, Date = nextWeek.PlusDays(4), ReturnDate = nextWeek.PlusDays(3), CreatedAt = now, Version = Guid.NewGuid() });
        await db.SaveChangesAsync();
        return (thisWeek, nextWeek);
    }

    private static string Shot(string name) => Path.Combine(AppFixture.ScreenshotFolder, name);

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private IDbContextFactory<SchedulerDbContext> Factory() =>
        new DbFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataFolder, "scheduler.db")}").Options);

    private sealed class DbFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}

/// <summary>The home tests' own app: they need this week and next as they set them, and run alone like the README's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HomeCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "home";
}
