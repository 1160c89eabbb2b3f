using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Web.Tests;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// The staffing-gap panel on a week that is short: the swap tests' hand-made week (no one on voice-bn on Saturday, the
/// meal breaks uncovered), published 24 weeks ahead, a week no other test of the shared app plans. Rahima asks for a
/// suggestion; the stored run's hires show in a table, in English and in Bangla, at desktop and phone size.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HireTests(AppFixture app)
{
    [Fact]
    public async Task A_short_week_gets_a_table_of_hires_that_reads_in_English_and_Bangla_and_on_a_phone()
    {
        var sunday = await PublishWeekAsync();
        var page = await app.SignInAsync("rahima");
        await app.OpenAsync(page, $"/roster?week={sunday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        var panel = page.Locator("[data-testid=staffing-gap]");
        await panel.ScrollIntoViewIfNeededAsync();
        await page.ClickAsync("[data-testid=suggest-hires]");

        var table = page.Locator("[data-testid=hire-table]");
        await Assertions.Expect(table).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("[data-testid=hire-sentence]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Hire \d+: \d+ × [\w+-]*voice-bn[\w+-]* (full|part)-time .*→ short agent-intervals \d+ → \d+ \(coverage [\d.]+ % → [\d.]+ %\)"));
        await Assertions.Expect(page.Locator("[data-testid=hire-cost]")).ToContainTextAsync("a week in wages");
        await Assertions.Expect(table.Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=suggest-hires]")).ToHaveCountAsync(0); // stored for this version
        await panel.ScrollIntoViewIfNeededAsync();
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Shot("hire-panel-with-hires.png") });

        await page.ClickAsync("[data-testid=language-switch]");
        try
        {
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
            await app.OpenAsync(page, $"/roster?week={sunday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
            await Assertions.Expect(table).ToBeVisibleAsync(); // read back from the stored run, not asked again
            await Assertions.Expect(panel).ToContainTextAsync("নিয়োগ");
            await panel.ScrollIntoViewIfNeededAsync();
            await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Shot("hire-panel-bn.png") });
            await page.SetViewportSizeAsync(390, 844);
            await panel.ScrollIntoViewIfNeededAsync();
            await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Shot("hire-panel-bn-phone.png") });
        }
        finally
        {
            await page.ClickAsync("[data-testid=language-switch]");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        }
    }

    private static string Shot(string name) => Path.Combine(AppFixture.ScreenshotFolder, name);

    private async Task<LocalDate> PublishWeekAsync()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).Date;
        var sunday = today.PlusWeeks(1);
        while (sunday.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            sunday = sunday.PlusDays(1);
        }

        sunday = sunday.PlusWeeks(23); // +24 weeks
        var factory = new DbFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataFolder, "scheduler.db")}").Options);
        await SwapWeek.PublishAsync(factory, new RosterStore(factory, SystemClock.Instance), sunday);
        return sunday;
    }

    private sealed class DbFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}
