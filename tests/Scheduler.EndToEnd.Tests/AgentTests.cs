using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>Tanvir, agent: his own schedule and calendar feed, and nothing of anyone else's.</summary>
[Collection(AppCollection.Name)]
public sealed class AgentTests(AppFixture app)
{
    [Fact]
    public async Task Agent_opens_my_schedule_and_subscribes_to_a_working_feed_that_a_guessed_token_cannot_read()
    {
        var page = await app.SignInAsync("tanvir");
        await app.OpenAsync(page, "/my");
        await Assertions.Expect(page.Locator("[data-testid=my-week] tbody tr")).ToHaveCountAsync(7);
        var url = await AppFixture.FeedUrlAsync(page);
        Assert.StartsWith($"{app.BaseUrl}/calendar/", url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "my-schedule.png"), FullPage = true });

        var feed = await page.APIRequest.GetAsync(url);
        Assert.Equal(200, feed.Status);
        Assert.Contains("BEGIN:VCALENDAR", await feed.TextAsync());
        Assert.Contains("Tanvir", await feed.TextAsync());
        var guessed = await page.APIRequest.GetAsync($"{app.BaseUrl}/calendar/{new string('0', 48)}.ics");
        Assert.Equal(404, guessed.Status);
        await page.Context.DisposeAsync();
    }
}
