using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Planning;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// Fairness over time in the real app (decision 015): a published holiday week worked by Tanvir and a014, then the
/// next holiday week generated in the browser; its roster page shows each agent's balance from the first week.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FairnessTests(AppFixture app)
{
    private static readonly string[] HolidayWorkers = ["tanvir", "a014"];

    [Fact]
    public async Task The_next_holiday_weeks_roster_shows_the_balance_from_the_published_holiday_week()
    {
        // Two weeks holding a fixed-date public holiday, far enough ahead that no week another test publishes (the
        // furthest is 26 weeks ahead: the phone test's week) falls in their 52-week balance: the counts are this test's alone.
        var site = new SiteSettings();
        var today = SystemClock.Instance.GetCurrentInstant().InZone(site.Zone).Date;
        var weeks = FixedHolidays(today.Year).Where(d => d > today.PlusWeeks(80)).Select(PlanningService.PlanningWeekOf).Distinct().Order().Take(2).ToList();
        var (first, second) = (weeks[0], weeks[1]);
        await PublishHolidayWeekAsync(Factory(), site, first);

        var page = await app.SignInAsync("rahima");
        await app.OpenAsync(page, $"/roster?week={first:yyyy-MM-dd}");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Published v1");
        await app.OpenAsync(page, $"/roster?week={second:yyyy-MM-dd}");
        await page.ClickAsync("[data-testid=generate]");
        await Assertions.Expect(page.Locator("[data-testid=status]")).ToHaveTextAsync("Draft v1", new() { Timeout = 180_000 });

        var panel = page.Locator("[data-testid=fairness]");
        foreach (var agent in HolidayWorkers)
        {
            await Assertions.Expect(panel.Locator($"tr[data-agent={agent}] td").Nth(3)).ToContainTextAsync("+1");
            await Assertions.Expect(panel.Locator($"tr[data-agent={agent}] td").Nth(3)).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("\\+ 1 in the published weeks before"));
        }

        await Assertions.Expect(panel.Locator("tr[data-agent=a003] td").Nth(1)).ToContainTextAsync("+1"); // the night
        await Assertions.Expect(page.Locator("[data-testid=roster-grid] thead")).ToContainTextAsync("★");
        await panel.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "fairness-roster.png"), FullPage = true });
        await panel.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "fairness-panel.png") });
        await page.SetViewportSizeAsync(390, 844);
        await panel.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotFolder, "fairness-phone.png") });
    }

    /// <summary>
    /// The first week, by hand: Tanvir and a014 work its first holiday, a003 a night, with the week's holidays in its
    /// scenario (each version is judged by the scenario it was planned with). Contracts relaxed, nothing required.
    /// </summary>
    private static async Task PublishHolidayWeekAsync(IDbContextFactory<SchedulerDbContext> factory, SiteSettings site, LocalDate sunday)
    {
        List<RosterAgent> agents;
        await using (var db = await factory.CreateDbContextAsync())
        {
            agents = [.. (await db.Agents.AsNoTracking().Where(a => HolidayWorkers.Contains(a.Id) || a.Id == "a003").ToListAsync())
                .OrderBy(a => a.Id, StringComparer.Ordinal)
                .Select(a => PlanningService.ToRosterAgent(a) with
                {
                    Contract = new Contract(Duration.Zero, Duration.FromHours(48), 6, 1),
                    Availability = new Dictionary<IsoDayOfWeek, AvailabilityWindow>(),
                    FixedDaysOff = new HashSet<IsoDayOfWeek>(),
                    NightConsent = true,
                })];
        }

        var grid = new Domain.Time.IntervalGrid(site.Zone, sunday, 7, site.IntervalLength);
        var needed = site.Staffing.Queues.ToDictionary(q => q.Queue.Id, _ => new int[grid.Count]);
        var rules = site.Rules with { Holidays = FixedHolidays(sunday.Year).Where(d => d >= sunday && d < sunday.PlusDays(7)).ToHashSet() };
        var scenario = new RosterScenario(site.Zone, sunday, 7, site.IntervalLength, [.. needed.Keys], needed, site.Templates, agents, rules);
        var holiday = rules.Holidays.Min();
        ShiftAssignment Shift(string agent, LocalDate date, int hour) =>
            new ShiftOption(scenario, scenario.Template("ft8"), date, new LocalTime(hour, 0), Duration.FromHours(8)).Assign(agent, scenario.IntervalLength);
        var night = scenario.Dates.First(d => !rules.Holidays.Contains(d) && !rules.Holidays.Contains(d.PlusDays(1))); // a night away from any holiday
        var roster = new Roster([.. HolidayWorkers.Select(a => Shift(a, holiday, 8)), Shift("a003", night, 22)]);
        var report = RosterValidator.Validate(scenario, roster);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        var store = new RosterStore(factory, SystemClock.Instance);
        var draft = await store.SaveDraftAsync(site.SiteId, scenario, roster, null, "rahima", default);
        await store.PublishAsync(draft.Id, draft.Version, "rahima", default);
    }

    /// <summary>Bangladesh's public holidays on fixed dates (Language Martyrs' Day, Independence Day, Pohela Boishakh,
    /// May Day, Victory Day) from <paramref name="year"/> for three years: in every calendar the site ships.</summary>
    private static IEnumerable<LocalDate> FixedHolidays(int year) =>
        Enumerable.Range(year, 4).SelectMany(y => new[] { new LocalDate(y, 2, 21), new LocalDate(y, 3, 26), new LocalDate(y, 4, 14), new LocalDate(y, 5, 1), new LocalDate(y, 12, 16) });

    private IDbContextFactory<SchedulerDbContext> Factory() =>
        new DbFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite($"Data Source={Path.Combine(app.DataFolder, "scheduler.db")}").Options);

    private sealed class DbFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}
