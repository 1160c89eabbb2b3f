using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>The language switch: on the sign-in page before sign-in, and stored with the account after it.</summary>
[Collection(AppCollection.Name)]
public sealed class LanguageTests(AppFixture app)
{
    [Fact]
    public async Task The_switch_changes_the_menu_to_Bangla_and_the_choice_stays_with_the_account()
    {
        var page = await app.SignInAsync("nadia");
        await app.OpenAsync(page, "/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await page.ClickAsync("[data-testid=language-switch]");
        await page.WaitForURLAsync($"{app.BaseUrl}/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await Assertions.Expect(page.Locator(".mud-navmenu")).ToContainTextAsync("আমার সময়সূচি");

        // A new browser (no language cookie) signing in as the same user reads Bangla: the choice is the account's.
        var again = await app.SignInAsync("nadia");
        await Assertions.Expect(again.Locator(".mud-navmenu")).ToContainTextAsync("বদল ও ছুটি");

        // Back to English for the other tests that sign in as Nadia.
        await again.ClickAsync("[data-testid=language-switch]");
        await Assertions.Expect(again.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public async Task The_sign_in_page_can_be_read_in_Bangla_before_signing_in()
    {
        var context = await app.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseUrl}/login");
        await page.ClickAsync("[data-testid=language-switch]");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "bn");
        await context.CloseAsync();
    }
}
