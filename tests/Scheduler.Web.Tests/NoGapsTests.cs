using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NodaTime;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Coverage;
using Scheduler.Web.Features.Home;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Localization;

namespace Scheduler.Web.Tests;

/// <summary>
/// A week with nothing short says so in a sentence, in English and Bangla, where the gaps would be listed: the coverage
/// page's table and the manager's home. An empty table with only its header read as if the page had failed to load.
/// </summary>
public sealed class NoGapsTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    [Fact]
    public void GapsTable_with_no_gaps_says_every_required_quarter_hour_is_covered_instead_of_an_empty_table()
    {
        using var context = Context();

        var table = context.Render<GapsTable>(p => p.Add(t => t.Gaps, []).Add(t => t.Zone, Dhaka));

        Assert.Equal("No gaps: every required quarter-hour of this week is covered.", table.Find("[data-testid=no-gaps]").TextContent);
        Assert.Empty(table.FindAll("[data-testid=gaps]"));
    }

    [Fact]
    public void GapsTable_with_no_gaps_in_the_filtered_hours_says_so_for_those_hours()
    {
        using var context = Context();

        var table = context.Render<GapsTable>(p => p.Add(t => t.Gaps, []).Add(t => t.Zone, Dhaka).Add(t => t.AllHours, false));

        Assert.StartsWith("No gaps in the hours shown", table.Find("[data-testid=no-gaps]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void GapsTable_in_Bangla_with_no_gaps_says_it_in_Bangla()
    {
        using var context = Context();
        var culture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Languages.Culture(Languages.Bangla);
            var table = context.Render<GapsTable>(p => p.Add(t => t.Gaps, []).Add(t => t.Zone, Dhaka));

            Assert.StartsWith("কোনো ঘাটতি নেই", table.Find("[data-testid=no-gaps]").TextContent, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void GapsTable_with_a_gap_lists_it_at_its_local_time_and_says_no_sentence()
    {
        using var context = Context();
        var gap = new CoveragePoint(Instant.FromUtc(2026, 12, 1, 2, 0), "voice-bn", Required: 3, Scheduled: 1, Contacts: 12.5, ServiceLevel: 0.42);

        var table = context.Render<GapsTable>(p => p.Add(t => t.Gaps, [gap]).Add(t => t.Zone, Dhaka));

        var row = table.Find("[data-testid=gaps] tbody tr").TextContent;
        Assert.Contains("08:00", row, StringComparison.Ordinal); // 02:00 UTC is 08:00 in Dhaka
        Assert.Contains("2 of 3", row, StringComparison.Ordinal);
        Assert.Contains("42 %", row, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-testid=no-gaps]"));
    }

    [Fact]
    public async Task The_managers_home_on_a_week_with_nothing_short_says_no_gaps_instead_of_an_empty_list()
    {
        await using var host = await WebTestHost.CreateAsync();
        var week = new LocalDate(2026, 11, 22); // the host's clock is Thursday 26 November: this planning week
        await PublishCoveredWeekAsync(host, week);
        using var context = Context();
        context.Services.AddSingleton(HomeServiceTests.Home(host));

        var panel = context.Render<ManagerPanel>();

        panel.WaitForAssertion(() => Assert.Equal("No gaps: every required quarter-hour of this week is covered.", panel.Find("[data-testid=home-no-gaps]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Empty(panel.FindAll("[data-testid=home-gap]"));
        Assert.NotEmpty(panel.FindAll("[data-testid=home-queue]"));
    }

    /// <summary>A week asking for nobody (every requirement 0), with one Tanvir shift (his contract relaxed to 0-48 h), published: no interval is short.</summary>
    private static async Task PublishCoveredWeekAsync(WebTestHost host, LocalDate sunday)
    {
        var site = host.Site;
        var agent = PlanningService.ToRosterAgent((await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir")) with { Contract = new Contract(Duration.Zero, Duration.FromHours(48), 6, 1) };
        var grid = new Domain.Time.IntervalGrid(site.Zone, sunday, 7, site.IntervalLength);
        var needed = site.Staffing.Queues.ToDictionary(q => q.Queue.Id, _ => new int[grid.Count]);
        var scenario = new RosterScenario(site.Zone, sunday, 7, site.IntervalLength, [.. needed.Keys], needed, site.Templates, [agent], site.Rules);
        var roster = new Roster([new ShiftOption(scenario, scenario.Template("ft8"), sunday.PlusDays(1), new LocalTime(8, 0), Duration.FromHours(8)).Assign("tanvir", scenario.IntervalLength)]);
        var report = RosterValidator.Validate(scenario, roster);
        Assert.True(report.IsValid);
        Assert.DoesNotContain(report.Costs, c => c.Rule == RuleNames.UnderCoverage);
        var draft = await host.Rosters.SaveDraftAsync(site.SiteId, scenario, roster, null, "rahima", default);
        await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);
    }

    private static BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        return context;
    }
}
