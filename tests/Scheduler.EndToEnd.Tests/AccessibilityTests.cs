using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// The pages each role opens most (sign-in, home, roster, coverage, my schedule, swaps) pass axe-core's WCAG 2.1 A and
/// AA rules with no serious or critical violation, in English and in Bangla, and in Bangla show no English left.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AccessibilityTests(AppFixture app)
{
    [Fact]
    public async Task The_sign_in_page_passes_in_both_languages()
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/login");
        await PageChecks.AssertAccessibleAsync(page);
        await page.ClickAsync("[data-testid=language-switch]");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await PageChecks.AssertAccessibleAsync(page);
        await PageChecks.AssertAllBanglaAsync(page);
        await context.CloseAsync();
    }

    [Theory]
    [InlineData("rahima", "/")]
    [InlineData("rahima", "/roster")]
    [InlineData("rahima", "/coverage")]
    [InlineData("karim", "/")]
    [InlineData("tanvir", "/")]
    [InlineData("tanvir", "/my")]
    [InlineData("tanvir", "/swaps")]
    public async Task A_main_page_passes_in_English_and_in_Bangla(string user, string path)
    {
        var page = await app.SignInAsync(user);
        try
        {
            await app.OpenAsync(page, path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await PageChecks.AssertAccessibleAsync(page);

            await page.ClickAsync("[data-testid=language-switch]");
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
            await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await PageChecks.AssertAccessibleAsync(page);
            await PageChecks.AssertAllBanglaAsync(page);
        }
        finally
        {
            if (await page.Locator("html").GetAttributeAsync("lang") == "bn")
            {
                await page.ClickAsync("[data-testid=language-switch]");
                await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
            }

            await page.Context.CloseAsync();
        }
    }
}
