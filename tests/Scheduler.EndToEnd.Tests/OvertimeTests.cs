using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Planning;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Issue 17's overtime, end to end: a published week is short on Thursday; Rahima sees the proposals on the roster
/// page and sends Tanvir (who agreed to overtime) the extra shift; Tanvir accepts it on his home page, which publishes
/// the week's next version with the shift marked as overtime, and his schedule and the week's summary show it.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OvertimeTests(AppFixture app)
{
    [Fact]
    public async Task An_overtime_offer_sent_by_the_supervisor_and_accepted_by_the_agent_is_published_as_the_next_version()
    {
        var (sunday, thursday) = await PublishShortWeekAsync();
        var store = new RosterStore(Factory(), SystemClock.Instance);
        var thursdayLabel = thursday.ToString("ddd d MMM", CultureInfo.InvariantCulture);

        // Rahima: the published week, its proposals (Tanvir's extra Thursday first), and an offer sent.
        var rahima = await app.SignInAsync("rahima");
        await app.OpenAsync(rahima, $"/roster?week={Iso(sunday)}");
        await Assertions.Expect(rahima.Locator("[data-testid=status]")).ToHaveTextAsync("Published v1");
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-summary]")).ToContainTextAsync("Overtime 0 h");
        await rahima.ClickAsync("[data-testid=propose-overtime]");
        var proposals = rahima.Locator("[data-testid=overtime-proposals] tbody tr");
        var first = proposals.First;
        await Assertions.Expect(first).ToContainTextAsync("Tanvir Ahmed", new() { Timeout = 60_000 });
        await Assertions.Expect(first).ToContainTextAsync($"{thursdayLabel}: extra shift 08:00-16:00");
        await Assertions.Expect(proposals.Filter(new() { HasText = "a014" })).ToHaveCountAsync(0); // no consent, no offer
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("overtime-proposals.png"), FullPage = true });
        await first.Locator("[data-testid=send-offer]").ClickAsync();
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-message]")).ToContainTextAsync("sent to Tanvir Ahmed");
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-offers]")).ToContainTextAsync("waiting for the agent");
        await rahima.SetViewportSizeAsync(390, 844);
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("overtime-proposals-phone.png"), FullPage = true });
        await rahima.SetViewportSizeAsync(1600, 1000);

        // Tanvir, on his phone: the offer on his home page; he accepts it.
        var tanvir = await app.SignInAsync("tanvir");
        await tanvir.SetViewportSizeAsync(390, 844);
        await app.OpenAsync(tanvir, "/");
        var offer = tanvir.Locator("[data-testid=offer]").Filter(new() { HasText = thursday.ToString("dddd d MMM", CultureInfo.InvariantCulture) });
        await Assertions.Expect(offer).ToContainTextAsync("7 h 30 min extra, paid as overtime");
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("overtime-offer-phone.png"), FullPage = true });
        await offer.Locator("[data-testid=accept-offer]").ClickAsync();
        await Assertions.Expect(tanvir.Locator("[data-testid=offer-message]")).ToContainTextAsync("published as version 2 of the week", new() { Timeout = 30_000 });
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("overtime-offer-accepted-phone.png"), FullPage = true });

        // The next version holds the shift as overtime, and the validator finds nothing wrong with it.
        var v2 = (await store.PublishedAsync("dhaka", sunday, default))!;
        Assert.Equal(2, v2.Entity.Number);
        Assert.StartsWith("overtime accepted by Tanvir Ahmed, offer ", v2.Entity.Reason, StringComparison.Ordinal);
        var extra = Assert.Single(v2.Roster.Shifts, s => s.AgentId == "tanvir" && s.Date == thursday);
        Assert.Equal(Duration.FromHours(7.5), extra.Overtime);
        var report = RosterValidator.Validate(v2.Scenario, v2.Roster);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        // Thursday was short all 32 quarter-hours; now only while Tanvir is on his three breaks (15 + 30 + 15 minutes).
        Assert.Equal(4, report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage && c.Date == thursday).Sum(c => c.Units));

        // His week shows the Thursday as overtime, on his phone and on a desktop.
        await app.OpenAsync(tanvir, $"/my?week={Iso(sunday)}");
        await Assertions.Expect(tanvir.Locator("[data-testid=my-week] tbody tr").Nth(4)).ToContainTextAsync("7 h 30 min overtime");
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("overtime-my-week-phone.png"), FullPage = true });
        await tanvir.SetViewportSizeAsync(1600, 1000);
        await app.OpenAsync(tanvir, $"/my?week={Iso(sunday)}");
        await Assertions.Expect(tanvir.Locator("[data-testid=my-week] tbody tr").Nth(4)).ToContainTextAsync("08:00-16:00");
        await Assertions.Expect(tanvir.Locator("[data-testid=my-week] tbody tr").Nth(4)).ToContainTextAsync("7 h 30 min overtime");
        await Assertions.Expect(tanvir.Locator("[data-testid=my-week] tbody tr").Nth(3).Locator("[data-testid=overtime-tag]")).ToHaveCountAsync(0);
        await tanvir.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("overtime-my-week.png"), FullPage = true });

        // Rahima's week summary: 7.5 h of overtime at 200 taka × 200 %.
        await app.OpenAsync(rahima, $"/roster?week={Iso(sunday)}");
        await Assertions.Expect(rahima.Locator("[data-testid=status]")).ToHaveTextAsync("Published v2");
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-summary]")).ToContainTextAsync("Overtime 7 h 30 min, cost 3,000");
        await Assertions.Expect(rahima.Locator("[data-testid=overtime-offers] [data-testid=offer-status]").First).ToContainTextAsync("accepted");
        await rahima.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("overtime-roster-summary.png") });

        // The audit log holds both steps, each with who took it.
        await app.OpenAsync(rahima, "/audit");
        var audit = rahima.Locator("[data-testid=audit] tbody");
        await Assertions.Expect(audit.Locator("tr").Filter(new() { HasText = "overtime.send" }).Filter(new() { HasText = "rahima" }).First).ToBeVisibleAsync();
        await Assertions.Expect(audit.Locator("tr").Filter(new() { HasText = "overtime.accept" }).Filter(new() { HasText = "tanvir" }).First).ToBeVisibleAsync();
        await rahima.Context.DisposeAsync();
        await tanvir.Context.DisposeAsync();
    }

    /// <summary>
    /// A hand-made week, sixteen weeks ahead (clear of every other test's weeks): one voice-bn agent needed 08:00-16:00
    /// Sunday to Thursday; Tanvir works Sunday to Wednesday and his contract is full (30 of 32 paid hours), so Thursday
    /// can only be overtime. He agreed to 8 h a week at 200 taka an hour; a014 did not agree.
    /// </summary>
    private async Task<(LocalDate Sunday, LocalDate Thursday)> PublishShortWeekAsync()
    {
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).Date;
        var sunday = today.PlusWeeks(16).Previous(IsoDayOfWeek.Sunday);
        var factory = Factory();
        var site = new SiteSettings();
        List<RosterAgent> agents;
        await using (var db = await factory.CreateDbContextAsync())
        {
            foreach (var a in await db.Agents.Where(a => a.Id == "tanvir" || a.Id == "a014").ToListAsync())
            {
                (a.OvertimeConsent, a.OvertimeCapPerWeek, a.HourlyCost, a.Version) = (a.Id == "tanvir", Duration.FromHours(8), 200, Guid.NewGuid());
            }

            await db.SaveChangesAsync();
            agents = [.. (await db.Agents.AsNoTracking().Where(a => a.Id == "tanvir" || a.Id == "a014").ToListAsync())
                .OrderBy(a => a.Id, StringComparer.Ordinal)
                .Select(a => PlanningService.ToRosterAgent(a) with { Contract = new Contract(Duration.Zero, Duration.FromHours(32), 6, 1) })];
        }

        var grid = new Scheduler.Domain.Time.IntervalGrid(site.Zone, sunday, 7, site.IntervalLength);
        var needed = site.Staffing.Queues.ToDictionary(q => q.Queue.Id, _ => new int[grid.Count]);
        for (var t = 0; t < grid.Count; t++)
        {
            var interval = grid.Intervals[t];
            needed["voice-bn"][t] = interval.LocalStart.Hour is >= 8 and < 16 && interval.Date.DayOfWeek is not (IsoDayOfWeek.Friday or IsoDayOfWeek.Saturday) ? 1 : 0;
        }

        var scenario = new RosterScenario(site.Zone, sunday, 7, site.IntervalLength, [.. needed.Keys], needed, site.Templates, agents, site.Rules);
        var ft8 = scenario.Template("ft8");
        var roster = new Roster([.. Enumerable.Range(0, 4).Select(d =>
            new ShiftOption(scenario, ft8, sunday.PlusDays(d), new LocalTime(8, 0), Duration.FromHours(8)).Assign("tanvir", scenario.IntervalLength))]);
        var store = new RosterStore(factory, SystemClock.Instance);
        var draft = await store.SaveDraftAsync(site.SiteId, scenario, roster, null, "rahima", default);
        await store.PublishAsync(draft.Id, draft.Version, "rahima", default);
        return (sunday, sunday.PlusDays(4));
    }

    private static string Shot(string name) => Path.Combine(AppFixture.ScreenshotFolder, name);

    private IDbContextFactory<SchedulerDbContext> Factory() =>
        new DbFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataFolder, "scheduler.db")}").Options);

    private static string Iso(LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class DbFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}
