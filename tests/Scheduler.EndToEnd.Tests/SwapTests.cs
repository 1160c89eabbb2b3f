using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Tests;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// A swap from proposal to the manager's heatmap and the agent's calendar: Tanvir's swap that would break a colleague's
/// rest is refused with the reason; his swap with Nadia is accepted by her and approved by Rahima, after which Karim's
/// coverage map and Tanvir's feed both change; and Tanvir's crafted requests for others' data are refused.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class SwapTests(AppFixture app)
{
    [Fact]
    public async Task A_swap_breaking_rest_is_refused_and_an_approved_swap_changes_the_heatmap_and_the_feed()
    {
        var (sunday, scenario, roster) = await PublishSwapWeekAsync();
        var wednesday = sunday.PlusDays(3);
        var thursday = sunday.PlusDays(4);
        var cell = $"td[title^='{wednesday.ToString("ddd d MMM", CultureInfo.InvariantCulture)} 08:00:']";

        // Tanvir: giving his Tuesday to a003, who works the Monday night, is refused with the reason.
        var tanvir = await app.SignInAsync("tanvir");
        await app.OpenAsync(tanvir, "/swaps");
        await tanvir.SelectOptionAsync("[data-testid=my-shift]", Iso(sunday.PlusDays(2)));
        await tanvir.SelectOptionAsync("[data-testid=colleague]", "a003");
        await tanvir.ClickAsync("[data-testid=check]");
        var verdict = tanvir.Locator("[data-testid=verdict]");
        await Assertions.Expect(verdict).ToContainTextAsync("Not allowed");
        await Assertions.Expect(verdict).ToContainTextAsync("rests 2 h");
        await Assertions.Expect(tanvir.Locator("[data-testid=send]")).ToBeDisabledAsync();
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "swap-refused.png"), FullPage = true });

        // His Wednesday for Nadia's Thursday is allowed; he sees what it does to coverage, then sends it.
        await tanvir.SelectOptionAsync("[data-testid=my-shift]", Iso(wednesday));
        await tanvir.SelectOptionAsync("[data-testid=colleague]", "nadia");
        await tanvir.SelectOptionAsync("[data-testid=return]", Iso(thursday));
        await tanvir.ClickAsync("[data-testid=check]");
        await Assertions.Expect(verdict).ToContainTextAsync("Allowed");
        await Assertions.Expect(tanvir.Locator("[data-testid=change-preview] table")).ToContainTextAsync("voice-en");
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "swaps.png"), FullPage = true });
        await tanvir.ClickAsync("[data-testid=send]");
        await Assertions.Expect(tanvir.Locator("[data-testid=message]")).ToContainTextAsync("Sent");

        // Before approval: the manager's map shows both Wednesday agents, Tanvir's feed holds his Wednesday.
        var karim = await app.SignInAsync("karim");
        await OpenCoverageWeekAsync(karim, sunday);
        await Assertions.Expect(karim.Locator(cell)).ToHaveTextAsync("2/2");
        await app.OpenAsync(tanvir, "/my");
        var feedUrl = await AppFixture.FeedUrlAsync(tanvir);
        var feed = await (await tanvir.APIRequest.GetAsync(feedUrl)).TextAsync();
        Assert.Contains($"tanvir-{Iso(wednesday)}@scheduler", feed);
        Assert.DoesNotContain($"tanvir-{Iso(thursday)}@scheduler", feed);

        // Nadia accepts; Rahima sees it with its effect and approves.
        var nadia = await app.SignInAsync("nadia");
        await app.OpenAsync(nadia, "/swaps");
        await nadia.Locator("[data-testid=asked-of-me]").GetByText("Accept").ClickAsync();
        await Assertions.Expect(nadia.Locator("[data-testid=message]")).ToContainTextAsync("waiting for a supervisor");

        // Meanwhile Rahima has started a hand edit of version 1: a014 also works Saturday (draft version 2).
        var store = new RosterStore(Factory(), SystemClock.Instance);
        var v1 = (await store.PublishedAsync("dhaka", sunday, default))!;
        var saturday = new ShiftOption(scenario, scenario.Template("ft8"), sunday.PlusDays(6), new LocalTime(8, 0), Duration.FromHours(8)).Assign("a014", scenario.IntervalLength);
        await store.SaveEditAsync(v1.Entity.Id, v1.Entity.Version, new Scheduler.Domain.Rostering.Roster([.. roster.Shifts, saturday]), "rahima", default);

        var rahima = await app.SignInAsync("rahima");
        await app.OpenAsync(rahima, "/approvals");
        var pending = rahima.Locator("[data-testid=pending-request]").Filter(new() { HasText = "Tanvir" });
        await Assertions.Expect(pending.Locator("[data-testid=verdict]")).ToContainTextAsync("Allowed");
        await Assertions.Expect(pending).ToContainTextAsync($"swap: shift of {wednesday.ToString("ddd d MMM", CultureInfo.InvariantCulture)} for {thursday.ToString("ddd d MMM", CultureInfo.InvariantCulture)} with Nadia Rahman");
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "approvals.png"), FullPage = true });
        await pending.Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(rahima.Locator("[data-testid=message]")).ToContainTextAsync("Approved");

        // Her draft was based on version 1; the approval published version 3. Publishing the draft would throw the swap
        // away, so it is refused with what came in between, and a rebase keeps both.
        await app.OpenAsync(rahima, $"/roster?week={Iso(sunday)}&version=2");
        var rosterStatus = rahima.Locator("[data-testid=status]");
        await Assertions.Expect(rosterStatus).ToHaveTextAsync("Draft v2");
        await rahima.ClickAsync("[data-testid=publish]");
        var stale = rahima.Locator("[data-testid=stale]");
        await Assertions.Expect(stale).ToContainTextAsync("began from version 1");
        await Assertions.Expect(stale).ToContainTextAsync("version 3 (approved request");
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "roster-publish-refused-stale.png") });
        Assert.Equal(3, (await store.PublishedAsync("dhaka", sunday, default))!.Entity.Number); // nothing was published
        await rahima.ClickAsync("[data-testid=rebase]");
        await ExpectStatusAsync(rahima, rosterStatus, "Draft v4");
        await rahima.ClickAsync("[data-testid=publish]");
        await ExpectStatusAsync(rahima, rosterStatus, "Published v4");
        var v4 = (await store.PublishedAsync("dhaka", sunday, default))!;
        Assert.Equal(4, v4.Entity.Number);
        Assert.DoesNotContain(v4.Roster.Shifts, s => s.AgentId == "tanvir" && s.Date == wednesday); // the swap stayed
        Assert.Contains(v4.Roster.Shifts, s => s.AgentId == "nadia" && s.Date == wednesday);
        Assert.Contains(v4.Roster.Shifts, s => s.AgentId == "a014" && s.Date == sunday.PlusDays(6)); // and so did her edit

        // The week's history: every version with why and by whom, and what changed between any two.
        await app.OpenAsync(rahima, $"/roster/history?week={Iso(sunday)}");
        await Assertions.Expect(rahima.Locator("[data-testid=versions] tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(rahima.Locator("[data-testid=versions]")).ToContainTextAsync("approved request");
        await Assertions.Expect(rahima.Locator("[data-testid=diff-summary]")).ToHaveTextAsync("1 added, 0 removed, 0 moved"); // v3 -> v4: a014's Saturday
        await rahima.SelectOptionAsync("[data-testid=diff-from]", v1.Entity.Id.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(rahima.Locator("[data-testid=diff]")).ToContainTextAsync("Nadia");
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "roster-history.png"), FullPage = true });

        // After: Nadia (no English) holds Wednesday, so the English calls at 08:00 lose their agent; the feed follows.
        await OpenCoverageWeekAsync(karim, sunday);
        await Assertions.Expect(karim.Locator(cell)).ToHaveTextAsync("1/2");
        await karim.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "coverage-after-swap.png"), FullPage = true });
        feed = await (await tanvir.APIRequest.GetAsync(feedUrl)).TextAsync();
        Assert.DoesNotContain($"tanvir-{Iso(wednesday)}@scheduler", feed);
        Assert.Contains($"tanvir-{Iso(thursday)}@scheduler", feed);

        // Tanvir's week and month show the swapped shifts.
        await app.OpenAsync(tanvir, $"/my?week={Iso(sunday)}");
        var week = tanvir.Locator("[data-testid=my-week] tbody tr");
        await Assertions.Expect(week).ToHaveCountAsync(7);
        await Assertions.Expect(week.Nth(3)).ToContainTextAsync("off"); // Wednesday, now Nadia's
        await Assertions.Expect(week.Nth(4)).ToContainTextAsync("08:00-16:00"); // Thursday, once Nadia's
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "my-week.png"), FullPage = true });
        await tanvir.ClickAsync("[data-testid=month-view]");
        await Assertions.Expect(tanvir.Locator("[data-testid=my-month] .shift")).Not.ToHaveCountAsync(0);
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "my-month.png"), FullPage = true });

        // Crafted requests for someone else's data are refused.
        Assert.Equal(403, (await tanvir.APIRequest.GetAsync($"{app.BaseUrl}/api/agents/nadia/shifts?from={Iso(sunday)}")).Status);
        Assert.Equal(200, (await tanvir.APIRequest.GetAsync($"{app.BaseUrl}/api/agents/tanvir/shifts?from={Iso(sunday)}")).Status);
        using var mine = JsonDocument.Parse(await (await tanvir.APIRequest.GetAsync($"{app.BaseUrl}/api/requests")).TextAsync());
        var id = mine.RootElement.EnumerateArray().Single(r => r.GetProperty("requester").GetString() == "tanvir" && r.GetProperty("status").GetString() == "Approved").GetProperty("id").GetInt64();
        var fromThisSite = new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["X-Scheduler-Request"] = "1" } };
        var accept = await tanvir.APIRequest.PostAsync($"{app.BaseUrl}/api/requests/{id}/accept", fromThisSite);
        Assert.Equal(403, accept.Status); // addressed to Nadia
        Assert.DoesNotContain("Cross-site", await accept.TextAsync()); // refused for whose it is, not for where it came from
        Assert.Equal(403, (await tanvir.APIRequest.PostAsync($"{app.BaseUrl}/api/requests/{id}/approve", fromThisSite)).Status); // a supervisor's
        var karimReads = await karim.APIRequest.GetAsync($"{app.BaseUrl}/api/requests/{id}");
        Assert.Equal(403, karimReads.Status); // a manager reads coverage, not agents' requests
        // The audit log holds every step, each with the person who took it.
        await app.OpenAsync(rahima, "/audit");
        var audit = rahima.Locator("[data-testid=audit] tbody");
        foreach (var (who, what) in new[] { ("tanvir", "request.create"), ("nadia", "request.accept"), ("rahima", "request.approve"), ("rahima", "roster.edit"), ("rahima", "roster.rebase"), ("rahima", "roster.publish") })
        {
            await Assertions.Expect(audit.Locator("tr").Filter(new() { HasText = what }).Filter(new() { HasText = who }).First).ToBeVisibleAsync();
        }

        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "audit.png") });
        var export = await rahima.APIRequest.GetAsync($"{app.BaseUrl}/audit/export.csv?what=roster");
        Assert.Equal(200, export.Status);
        Assert.Contains("roster.rebase", await export.TextAsync());
        foreach (var page in new[] { tanvir, karim, nadia, rahima })
        {
            await page.Context.DisposeAsync();
        }
    }

    /// <summary>The roster's status chip reaches <paramref name="text"/> (a rebase validates and reloads the week: give it time on a loaded machine); else say what the page and the app said.</summary>
    private async Task ExpectStatusAsync(IPage page, ILocator status, string text)
    {
        try
        {
            await Assertions.Expect(status).ToHaveTextAsync(text, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            var alerts = string.Join(" | ", await page.Locator(".mud-alert, .mud-snackbar").AllInnerTextsAsync());
            throw new Xunit.Sdk.XunitException($"status never became '{text}': {e.Message}\npage says: {alerts}\napp log:\n{app.AppLog}");
        }
    }

    private async Task OpenCoverageWeekAsync(IPage page, LocalDate sunday)
    {
        await app.OpenAsync(page, "/coverage");
        var heading = $"week of {sunday.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";
        for (var i = 0; i < 6 && !(await page.GetByText(heading).CountAsync() > 0); i++)
        {
            await page.GetByText("Next week").ClickAsync();
            await page.WaitForTimeoutAsync(300);
        }

        await Assertions.Expect(page.GetByText(heading)).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=coverage-map]")).ToBeVisibleAsync();
    }

    /// <summary>The hand-made week, published in the running app's database three weeks ahead (clear of the week the supervisor tests plan).</summary>
    private async Task<(LocalDate Sunday, Scheduler.Domain.Rostering.RosterScenario Scenario, Scheduler.Domain.Rostering.Roster Roster)> PublishSwapWeekAsync()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).Date;
        var sunday = today.PlusWeeks(1);
        while (sunday.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            sunday = sunday.PlusDays(1);
        }

        sunday = sunday.PlusWeeks(2);
        var factory = Factory();
        var (scenario, roster, _) = await SwapWeek.PublishAsync(factory, new RosterStore(factory, SystemClock.Instance), sunday);
        return (sunday, scenario, roster);
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
