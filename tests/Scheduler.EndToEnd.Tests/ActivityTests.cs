using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Web.Tests;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Training and coaching from request to the agent's week: Rahima enters the requests (a bad length is refused naming
/// the field), places them on a published week, sees them inside the shift bars and publishes; Tanvir sees his
/// coaching in his week; Karim's coverage map says who is on an activity. Screenshots at desktop and phone size.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ActivityTests(AppFixture app)
{
    [Fact]
    public async Task Activities_entered_placed_and_published_show_in_the_grid_the_agents_week_and_the_coverage_map()
    {
        var sunday = await PublishWeekAsync();
        var wednesday = sunday.PlusDays(3);

        // Rahima: a coaching request with a 20-minute length is refused on the field; 30 minutes is saved.
        var rahima = await app.SignInAsync("rahima");
        await app.OpenAsync(rahima, "/activities");
        await Fill(rahima, "form-id", "coaching");
        await Fill(rahima, "form-name", "Weekly coaching");
        await Fill(rahima, "form-agents", "tanvir, nadia");
        await Fill(rahima, "form-minutes", "20");
        await Fill(rahima, "form-from", Iso(sunday));
        await Fill(rahima, "form-to", Iso(sunday.PlusDays(6)));
        await rahima.ClickAsync("[data-testid=save-activity]");
        await Assertions.Expect(rahima.Locator("[data-testid=activity-errors]")).ToContainTextAsync("length: must be a whole number of 15-minute intervals");
        await Assertions.Expect(rahima.Locator("[data-testid=activity-requests]")).ToContainTextAsync("No activity requests yet");
        await Fill(rahima, "form-minutes", "30");
        await rahima.ClickAsync("[data-testid=save-activity]");
        await Assertions.Expect(rahima.Locator("[data-testid=activity-requests]")).ToContainTextAsync("coaching 'Weekly coaching': tanvir, nadia, 30 min every week");

        // A one-hour product training for Tanvir and a014 together, on the Wednesday both work.
        await rahima.Locator("[data-testid=activity-form] label:has-text('Training')").ClickAsync();
        await Fill(rahima, "form-id", "card-training");
        await Fill(rahima, "form-name", "New card product");
        await Fill(rahima, "form-agents", "tanvir, a014");
        await Fill(rahima, "form-minutes", "60");
        await Fill(rahima, "form-from", Iso(wednesday));
        await Fill(rahima, "form-to", Iso(wednesday));
        await rahima.Locator("[data-testid=activity-form] label:has-text('Everyone together')").ClickAsync();
        await rahima.ClickAsync("[data-testid=save-activity]");
        await Assertions.Expect(rahima.Locator("[data-testid=activity-requests]")).ToContainTextAsync("training 'New card product': tanvir, a014, 60 min every week");
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("activities-requests.png"), FullPage = true });

        // Place them on the published week: the next draft holds them, shown inside the shift bars.
        await app.OpenAsync(rahima, $"/roster?week={Iso(sunday)}");
        await Assertions.Expect(rahima.Locator("[data-testid=status]")).ToHaveTextAsync("Published v1");
        await rahima.ClickAsync("[data-testid=place-activities]");
        await Assertions.Expect(rahima.Locator("[data-testid=activities-placed]")).ToContainTextAsync("3 placed in draft v2", new() { Timeout = 60_000 });
        await Assertions.Expect(rahima.Locator("[data-testid=status]")).ToHaveTextAsync("Draft v2");
        await Assertions.Expect(rahima.Locator("[data-testid=activity-marker]")).ToHaveCountAsync(4); // coaching x2, training for two
        var training = rahima.Locator("[data-testid=activity-marker][title*='New card product']");
        await Assertions.Expect(training).ToHaveCountAsync(2);
        Assert.Equal(await training.Nth(0).GetAttributeAsync("title"), await training.Nth(1).GetAttributeAsync("title")); // one time for both
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("activities-roster.png"), FullPage = true });
        await rahima.SetViewportSizeAsync(390, 844);
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("activities-roster-phone.png"), FullPage = true });
        await rahima.SetViewportSizeAsync(1600, 1000);
        await rahima.ClickAsync("[data-testid=publish]");
        await Assertions.Expect(rahima.Locator("[data-testid=status]")).ToHaveTextAsync("Published v2");

        // Tanvir's week: his coaching and the training inside his shifts.
        var tanvir = await app.SignInAsync("tanvir");
        await app.OpenAsync(tanvir, $"/my?week={Iso(sunday)}");
        var mine = tanvir.Locator("[data-testid=my-activities]");
        await Assertions.Expect(mine.Filter(new() { HasText = "Coaching: Weekly coaching" })).ToHaveCountAsync(1);
        await Assertions.Expect(mine.Filter(new() { HasText = "Training: New card product" })).ToHaveCountAsync(1);
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("activities-my-week.png"), FullPage = true });
        await tanvir.SetViewportSizeAsync(390, 844);
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("activities-my-week-phone.png"), FullPage = true });

        // Karim's coverage map: the hour of the training says two agents are on an activity, not on duty.
        var karim = await app.SignInAsync("karim");
        await app.OpenAsync(karim, $"/coverage?week={Iso(sunday)}");
        await Assertions.Expect(karim.Locator("[data-testid=coverage-map]")).ToBeVisibleAsync();
        var onActivity = karim.Locator("td:has([data-testid=on-activity])");
        await Assertions.Expect(onActivity.First).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("on training, coaching or a meeting, not counted on duty"));
        await karim.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("activities-coverage.png"), FullPage = true });
        await karim.SetViewportSizeAsync(390, 844);
        await karim.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("activities-coverage-phone.png"), FullPage = true });
    }

    private static async Task Fill(IPage page, string testId, string value) =>
        await page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First.FillAsync(value);

    private static string Shot(string name) => Path.Combine(AppFixture.ScreenshotFolder, name);

    /// <summary>The hand-made week of the swap tests, published twenty weeks ahead: clear of the weeks other tests of the
    /// shared app plan (the furthest, the overtime test's, is 16 weeks ahead; the supervisor tests' start at 6).</summary>
    private async Task<LocalDate> PublishWeekAsync()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).Date;
        var sunday = today.PlusWeeks(1);
        while (sunday.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            sunday = sunday.PlusDays(1);
        }

        sunday = sunday.PlusWeeks(19);
        var factory = new DbFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataFolder, "scheduler.db")}").Options);
        await SwapWeek.PublishAsync(factory, new RosterStore(factory, SystemClock.Instance), sunday);
        return sunday;
    }

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class DbFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}
