using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Sohel installs Scheduler for a real centre: published outside the repository, the first administrator from the CLI,
/// accounts for a supervisor and an agent sent as one-time links, an agent who leaves deactivated, and a restart that
/// signs no one out. Production mode throughout, so no demo users exist.
/// </summary>
public sealed class DeploymentTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string AdminPassword = "tea garden at sunrise";
    private const string SupervisorPassword = "jackfruit lantern river";
    private const string AgentPassword = "mango rickshaw monsoon";

    [Fact]
    public async Task Administrator_FromTheCli_SetsUpAccounts_DeactivationEndsAccess_AndARestartKeepsSessions()
    {
        await using var app = new PublishedApp();
        await app.PublishAsync();
        Assert.True(File.Exists(Path.Combine(app.AppFolder, "data", "profiles", "anonymous-bank-weekly.csv")), "the demo data ships with the build");
        Assert.True(File.Exists(Path.Combine(app.AppFolder, "fonts", "roboto-latin-400-normal.woff2")), "the fonts ship with the build");

        var weak = await app.AddUserWithCliAsync("sohel", "Administrator", "password1234");
        Assert.Equal(2, weak.Exit);
        Assert.Contains("common passwords", weak.Output);
        var made = await app.AddUserWithCliAsync("sohel", "Administrator", AdminPassword);
        Assert.True(made.Exit == 0, made.Output);

        await app.StartAsync();
        await using var playwright = new PlaywrightSession();
        var browser = await playwright.LaunchAsync();

        // Sohel signs in and makes a supervisor and an agent account.
        var (admin, adminProblems) = await NewPageAsync(browser, app, 1400, 950);
        await SignInAsync(admin, app, "sohel", AdminPassword);
        await admin.GotoAsync($"{app.BaseUrl}/users");
        await WaitInteractiveAsync(admin);
        var farzanaLink = await CreateAccountAsync(admin, "farzana", "Farzana Akter", "Supervisor", null);
        var tanvirLink = await CreateAccountAsync(admin, "tanvir", null, "Agent", "tanvir");
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "users.png"), FullPage = true });

        // A bad value is refused beside its field, and nothing is made.
        await admin.FillAsync("[data-testid=new-username]", "x");
        await admin.PressAsync("[data-testid=new-username]", "Tab");
        await admin.SelectOptionAsync("[data-testid=new-role]", "Manager");
        await admin.ClickAsync("[data-testid=create-user]");
        await Assertions.Expect(admin.Locator("[data-testid=username-error]")).ToContainTextAsync("2 to 64");
        await Assertions.Expect(admin.Locator("[data-testid=users] tbody tr")).ToHaveCountAsync(3);

        // Farzana sets her password and signs in; she stays signed in through the restart below.
        var (farzana, farzanaProblems) = await NewPageAsync(browser, app, 1400, 950);
        await SetPasswordAsync(farzana, farzanaLink, SupervisorPassword);
        await SignInAsync(farzana, app, "farzana", SupervisorPassword);
        await farzana.GotoAsync($"{app.BaseUrl}/agents");
        await WaitInteractiveAsync(farzana);
        await Assertions.Expect(farzana.Locator("[data-testid=agents] tr", new() { HasText = "Tanvir Ahmed" }).Locator("[data-testid=account]")).ToHaveTextAsync("tanvir (invited)");

        // Tanvir, on his phone: a common password is refused, a good one taken, the link is then used up.
        var (tanvir, tanvirProblems) = await NewPageAsync(browser, app, 390, 844);
        await tanvir.GotoAsync(tanvirLink);
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "set-password-phone.png") });
        await tanvir.FillAsync("#password", "password1234");
        await tanvir.FillAsync("#confirmation", "password1234");
        await tanvir.ClickAsync("button[type=submit]");
        await Assertions.Expect(tanvir.Locator("[data-testid=password-error]")).ToContainTextAsync("common passwords");
        await SetPasswordAsync(tanvir, tanvirLink, AgentPassword);
        await tanvir.GotoAsync(tanvirLink);
        await Assertions.Expect(tanvir.Locator("[data-testid=link-error]")).ToContainTextAsync("already been used");
        await SignInAsync(tanvir, app, "tanvir", AgentPassword);

        // He sees his own schedule, and nothing of the supervisor's or a colleague's.
        await tanvir.GotoAsync($"{app.BaseUrl}/my");
        await WaitInteractiveAsync(tanvir);
        await Assertions.Expect(tanvir.Locator("h4, .mud-typography-h4").First).ToContainTextAsync("My schedule");
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "my-schedule-phone.png") });
        Assert.Equal(403, (await tanvir.APIRequest.GetAsync($"{app.BaseUrl}/api/agents/nadia/shifts")).Status);
        Assert.Equal(200, (await tanvir.APIRequest.GetAsync($"{app.BaseUrl}/api/agents/tanvir/shifts")).Status);
        await tanvir.GotoAsync($"{app.BaseUrl}/roster");
        await Assertions.Expect(tanvir.GetByText("Your role does not allow this page")).ToBeVisibleAsync();
        await tanvir.GotoAsync($"{app.BaseUrl}/my");
        await WaitInteractiveAsync(tanvir);

        // Sohel deactivates Tanvir: his open page loses access within a minute, without his doing anything.
        await admin.ReloadAsync();
        await WaitInteractiveAsync(admin);
        var deactivated = Stopwatch.StartNew();
        await admin.ClickAsync("[data-testid=users] tr[data-user=tanvir] [data-testid=deactivate]");
        await Assertions.Expect(admin.Locator("[data-testid=users] tr[data-user=tanvir] [data-testid=status]")).ToHaveTextAsync("deactivated");
        await tanvir.WaitForURLAsync(new Regex("/login"), new() { Timeout = 60_000 });
        Assert.True(deactivated.Elapsed < TimeSpan.FromSeconds(60), $"access ended after {deactivated.Elapsed.TotalSeconds:0} s");
        output.WriteLine($"The deactivated agent's open page went to the sign-in page {deactivated.Elapsed.TotalSeconds:0.0} s after the click.");
        await tanvir.FillAsync("#userName", "tanvir");
        await tanvir.FillAsync("#password", AgentPassword);
        await tanvir.ClickAsync("[data-testid=sign-in]");
        await Assertions.Expect(tanvir.Locator("[data-testid=login-error]")).ToContainTextAsync("do not match an active account");

        // Friday night: the app is restarted. Farzana is still signed in (the keys are in the database).
        await app.StopAsync();
        var restart = Stopwatch.StartNew();
        await app.StartAsync();
        output.WriteLine($"Restarted and healthy in {restart.Elapsed.TotalSeconds:0.0} s.");
        await farzana.GotoAsync($"{app.BaseUrl}/agents");
        await WaitInteractiveAsync(farzana);
        Assert.EndsWith("/agents", farzana.Url);
        await Assertions.Expect(farzana.Locator("[data-testid=me]")).ToHaveTextAsync("farzana");

        // Nothing came from the internet, and the Content-Security-Policy blocked nothing the pages need.
        Assert.Empty(adminProblems.Concat(farzanaProblems).Concat(tanvirProblems));
    }

    private static async Task<string> CreateAccountAsync(IPage admin, string userName, string? displayName, string role, string? agent)
    {
        await admin.FillAsync("[data-testid=new-username]", userName);
        await admin.PressAsync("[data-testid=new-username]", "Tab");
        if (displayName is not null)
        {
            await admin.FillAsync("[data-testid=new-displayname]", displayName);
            await admin.PressAsync("[data-testid=new-displayname]", "Tab");
        }

        await admin.SelectOptionAsync("[data-testid=new-role]", role);
        if (agent is not null)
        {
            await admin.SelectOptionAsync("[data-testid=new-agent]", agent);
        }

        await admin.ClickAsync("[data-testid=create-user]");
        var link = admin.Locator($"[data-testid=links] tr[data-user={userName}] [data-testid=link]");
        await link.WaitForAsync();
        await Assertions.Expect(admin.Locator($"[data-testid=users] tr[data-user={userName}] [data-testid=status]")).ToContainTextAsync("invited");
        return await link.InnerTextAsync();
    }

    private static async Task SetPasswordAsync(IPage page, string link, string password)
    {
        await page.GotoAsync(link);
        await page.FillAsync("#password", password);
        await page.FillAsync("#confirmation", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(new Regex("/login\\?welcome="));
        await Assertions.Expect(page.Locator("[data-testid=welcome]")).ToBeVisibleAsync();
    }

    private static async Task SignInAsync(IPage page, PublishedApp app, string user, string password)
    {
        if (!page.Url.Contains("/login", StringComparison.Ordinal))
        {
            await page.GotoAsync($"{app.BaseUrl}/login");
        }

        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync($"{app.BaseUrl}/");
    }

    private static async Task WaitInteractiveAsync(IPage page) =>
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>A page in its own browser context, with a list of what went wrong: requests leaving the app, CSP violations, page errors.</summary>
    private static async Task<(IPage Page, List<string> Problems)> NewPageAsync(IBrowser browser, PublishedApp app, int width, int height)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var problems = new List<string>();
        page.Request += (_, r) =>
        {
            if (!r.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                lock (problems) problems.Add($"request to {r.Url}");
            }
        };
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (problems) problems.Add($"CSP: {m.Text}");
            }
        };
        page.PageError += (_, e) =>
        {
            lock (problems) problems.Add($"page error: {e}");
        };
        return (page, problems);
    }

    /// <summary>Playwright with Debian's Chromium (never Playwright's own download).</summary>
    private sealed class PlaywrightSession : IAsyncDisposable
    {
        private IPlaywright? _playwright;
        private IBrowser? _browser;

        public async Task<IBrowser> LaunchAsync()
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = AppFixture.ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            return _browser;
        }

        public async ValueTask DisposeAsync()
        {
            if (_browser is not null) await _browser.DisposeAsync();
            _playwright?.Dispose();
        }
    }
}
