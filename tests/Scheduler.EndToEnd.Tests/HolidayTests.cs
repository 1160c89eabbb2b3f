using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Rahima's holiday calendar in Chromium: the Holidays page lists the year's holidays with their effect per queue; a
/// bad line is refused with its line and field and nothing changes; a holiday she adds is saved and the Forecast page's
/// week shows it beside Victory Day, with the forecast lowered on both days.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class HolidayTests(AppFixture app)
{
    /// <summary>The week holding Victory Day (Wednesday 16 December 2026).</summary>
    private const string VictoryWeek = "2026-12-13";

    [Fact]
    public async Task A_supervisor_sees_edits_and_forecasts_with_the_site_holiday_calendar()
    {
        var rahima = await app.SignInAsync("rahima");
        await app.OpenAsync(rahima, "/holidays");
        var table = rahima.Locator("[data-testid=holidays]");
        await Assertions.Expect(table).ToContainTextAsync("Victory Day");
        await Assertions.Expect(table).ToContainTextAsync("0.70 entered");
        await rahima.Locator("[data-testid=holidays-year]").WaitForAsync();
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "holidays-calendar.png"), FullPage = true });
        var text = rahima.Locator("[data-testid=holidays-text]");
        var original = await text.InputValueAsync();

        try
        {
            // An end before the start: refused with its line and field, the calendar as it was.
            var lines = original.TrimEnd('\n').Split('\n').Length;
            await text.FillAsync(original.TrimEnd('\n') + "\nbank-day,Bank Day,moving,2026-12-17,2026-12-15,0,0,no,0.6,,,\n");
            await rahima.Locator("[data-testid=holidays-save]").ClickAsync();
            var message = rahima.Locator("[data-testid=holidays-message]");
            await Assertions.Expect(message).ToContainTextAsync($"line {lines + 1}, end: 2026-12-15 is before the start 2026-12-17");
            await rahima.EvaluateAsync("window.scrollTo(0, 0)"); // a full-page shot of a scrolled page draws the app bar mid-page
            await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "holidays-refused.png"), FullPage = true });
            await app.OpenAsync(rahima, "/holidays");
            await Assertions.Expect(rahima.Locator("[data-testid=holidays-status]")).ToContainTextAsync("not edited yet");

            // The same day entered right: saved, and the forecast of that week uses it.
            await rahima.Locator("[data-testid=holidays-text]").FillAsync(original.TrimEnd('\n') + "\nbank-day,Bank Day,moving,2026-12-17,,0,0,no,0.6,,,\n");
            await rahima.Locator("[data-testid=holidays-save]").ClickAsync();
            await Assertions.Expect(rahima.Locator("[data-testid=holidays-message]")).ToContainTextAsync("Saved.");
            await Assertions.Expect(rahima.Locator("[data-testid=holidays-status]")).ToContainTextAsync("Saved by rahima");

            await app.OpenAsync(rahima, $"/forecast?week={VictoryWeek}");
            var holidays = rahima.Locator("[data-testid=forecast-holidays]");
            await Assertions.Expect(holidays).ToContainTextAsync("Victory Day");
            await Assertions.Expect(holidays).ToContainTextAsync("Bank Day");
            await Assertions.Expect(holidays).ToContainTextAsync("× 0.60 entered");
            await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "holidays-forecast.png"), FullPage = true });

            await rahima.SetViewportSizeAsync(390, 844);
            await app.OpenAsync(rahima, "/holidays");
            await Assertions.Expect(rahima.Locator("[data-testid=holidays]")).ToContainTextAsync("Bank Day");
            await rahima.EvaluateAsync("window.scrollTo(0, 0)");
            await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "holidays-calendar-phone.png"), FullPage = true });
        }
        finally
        {
            // The other tests in this app plan the same week: give them the shipped calendar back.
            await rahima.SetViewportSizeAsync(1600, 1000);
            await app.OpenAsync(rahima, "/holidays");
            await rahima.Locator("[data-testid=holidays-text]").FillAsync(original);
            await rahima.Locator("[data-testid=holidays-save]").ClickAsync();
            await rahima.Locator("[data-testid=holidays-message]").WaitForAsync();
        }
    }
}
