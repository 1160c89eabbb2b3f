using Bunit;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Tests;

public sealed class RosterViewTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    [Fact]
    public void A_Dhaka_shift_across_the_UK_clock_change_shows_at_London_times_on_both_days()
    {
        // Sunday 28 March 2027 01:00 GMT the UK moves to BST. A Dhaka 04:00-12:00 shift that day runs
        // 22:00 GMT Saturday to 07:00 BST Sunday: 8 elapsed hours, 9 on the London clock.
        var scenario = Scenario(new LocalDate(2027, 3, 28));
        var shift = new ShiftOption(scenario, scenario.Templates[0], new LocalDate(2027, 3, 28), new LocalTime(4, 0), Duration.FromHours(8)).Assign("nadia", scenario.IntervalLength);

        var row = Assert.Single(RosterView.Rows(scenario, new Roster([shift]), London));

        var saturday = Assert.Single(row.Bars[new LocalDate(2027, 3, 27)]);
        var sunday = Assert.Single(row.Bars[new LocalDate(2027, 3, 28)]);
        Assert.Equal("22-07", saturday.Label);
        Assert.Equal(saturday.Label, sunday.Label);
        Assert.Equal(2.0 / 24 * 100, saturday.WidthPercent, 6);   // 22:00-24:00 of a 24 h Saturday
        Assert.Equal(6.0 / 23 * 100, sunday.WidthPercent, 6);     // 00:00-07:00 BST is 6 elapsed hours of a 23 h Sunday
        Assert.Equal(Duration.FromHours(8) - Duration.FromMinutes(30), row.Paid); // the meal break is unpaid
        Assert.Equal(3, saturday.Breaks.Count + sunday.Breaks.Count);
    }

    [Fact]
    public void In_the_site_zone_a_day_shift_is_one_bar_at_its_local_times()
    {
        var scenario = Scenario(new LocalDate(2026, 12, 6));
        var shift = new ShiftOption(scenario, scenario.Templates[0], new LocalDate(2026, 12, 7), new LocalTime(9, 0), Duration.FromHours(8)).Assign("nadia", scenario.IntervalLength);

        var row = Assert.Single(RosterView.Rows(scenario, new Roster([shift]), Dhaka));

        var bar = Assert.Single(Assert.Single(row.Bars).Value);
        Assert.Equal("09-17", bar.Label);
        Assert.Equal(9.0 / 24 * 100, bar.LeftPercent, 6);
        Assert.Equal("day", bar.Kind);
        Assert.Equal(7, RosterView.Days(scenario, Dhaka).Count);
        Assert.Equal(8, RosterView.Days(scenario, London).Count); // Dhaka's week starts on the Saturday evening in London
    }

    [Fact]
    public void CoverageChart_draws_required_as_a_line_and_scheduled_as_an_area_and_counts_the_shortfall()
    {
        using var context = new BunitContext();
        Microsoft.Extensions.DependencyInjection.LocalizationServiceCollectionExtensions.AddLocalization(context.Services); // the chart's texts come from CoverageChart.resx
        var start = Instant.FromUtc(2026, 12, 5, 18, 0);
        var points = Enumerable.Range(0, 8).Select(i => (start + Duration.FromMinutes(15 * i), Required: 2, Covered: i < 4 ? 2 : 1)).ToList();

        var chart = context.Render<CoverageChart>(p => p.Add(c => c.Series, new CoverageSeries("voice-bn", points)).Add(c => c.Days, 1));

        Assert.Contains("4 agent-intervals short", chart.Find(".coverage-title").TextContent);
        Assert.NotEmpty(chart.Find("polyline.required").GetAttribute("points")!);
        Assert.StartsWith("0,90", chart.Find("polygon.covered").GetAttribute("points"));
    }

    private static RosterScenario Scenario(LocalDate first)
    {
        var agent = new RosterAgent("nadia", "Nadia", London, new HashSet<string> { "voice-bn" }, new HashSet<string> { "bn" }, new Contract(Duration.Zero, Duration.FromHours(48), 6, 1), true,
            new Dictionary<IsoDayOfWeek, AvailabilityWindow>(), new HashSet<IsoDayOfWeek>(), new HashSet<LocalDate>(), [], []);
        var grid = new Domain.Time.IntervalGrid(Dhaka, first, 7, Duration.FromMinutes(15));
        return new RosterScenario(Dhaka, first, 7, Duration.FromMinutes(15), ["voice-bn"], new Dictionary<string, int[]> { ["voice-bn"] = new int[grid.Count] }, ScenarioGenerator.Templates(), [agent], new RosterRules());
    }
}
