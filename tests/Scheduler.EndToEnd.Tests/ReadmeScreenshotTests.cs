using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Planning;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// The README's screenshots of issue 17, taken on the demo centre's own planning week (60 agents, four queues) rather
/// than on the hand-made two-agent weeks of the feature tests: Rahima generates and publishes the week, enters a weekly
/// coaching (a senior agent coaches four) and a team meeting, places and publishes them, and sends Tanvir or Nadia (the
/// demo agents who can sign in) an overtime offer that they accept. Its own app and database (<see cref="ReadmeCollection"/>): the shared fixture's tests rely on
/// the planning week being unpublished.
/// </summary>
[Collection(ReadmeCollection.Name)]
public sealed partial class ReadmeScreenshotTests(AppFixture app)
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    [Fact]
    public async Task Readme_screenshots_show_activities_and_accepted_overtime_on_the_demo_week()
    {
        var site = new SiteSettings();
        var sunday = NextPlanningWeek(); // the week the demo plans (what /roster opens on)
        var week = Iso(sunday);
        var store = new RosterStore(Factory(), SystemClock.Instance);

        // Rahima generates the demo week (25 s) and publishes it.
        var rahima = await app.SignInAsync("rahima");
        var status = await app.GenerateAndPublishAsync(rahima, sunday, seconds: 25);
        var v1 = (await store.PublishedAsync(site.SiteId, sunday, default))!;
        Assert.True(v1.Roster.Shifts.Select(s => s.AgentId).Distinct().Count() >= 40, "the demo week rosters most of its 60 agents");

        // Who takes part, from the published week: the Dhaka agent whose shifts overlap Tanvir's and Nadia's most
        // coaches them and the two agents who overlap the coach most; the meeting is for four agents starting the
        // same morning shift.
        var shifts = v1.Roster.Shifts.ToLookup(s => s.AgentId);
        var dhakaAgents = v1.Scenario.Agents.Where(a => a.HomeZone == Dhaka).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        Assert.True(shifts.Contains("tanvir") && shifts.Contains("nadia"), "the demo agents who can sign in both work the week");
        int Overlaps(string one, string other) => shifts[one].Count(s => shifts[other].Any(o => o.Date == s.Date && Overlap(s, o) >= Duration.FromHours(2)));
        var others = shifts.Select(g => g.Key).Where(a => a is not ("tanvir" or "nadia") && dhakaAgents.Contains(a)).Order(StringComparer.Ordinal).ToList();
        var coach = others.OrderByDescending(a => Math.Min(Overlaps(a, "tanvir"), Overlaps(a, "nadia"))).ThenByDescending(a => shifts[a].Count()).First();
        var coached = others.Where(a => a != coach).OrderByDescending(a => Overlaps(a, coach)).Take(2).Prepend("nadia").Prepend("tanvir").ToList();
        var meeting = v1.Roster.Shifts.Where(s => s.Date.DayOfWeek is not (IsoDayOfWeek.Friday or IsoDayOfWeek.Saturday) && s.Start.Hour is >= 7 and <= 10 && dhakaAgents.Contains(s.AgentId) && !coached.Contains(s.AgentId) && s.AgentId != coach)
            .GroupBy(s => (s.Date, s.Start)).OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Date).First();
        var meetingAgents = meeting.Select(s => s.AgentId).Order(StringComparer.Ordinal).Take(4).ToList();
        Assert.Equal(4, meetingAgents.Count);

        // The requests, entered through the form.
        await app.OpenAsync(rahima, "/activities");
        await Fill(rahima, "form-id", "coaching");
        await Fill(rahima, "form-name", "Weekly coaching");
        await Fill(rahima, "form-agents", string.Join(", ", coached));
        await Fill(rahima, "form-minutes", "30");
        await Fill(rahima, "form-from", week);
        await Fill(rahima, "form-to", Iso(sunday.PlusDays(6)));
        await Fill(rahima, "form-coach", coach);
        await rahima.ClickAsync("[data-testid=save-activity]");
        var requests = rahima.Locator("[data-testid=activity-requests]");
        await Assertions.Expect(requests).ToContainTextAsync($"coaching 'Weekly coaching': {string.Join(", ", coached)}, 30 min every week");

        await rahima.Locator("[data-testid=activity-form] label:has-text('Meeting')").ClickAsync();
        await Fill(rahima, "form-id", "team-meeting");
        await Fill(rahima, "form-name", "Team meeting");
        await Fill(rahima, "form-agents", string.Join(", ", meetingAgents));
        await Fill(rahima, "form-minutes", "60");
        await Fill(rahima, "form-from", Iso(meeting.Key.Date));
        await Fill(rahima, "form-to", Iso(meeting.Key.Date));
        await Fill(rahima, "form-coach", string.Empty);
        await rahima.Locator("[data-testid=activity-form] label:has-text('Everyone together')").ClickAsync();
        await rahima.ClickAsync("[data-testid=save-activity]");
        await Assertions.Expect(requests).ToContainTextAsync($"meeting 'Team meeting': {string.Join(", ", meetingAgents)}, 60 min every week");

        // Placed on the published week: the next draft holds them, shown inside the shift bars; published as v2.
        await app.OpenAsync(rahima, $"/roster?week={week}");
        await Assertions.Expect(status).ToHaveTextAsync("Published v1");
        await rahima.ClickAsync("[data-testid=place-activities]");
        var placedAlert = rahima.Locator("[data-testid=activities-placed]");
        await Assertions.Expect(placedAlert).ToContainTextAsync("placed in draft v2", new() { Timeout = 90_000 });
        var placed = int.Parse(PlacedCount().Match(await placedAlert.InnerTextAsync()).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(placed >= 3, $"at least three of the five sessions placed, not {placed}: {await rahima.Locator("[data-testid=activities-panel]").InnerTextAsync()}");
        await Assertions.Expect(status).ToHaveTextAsync("Draft v2");
        var markers = rahima.Locator("[data-testid=activity-marker]");
        Assert.True(await markers.CountAsync() >= placed, "each placed session marks its agents' shift bars");
        await Assertions.Expect(rahima.Locator("[data-testid=activity-marker][title*='Team meeting']")).ToHaveCountAsync(4); // together: one hour, four agents
        await rahima.ClickAsync("[data-testid=publish]");
        await Assertions.Expect(status).ToHaveTextAsync("Published v2");

        // Tanvir's last shift of the week without a session on it is released (a hand edit, published as v3): the
        // short 60-agent week has every full-timer on six days, so only a free day leaves room for an overtime shift.
        var v2 = (await store.PublishedAsync(site.SiteId, sunday, default))!;
        var released = v2.Roster.For("tanvir").Where(s => !v2.Roster.Activities.Any(a => a.People.Contains("tanvir") && a.Start.InZone(Dhaka).Date == s.Date))
            .OrderBy(s => s.Date).Last();
        var draft = await store.SaveEditAsync(v2.Entity.Id, v2.Entity.Version, v2.Roster with { Shifts = [.. v2.Roster.Shifts.Where(s => !ReferenceEquals(s, released))] }, "rahima", default);
        await store.PublishAsync(draft.Id, draft.Version, "rahima", default);
        await app.OpenAsync(rahima, $"/roster?week={week}");
        await Assertions.Expect(status).ToHaveTextAsync("Published v3");

        // Overtime proposed on the published week; one offer is sent.
        await rahima.ClickAsync("[data-testid=propose-overtime]");
        var proposals = rahima.Locator("[data-testid=overtime-proposals] tbody tr[data-kind=overtime]"); // not the time-off ones
        await Assertions.Expect(proposals.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // The demo's agents with a sign-in are Tanvir and Nadia: the offer goes to the first of them proposed. Which
        // agents the proposer finds depends on the solve (Tanvir often works six days, with no free day left for an
        // extra shift); when neither is proposed, the first proposed agent gets Nadia's demo sign-in, relinked in the
        // database as an administrator would link an account to an agent, so that agent can accept on their phone.
        var (user, name) = (string.Empty, string.Empty);
        foreach (var (u, n) in new[] { ("tanvir", "Tanvir Ahmed"), ("nadia", "Nadia Rahman") })
        {
            if (await proposals.Filter(new() { HasText = n }).CountAsync() > 0)
            {
                (user, name) = (u, n);
                break;
            }
        }

        string agentId;
        if (user.Length > 0)
        {
            agentId = user;
        }
        else
        {
            name = (await proposals.First.Locator("td.agent").InnerTextAsync()).Trim();
            await using var db = Factory().CreateDbContext();
            agentId = await db.Agents.Where(a => a.Name == name).Select(a => a.Id).SingleAsync();
            var account = await db.Users.SingleAsync(u => u.UserName == "nadia");
            account.AgentId = agentId;
            await db.SaveChangesAsync();
            user = "nadia";
        }

        await proposals.Filter(new() { HasText = name }).First.Locator("[data-testid=send-offer]").ClickAsync();
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-message]")).ToContainTextAsync($"sent to {name}");
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-offers]")).ToContainTextAsync("waiting for the agent");

        // The agent accepts on their home page: version 4 is published with the overtime and keeps the activities.
        var agent = await app.SignInAsync(user);
        await app.OpenAsync(agent, "/");
        var offer = agent.Locator("[data-testid=offer]").Filter(new() { Has = agent.Locator("[data-testid=accept-offer]") });
        await Assertions.Expect(offer).ToHaveCountAsync(1);
        await offer.Locator("[data-testid=accept-offer]").ClickAsync();
        await Assertions.Expect(agent.Locator("[data-testid=offer-message]")).ToContainTextAsync("published as version 4 of the week", new() { Timeout = 30_000 });
        var v3 = (await store.PublishedAsync(site.SiteId, sunday, default))!;
        Assert.Equal(4, v3.Entity.Number);
        var extra = Assert.Single(v3.Roster.Shifts, s => s.AgentId == agentId && s.Overtime > Duration.Zero);
        Assert.Equal(placed, v3.Roster.Activities.Count); // the overtime version keeps every placed session

        // readme-roster: the published v4, its overtime panel, and the grid scrolled to the overtime shift.
        await app.OpenAsync(rahima, $"/roster?week={week}");
        await Assertions.Expect(status).ToHaveTextAsync("Published v4");
        await Assertions.Expect(rahima.Locator("[data-testid=job-message]")).ToHaveCountAsync(0); // v1's "saved" is not news beside v4
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-summary]")).ToContainTextAsync(new Regex(@"Overtime [1-9][\d.]* h"));
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-offers] [data-testid=offer-status]").First).ToContainTextAsync("accepted");
        await Assertions.Expect(markers.First).ToBeVisibleAsync();
        Assert.Equal(v3.Roster.Activities.Sum(a => a.People.Count()), await markers.CountAsync());
        // One bar per day the extra shift touches: two when it runs past midnight.
        var overtimeBars = rahima.Locator("[data-testid=overtime-bar]");
        var pastMidnight = (extra.Start.TickOfDay / NodaConstants.TicksPerMinute) + (long)extra.Length.TotalMinutes > 24 * 60;
        await Assertions.Expect(overtimeBars).ToHaveCountAsync(pastMidnight ? 2 : 1);
        var overtimeBar = overtimeBars.First;
        await Assertions.Expect(overtimeBar).ToHaveAttributeAsync("title", new Regex($@"{extra.Overtime.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)} h overtime\)"));
        await Shots(rahima, "readme-roster", rahima.Locator(".roster-grid-wrap"), overtimeBar);

        // readme-my-week: the agent's week with the coaching and the overtime shift.
        await app.OpenAsync(agent, $"/my?week={week}");
        await Assertions.Expect(agent.Locator("[data-testid=overtime-tag]")).ToHaveCountAsync(1);
        await Assertions.Expect(agent.Locator("[data-testid=my-week]")).ToContainTextAsync($"{new Scheduler.Web.Localization.UiFormat(CultureInfo.InvariantCulture, nativeDigits: false).Hours(extra.Overtime)} overtime"); // "2 h 30 min overtime"
        if (v3.Roster.Activities.Any(a => a.AgentIds.Contains(agentId)))
        {
            await Assertions.Expect(agent.Locator("[data-testid=my-activities]").Filter(new() { HasText = "Coaching: Weekly coaching" })).ToHaveCountAsync(1);
        }

        await Shots(agent, "readme-my-week", null, agent.Locator("[data-testid=overtime-tag]"));

        // readme-coverage: Karim's map of the published week, hours with agents on an activity marked "act".
        var karim = await app.SignInAsync("karim");
        await app.OpenAsync(karim, $"/coverage?week={week}");
        await Assertions.Expect(karim.Locator("[data-testid=coverage-map] tbody tr")).ToHaveCountAsync(7, new() { Timeout = 60_000 });
        var onActivity = karim.Locator("[data-testid=on-activity]");
        Assert.True(await onActivity.CountAsync() >= 2, "the coaching and meeting hours are marked on the map");
        await Shots(karim, "readme-coverage", karim.Locator(".heatmap-wrap + .mud-typography"), onActivity.First);

        await rahima.Context.DisposeAsync();
        await agent.Context.DisposeAsync();
        await karim.Context.DisposeAsync();
    }

    /// <summary>
    /// A desktop (1600×1000) and a phone (390×844) screenshot of the page from its top down to the bottom of
    /// <paramref name="upTo"/> (the whole page when null), after scrolling <paramref name="focus"/> into view inside its
    /// scroll box (the phone's page opened afresh at its size); the page itself must not scroll sideways at either size.
    /// </summary>
    private static async Task Shots(IPage page, string name, ILocator? upTo, ILocator? focus)
    {
        foreach (var (width, height, suffix) in new[] { (1600, 1000, string.Empty), (390, 844, "-phone") })
        {
            await page.SetViewportSizeAsync(width, height);
            if (width != 1600)
            {
                // Opened afresh at this size: a resized page animates its navigation drawer closed, and a shot taken
                // meanwhile shows the content pushed aside.
                await page.ReloadAsync();
                await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            }

            try
            {
                // The layout follows the new size a moment later (the navigation drawer closes below a breakpoint).
                await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth", null, new() { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // asserted below, naming the widest elements
            }

            if (focus is not null && await focus.IsVisibleAsync()) // on a phone My schedule's table gives way to day cards
            {
                await focus.ScrollIntoViewIfNeededAsync();
            }

            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            var widest = await page.EvaluateAsync<string>("""
                () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                    .slice(0, 8).map(e => e.tagName + '.' + e.className + '[' + (e.dataset.testid || '') + '] ' + Math.round(e.getBoundingClientRect().right) + (e.tagName === 'TD' ? ' "' + e.textContent.trim().slice(0, 60) + '"' : '')).join('; ')
                """);
            Assert.True(overflow <= 0, $"{name} at {width} px is {overflow} px wider than the screen: {widest}");
            var options = new PageScreenshotOptions { Path = Shot($"{name}{suffix}.png"), FullPage = true };
            if (upTo is not null && await upTo.BoundingBoxAsync() is { } box)
            {
                options.Clip = new Clip { X = 0, Y = 0, Width = width, Height = box.Y + box.Height + 12 };
            }

            await page.ScreenshotAsync(options);
        }

        await page.SetViewportSizeAsync(1600, 1000);
    }

    /// <summary>How long two shifts of one day overlap (site times; a night's end past midnight counts on its day).</summary>
    private static Duration Overlap(ShiftAssignment a, ShiftAssignment b)
    {
        static (long From, long To) Span(ShiftAssignment s) => (s.Start.TickOfDay / NodaConstants.TicksPerMinute, (s.Start.TickOfDay / NodaConstants.TicksPerMinute) + (long)s.Length.TotalMinutes);
        var (x, y) = (Span(a), Span(b));
        return Duration.FromMinutes(Math.Max(0, Math.Min(x.To, y.To) - Math.Max(x.From, y.From)));
    }

    /// <summary>As <see cref="PlanningService.NextPlanningWeek"/>: the first Sunday a week or more from today in Dhaka.</summary>
    private static LocalDate NextPlanningWeek()
    {
        var start = SystemClock.Instance.GetCurrentInstant().InZone(Dhaka).Date.PlusWeeks(1);
        while (start.DayOfWeek != IsoDayOfWeek.Sunday)
        {
            start = start.PlusDays(1);
        }

        return start;
    }

    private static async Task Fill(IPage page, string testId, string value) =>
        await page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First.FillAsync(value);

    private static string Shot(string name) => Path.Combine(AppFixture.ScreenshotFolder, name);

    private IDbContextFactory<SchedulerDbContext> Factory() =>
        new DbFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataFolder, "scheduler.db")}").Options);

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+) placed in draft")]
    private static partial Regex PlacedCount();

    private sealed class DbFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}

/// <summary>
/// The README screenshot test's own app and database, apart from the shared <see cref="AppCollection"/>. It runs alone,
/// after the collections that run in parallel: its demo-week solve beside the shared app's made the other browser tests
/// miss their time limits on a 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReadmeCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "readme";
}
