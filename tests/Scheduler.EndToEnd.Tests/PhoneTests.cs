using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Web.Tests;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Tanvir, agent, on a 390 x 844 phone: the sign-in, My schedule as day cards and Swaps and time off, in English and
/// in Bangla with Bengali digits (or Latin ones, chosen on the account page), none wider than the screen, no English
/// left on a Bangla page and no serious accessibility violation; and the web-app manifest with the icons it names.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class PhoneTests(AppFixture app)
{
    private const int PhoneWidth = 390;

    [Fact]
    public async Task The_manifest_makes_the_app_installable_and_every_icon_it_names_is_a_png_of_that_size()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var response = await http.GetAsync("/manifest.webmanifest");
        Assert.True(response.IsSuccessStatusCode, $"/manifest.webmanifest answered {(int)response.StatusCode}");
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);

        // Read by System.Text.Json, not by anything of ours.
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("Scheduler", root.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("short_name").GetString()));
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("#0f5e6e", root.GetProperty("theme_color").GetString());

        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "192x192");
        Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == "512x512");
        Assert.Contains(icons, i => i.TryGetProperty("purpose", out var p) && p.GetString()!.Contains("maskable", StringComparison.Ordinal));
        foreach (var icon in icons)
        {
            var src = icon.GetProperty("src").GetString()!;
            var size = int.Parse(icon.GetProperty("sizes").GetString()!.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal((size, size), await PngSizeAsync(http, src));
        }

        // Every page's head links the manifest, the theme colour and the icon a phone's home screen shows.
        var login = await http.GetStringAsync("/login");
        Assert.Contains("<link rel=\"manifest\" href=\"manifest.webmanifest\"", login, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"theme-color\" content=\"#0f5e6e\"", login, StringComparison.Ordinal);
        var touch = Regex.Match(login, "<link rel=\"apple-touch-icon\" href=\"([^\"]+)\"");
        Assert.True(touch.Success, "the sign-in page links no apple-touch-icon");
        Assert.Equal((180, 180), await PngSizeAsync(http, "/" + touch.Groups[1].Value));
    }

    [Fact]
    public async Task Tanvir_reads_his_week_as_day_cards_in_Bangla_with_Bengali_digits_on_a_phone_and_can_keep_Latin_digits()
    {
        // A week of Tanvir's own, 26 weeks ahead (no other test publishes it): Sunday to Wednesday 08:00-16:00.
        var sunday = await PublishPhoneWeekAsync();
        var week = $"/my?week={sunday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
        var page = await app.SignInAsync("tanvir", options: Phone());
        try
        {
            // My schedule in English: the menu starts closed, the week is one card per day.
            await app.OpenAsync(page, week);
            await Assertions.Expect(page.Locator("[data-testid=my-day]")).ToHaveCountAsync(7);
            await Assertions.Expect(page.Locator("[data-testid=my-days]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("[data-testid=my-day]").First).ToContainTextAsync("08:00-16:00");
            await Assertions.Expect(page.Locator("[data-testid=my-day]").Nth(4)).ToContainTextAsync("off");
            await Assertions.Expect(page.Locator("[data-testid=my-week]")).ToBeHiddenAsync();
            await Assertions.Expect(page.Locator(".mud-drawer .mud-navmenu")).Not.ToBeInViewportAsync();
            await AssertFitsAsync(page);
            await ShotAsync(page, "agent-en-my-schedule-phone.png");

            // The menu button opens the drawer over the page, and choosing a page closes it.
            await page.ClickAsync("[data-testid=menu]");
            await Assertions.Expect(page.Locator(".mud-drawer .mud-navmenu")).ToBeInViewportAsync();
            await ShotAsync(page, "agent-en-menu-phone.png");
            await page.Locator(".mud-drawer").GetByText("Swaps and time off").ClickAsync();
            await page.WaitForURLAsync($"{app.BaseUrl}/swaps");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Give away or swap a shift" })).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".mud-drawer .mud-navmenu")).Not.ToBeInViewportAsync();
            await AssertFitsAsync(page);
            await AssertThumbSizedAsync(page.Locator("[data-testid=ask-off]"));
            await ShotAsync(page, "agent-en-swaps-phone.png");

            // Bangla, chosen with the switch in the app bar: Bengali digits and Bangla day names in the cards.
            await page.ClickAsync("[data-testid=language-switch]");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
            await app.OpenAsync(page, week);
            var cards = page.Locator("[data-testid=my-days]");
            await Assertions.Expect(page.Locator("[data-testid=my-day]").First).ToContainTextAsync("০৮:০০-১৬:০০");
            await Assertions.Expect(page.Locator("[data-testid=my-day]")).ToHaveCountAsync(7);
            await Assertions.Expect(cards).ToContainTextAsync(BengaliDigit());
            await Assertions.Expect(cards).ToContainTextAsync(BanglaWeekday());
            Assert.DoesNotMatch(LatinDigit(), await cards.InnerTextAsync());
            await Assertions.Expect(page.Locator("h1, .page-title").First).ToHaveTextAsync("আমার সময়সূচি");
            // With the calendar address on (its Renew and Turn off buttons shown), as an agent who subscribed sees it.
            Assert.StartsWith($"{app.BaseUrl}/calendar/", await AppFixture.FeedUrlAsync(page));
            await AssertFitsAsync(page);
            await PageChecks.AssertAllBanglaAsync(page);
            await PageChecks.AssertAccessibleAsync(page);
            await ShotAsync(page, "agent-bn-my-schedule-phone.png");

            await app.OpenAsync(page, "/swaps");
            await Assertions.Expect(page.Locator("[data-testid=my-requests]")).ToBeVisibleAsync();
            await AssertFitsAsync(page);
            await PageChecks.AssertAllBanglaAsync(page);
            await PageChecks.AssertAccessibleAsync(page);
            await AssertThumbSizedAsync(page.Locator("[data-testid=ask-off]"));
            await ShotAsync(page, "agent-bn-swaps-phone.png");

            // The account page keeps Latin digits in Bangla: the cards then show 0-9 and still Bangla day names.
            await page.GotoAsync($"{app.BaseUrl}/account/password");
            await AssertFitsAsync(page);
            await PageChecks.AssertAllBanglaAsync(page);
            await PageChecks.AssertAccessibleAsync(page);
            await ShotAsync(page, "agent-bn-account-phone.png");
            await page.CheckAsync("[data-testid=latin-digits]");
            await page.ClickAsync("[data-testid=save-language]");
            await page.WaitForURLAsync($"{app.BaseUrl}/account/password");
            await Assertions.Expect(page.Locator("[data-testid=latin-digits]")).ToBeCheckedAsync();
            await app.OpenAsync(page, week);
            await Assertions.Expect(page.Locator("[data-testid=my-day]").First).ToContainTextAsync("08:00-16:00");
            await Assertions.Expect(cards).ToContainTextAsync(LatinDigit());
            await Assertions.Expect(cards).ToContainTextAsync(BanglaWeekday());
            Assert.DoesNotMatch(BengaliDigit(), await cards.InnerTextAsync());
        }
        finally
        {
            // Back to English with Bengali digits: the other tests sign in as Tanvir and read English.
            await page.GotoAsync($"{app.BaseUrl}/account/password");
            await page.CheckAsync("[data-testid=language-en]");
            await page.UncheckAsync("[data-testid=latin-digits]");
            await page.ClickAsync("[data-testid=save-language]");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_sign_in_page_in_English_fits_a_phone_and_passes_the_accessibility_check()
    {
        var context = await app.Browser.NewContextAsync(Phone());
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/login");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await AssertFitsAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        await AssertThumbSizedAsync(page.Locator("[data-testid=sign-in]"));
        await ShotAsync(page, "agent-signin-phone.png");
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_in_Bangla_fits_a_phone_and_shows_no_English()
    {
        var context = await app.Browser.NewContextAsync(Phone());
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/login");
        await page.ClickAsync("[data-testid=language-switch]");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await Assertions.Expect(page.Locator("[data-testid=sign-in]")).ToHaveTextAsync("সাইন ইন");
        await AssertFitsAsync(page);
        await PageChecks.AssertAllBanglaAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
        await AssertThumbSizedAsync(page.Locator("[data-testid=sign-in]"));
        await ShotAsync(page, "agent-bn-signin-phone.png");
        await context.CloseAsync();
    }

    /// <summary>
    /// A 390 x 844 touch phone. BypassCSP lets PageChecks add axe-core as an inline script, which the app's
    /// Content-Security-Policy (script-src 'self') otherwise refuses, rightly (AppFixture.SignInAsync sets it too).
    /// </summary>
    private static BrowserNewContextOptions Phone() => new()
    {
        ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 844 },
        IsMobile = true,
        HasTouch = true,
        BypassCSP = true,
    };

    /// <summary>No page is wider than the phone: nothing to scroll sideways.</summary>
    private static async Task AssertFitsAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= PhoneWidth, $"{page.Url} is {width} px wide on a {PhoneWidth} px phone");
    }

    /// <summary>An action a thumb reaches: at least 44 px tall and most of the screen's width.</summary>
    private static async Task AssertThumbSizedAsync(ILocator button)
    {
        var box = await button.BoundingBoxAsync() ?? throw new InvalidOperationException("the button is not on the page");
        Assert.True(box.Height >= 44, $"the button is {box.Height} px tall");
        Assert.True(box.Width >= PhoneWidth * 0.75, $"the button is {box.Width} px wide");
    }

    /// <summary>A full-page screenshot from the top (the app bar is fixed: scrolled, it would sit mid-picture).</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, name), FullPage = true });
    }

    private async Task<LocalDate> PublishPhoneWeekAsync()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).Date;
        var sunday = today.PlusWeeks(26);
        while (sunday.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            sunday = sunday.PlusDays(1);
        }

        var factory = new DbFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataFolder, "scheduler.db")}").Options);
        await SwapWeek.PublishAsync(factory, new RosterStore(factory, SystemClock.Instance), sunday);
        return sunday;
    }

    private sealed class DbFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }

    /// <summary>The width and height a PNG's IHDR chunk declares, after checking the PNG signature.</summary>
    private static async Task<(int Width, int Height)> PngSizeAsync(HttpClient http, string path)
    {
        var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), $"{path} is not a PNG");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [GeneratedRegex("[০-৯]")]
    private static partial Regex BengaliDigit();

    [GeneratedRegex("[0-9]")]
    private static partial Regex LatinDigit();

    [GeneratedRegex("(রবিবার|সোমবার|মঙ্গলবার|বুধবার|বৃহস্পতিবার|শুক্রবার|শনিবার)")]
    private static partial Regex BanglaWeekday();
}
