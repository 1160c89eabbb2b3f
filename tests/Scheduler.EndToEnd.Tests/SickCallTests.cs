using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Web.Tests;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// A sick call in the browser (issue 17's Done-when): Rahima marks Tanvir absent from Tuesday 12:00 through Wednesday
/// on a published week; the app re-solves it as a job; the page lists the changes per agent, and none touches a shift
/// that began before the absence except Tanvir's own, cut at 12:00; she publishes; Tanvir sees it on his home page.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SickCallTests(AppFixture app)
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    [Fact]
    public async Task A_sick_call_is_re_solved_changing_only_shifts_after_the_absence_starts_and_published_to_the_agent()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(Dhaka).Date;
        var sunday = today.PlusWeeks(8).Previous(IsoDayOfWeek.Sunday); // a week no other test plans
        var factory = Factory();
        await SwapWeek.PublishAsync(factory, new RosterStore(factory, SystemClock.Instance), sunday);
        var tuesday = sunday.PlusDays(2);
        var absenceStart = tuesday.At(new LocalTime(12, 0)).InZoneStrictly(Dhaka).ToInstant();

        var rahima = await app.SignInAsync("rahima");
        await app.OpenAsync(rahima, "/sick-calls");
        // A last day before the first is refused with the field, and nothing is stored.
        await rahima.SelectOptionAsync("[data-testid=sick-agent]", "tanvir");
        await rahima.FillAsync("[data-testid=sick-from-date]", Iso(tuesday));
        await rahima.FillAsync("[data-testid=sick-from-time]", "12:00");
        await rahima.FillAsync("[data-testid=sick-through]", Iso(sunday));
        await rahima.ClickAsync("[data-testid=sick-record]");
        await Assertions.Expect(rahima.Locator("[data-testid=sick-error]")).ToContainTextAsync("Through: the last day");
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(0, await db.SickCalls.CountAsync(s => s.RosterFirstDate == sunday));
        }

        await rahima.FillAsync("[data-testid=sick-through]", Iso(sunday.PlusDays(3)));
        await rahima.ClickAsync("[data-testid=sick-record]");
        var review = rahima.Locator("[data-testid=sick-review]");
        await Assertions.Expect(review.Locator("[data-testid=sick-status]")).ToContainTextAsync("Draft v2", new() { Timeout = 120_000 });
        await Assertions.Expect(review).ToContainTextAsync("Tanvir");

        // Every change touches only what starts at or after 12:00 on Tuesday, but for Tanvir's own shift, cut there.
        var changes = review.Locator("[data-testid=sick-change]");
        Assert.True(await changes.CountAsync() >= 2); // Tuesday cut, Wednesday removed
        foreach (var change in await changes.AllAsync())
        {
            var from = Instant.FromUnixTimeMilliseconds(long.Parse((await change.GetAttributeAsync("data-from"))!, CultureInfo.InvariantCulture));
            var cut = await change.GetAttributeAsync("data-cut") == "true";
            Assert.True(from >= absenceStart || cut, await change.TextContentAsync());
        }

        var tanvirsChanges = review.Locator("[data-testid=sick-agent-changes][data-agent=tanvir]");
        await Assertions.Expect(tanvirsChanges).ToContainTextAsync("cut at 12:00");
        await Assertions.Expect(tanvirsChanges).ToContainTextAsync("removed");
        await Assertions.Expect(review.Locator("[data-testid=still-short]")).ToBeVisibleAsync();
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "sickcall-review.png"), FullPage = true });
        await rahima.SetViewportSizeAsync(390, 844);
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "sickcall-review-phone.png"), FullPage = true });
        await rahima.SetViewportSizeAsync(1600, 1000);

        await rahima.ClickAsync("[data-testid=sick-publish]");
        await Assertions.Expect(review.Locator("[data-testid=sick-status]")).ToContainTextAsync("Published v2");
        var published = (await new RosterStore(factory, SystemClock.Instance).PublishedAsync("dhaka", sunday, default))!;
        Assert.Equal(2, published.Entity.Number);
        Assert.StartsWith("sick call: Tanvir", published.Entity.Reason);

        // Tanvir, on his phone, sees on his home page that Tuesday was cut and Wednesday removed, with the version.
        var tanvir = await app.SignInAsync("tanvir");
        await tanvir.SetViewportSizeAsync(390, 844);
        await app.OpenAsync(tanvir, "/");
        var notices = tanvir.Locator("[data-testid=my-change]");
        await Assertions.Expect(notices.Filter(new() { HasText = tuesday.ToString("ddd d MMM", CultureInfo.InvariantCulture) + " 08:00-16:00 moved to" })).ToContainTextAsync("12:00 (v2");
        await Assertions.Expect(notices.Filter(new() { HasText = tuesday.PlusDays(1).ToString("ddd d MMM", CultureInfo.InvariantCulture) })).ToContainTextAsync("removed");
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "sickcall-agent-home-phone.png"), FullPage = true });
    }

    /// <summary>The running app's database, for the steps the test takes behind the pages.</summary>
    private IDbContextFactory<SchedulerDbContext> Factory() =>
        new DbFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataFolder, "scheduler.db")}").Options);

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class DbFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}
