using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// The set-up and decision pages (agents, queues, requirements, holidays, activities, sick calls, approvals, the
/// audit log, users) read in Bangla, pass axe-core's WCAG 2.1 AA rules, and stay usable on a 768-pixel tablet.
/// Nothing is planned or published here: the pages are only read.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AdminPagesTests(AppFixture app)
{
    /// <summary>Each supervisor page and the element that shows its data has arrived (the page is then fully drawn).</summary>
    private static readonly (string Path, string Loaded)[] SupervisorPages =
    [
        ("/agents", "[data-testid=agents]"),
        ("/queues", "[data-testid=queues]"),
        ("/requirements", "[data-testid=heatmap]"),
        ("/holidays", "[data-testid=holidays]"),
        ("/activities", "[data-testid=activity-requests]"),
        ("/sick-calls", "[data-testid=sick-form]"),
        ("/approvals", "[data-testid=queue-empty], [data-testid=pending-request]"),
        ("/audit", "[data-testid=audit]"),
        ("/users", "[data-testid=users]"),
    ];

    private const int TabletWidth = 768;

    [Fact]
    public async Task Rahima_reads_every_set_up_and_decision_page_in_Bangla_and_each_passes_the_accessibility_check()
    {
        var rahima = await SignInAsync("rahima");
        await SwitchLanguageAsync(rahima, "bn");
        try
        {
            foreach (var (path, loaded) in SupervisorPages)
            {
                await OpenLoadedAsync(rahima, path, loaded);
                await Assertions.Expect(rahima.Locator("h4, .mud-typography-h4").First).ToContainTextAsync(BanglaLetter());
                await PageChecks.AssertAllBanglaAsync(rahima, SignedInAs("rahima"));
                await PageChecks.AssertAccessibleAsync(rahima);
                if (path is "/agents" or "/approvals")
                {
                    await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot($"admin-bn-{path.TrimStart('/')}.png"), FullPage = true });
                }
            }
        }
        finally
        {
            await SwitchLanguageAsync(rahima, "en");
            await rahima.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task On_a_tablet_every_set_up_page_fits_768_pixels_and_its_tables_scroll_inside_their_box()
    {
        var rahima = await SignInAsync("rahima");
        await rahima.SetViewportSizeAsync(TabletWidth, 1024);
        await SwitchLanguageAsync(rahima, "bn");
        try
        {
            foreach (var (path, loaded) in SupervisorPages)
            {
                await OpenLoadedAsync(rahima, path, loaded);
                var width = await rahima.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(width <= TabletWidth, $"{path} is {width} pixels wide on a {TabletWidth}-pixel tablet: something runs off the side");
                if (path == "/sick-calls")
                {
                    await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("admin-bn-sick-calls-tablet.png"), FullPage = true });
                }
            }
        }
        finally
        {
            await SwitchLanguageAsync(rahima, "en");
            await rahima.Context.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_administrator_reads_the_Users_page_in_Bangla_and_it_passes_the_accessibility_check()
    {
        var sohel = await SignInAsync("sohel");
        await SwitchLanguageAsync(sohel, "bn");
        try
        {
            await OpenLoadedAsync(sohel, "/users", "[data-testid=users]");
            // The administrator may give every role, the administrator's too: all four appear in Bangla.
            await Assertions.Expect(sohel.Locator("[data-testid=new-role] option")).ToHaveCountAsync(4);
            await Assertions.Expect(sohel.Locator("[data-testid=new-role] option").First).ToHaveTextAsync("অ্যাডমিনিস্ট্রেটর");
            await PageChecks.AssertAllBanglaAsync(sohel, SignedInAs("sohel"));
            await PageChecks.AssertAccessibleAsync(sohel);
            await sohel.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("admin-bn-users.png"), FullPage = true });
        }
        finally
        {
            await SwitchLanguageAsync(sohel, "en");
            await sohel.Context.DisposeAsync();
        }
    }

    /// <summary>
    /// The signed-in user's name in the layout's header (data the lead's MainLayout does not mark translate="no" yet).
    /// </summary>
    private static string SignedInAs(string userName) => userName;

    /// <summary>
    /// Signs in as AppFixture.SignInAsync does, in a browser context that lets Playwright add axe-core's script tag:
    /// the app's Content-Security-Policy (script-src 'self') refuses the inline script PageChecks adds otherwise.
    /// </summary>
    private async Task<IPage> SignInAsync(string user)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync($"{app.BaseUrl}/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", "Scheduler-demo-1");
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync($"{app.BaseUrl}/");
        return page;
    }

    private static string Shot(string name) => Path.Combine(AppFixture.ScreenshotFolder, name);

    /// <summary>Any letter of the Bengali script: a heading in Bangla has one.</summary>
    private static System.Text.RegularExpressions.Regex BanglaLetter() => new("[\u0980-\u09FF]");

    private async Task OpenLoadedAsync(IPage page, string path, string loaded)
    {
        await app.OpenAsync(page, path);
        await page.Locator(loaded).First.WaitForAsync(new() { Timeout = 60_000 });
    }

    /// <summary>Clicks the language switch when the page is not yet in <paramref name="language"/> and waits for the reload.</summary>
    private async Task SwitchLanguageAsync(IPage page, string language)
    {
        await app.OpenAsync(page, "/");
        if (await page.Locator("html").GetAttributeAsync("lang") != language)
        {
            await page.ClickAsync("[data-testid=language-switch]");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        }
    }
}
