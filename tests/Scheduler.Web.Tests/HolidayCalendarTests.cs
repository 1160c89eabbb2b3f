using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Scheduler.Domain.Forecasting;
using Scheduler.Web.Features.Forecast;
using Scheduler.Web.Features.Holidays;

namespace Scheduler.Web.Tests;

/// <summary>The site's holiday calendar in the web app: the forecast, the requirements and the coverage highlight read it; edits are saved or refused whole, and audited.</summary>
public sealed class HolidayCalendarTests
{
    private static readonly LocalDate VictoryWeek = new(2026, 12, 13); // Sunday; Victory Day is Wednesday 16 Dec.
    private static readonly LocalDate VictoryDay = new(2026, 12, 16);

    [Fact]
    public async Task The_web_forecast_and_the_requirements_use_the_calendar_and_follow_a_saved_change()
    {
        await using var host = await WebTestHost.CreateAsync();
        var forecasts = new ForecastService(host.History, host.Site, host.Clock, Microsoft.Extensions.Options.Options.Create(new SchedulerWebOptions()), NullLogger<ForecastService>.Instance, host.Holidays);

        var view = await forecasts.ForecastAsync("top-down", VictoryWeek, default);
        var withHoliday = await host.Planning.ForecastAsync(VictoryWeek, 7, default);
        var needWith = await host.Planning.RequirementsAsync(VictoryWeek, 7, default);
        var highlight = await host.Holidays.PublicHolidaysAsync(VictoryWeek, VictoryWeek.PlusDays(6), default);

        // The shipped calendar enters Victory Day at 0.7 of a normal day; the demo history (Oct-Nov 2026) does not have it.
        var row = Assert.Single(view!.Holidays);
        Assert.Equal((VictoryDay, "Victory Day"), (row.Date, row.Label));
        Assert.Equal(4, row.Effects.Count);
        Assert.All(row.Effects, e => Assert.Equal((HolidayEffectSource.Entered, 0.7), (e.Effect.Source, e.Effect.Factor)));
        Assert.Equal("Victory Day", Assert.Single(highlight).Value);

        // Victory Day taken out of the calendar: the same day is forecast as a normal Wednesday.
        var state = await host.Holidays.LoadAsync(default);
        var without = string.Join('\n', state.Text.Split('\n').Where(l => !l.StartsWith("victory-day,", StringComparison.Ordinal)));
        await host.Holidays.SaveAsync(without, state.Version, "rahima", default);
        var withoutHoliday = await host.Planning.ForecastAsync(VictoryWeek, 7, default);
        var needWithout = await host.Planning.RequirementsAsync(VictoryWeek, 7, default);

        double Day(IEnumerable<Domain.Planning.ForecastInterval> f, LocalDate d) => f.Where(i => i.Start.InZone(host.Site.Zone).Date == d).Sum(i => i.Contacts);
        Assert.Equal(0.7, Day(withHoliday, VictoryDay) / Day(withoutHoliday, VictoryDay), 6);
        Assert.Equal(Day(withoutHoliday, VictoryDay.PlusDays(1)), Day(withHoliday, VictoryDay.PlusDays(1)), 6); // Thursday is untouched.
        int Agents(IEnumerable<Domain.Planning.Requirement> r, LocalDate d) => r.Where(i => i.Start.InZone(host.Site.Zone).Date == d).Sum(i => i.Staffing.Agents);
        Assert.True(Agents(needWith, VictoryDay) < Agents(needWithout, VictoryDay), $"{Agents(needWith, VictoryDay)} agent-intervals on Victory Day against {Agents(needWithout, VictoryDay)} on a normal Wednesday");
        Assert.Empty(await host.Holidays.PublicHolidaysAsync(VictoryWeek, VictoryWeek.PlusDays(6), default));
    }

    [Fact]
    public async Task A_bad_calendar_is_refused_whole_naming_line_and_field_and_a_good_one_is_saved_and_audited_once()
    {
        await using var host = await WebTestHost.CreateAsync(seed: false);
        var shipped = await host.Holidays.LoadAsync(default);
        var bad = shipped.Text + "\neid-al-fitr,Eid al-Fitr,moving,2029-02-15,2029-02-13,2,3,yes,0.45,,,\n";

        var refused = await Assert.ThrowsAsync<HolidaySaveException>(() => host.Holidays.SaveAsync(bad, shipped.Version, "rahima", default));

        var error = Assert.Single(refused.Errors);
        Assert.Equal((HolidayCalendarService.FileName, "end"), (error.File, error.Field));
        Assert.Equal(shipped.Text.Split('\n').Length + 1, error.Line);
        await using (var db = await host.Factory.CreateDbContextAsync())
        {
            Assert.Empty(await db.HolidayCalendars.ToListAsync());
            Assert.Empty(await db.AuditEntries.ToListAsync());
        }

        var good = shipped.Text + "\neid-al-fitr,Eid al-Fitr,moving,2029-02-14,2029-02-16,2,3,yes,0.45,,,\n";
        var saved = await host.Holidays.SaveAsync(good, shipped.Version, "rahima", default);

        Assert.False(saved.Shipped);
        Assert.Contains(saved.Calendar.Holidays, h => h.Key == "eid-al-fitr" && h.Start == new LocalDate(2029, 2, 14));
        Assert.Equal(saved.Version, (await host.Holidays.LoadAsync(default)).Version);
        await using (var db = await host.Factory.CreateDbContextAsync())
        {
            var entry = Assert.Single(await db.AuditEntries.ToListAsync());
            Assert.Equal(("rahima", "holidays.save"), (entry.Actor, entry.Action));
            Assert.Equal("eid-al-fitr,Eid al-Fitr,moving,2029-02-14,2029-02-16,2,3,yes,0.45,,,", entry.After);
        }

        // A save from a page opened before that one is refused: it would undo the change unseen.
        var stale = await Assert.ThrowsAsync<HolidaySaveException>(() => host.Holidays.SaveAsync(shipped.Text, shipped.Version, "karim", default));
        Assert.Contains("someone else saved", stale.Message, StringComparison.Ordinal);
        Assert.Equal(saved.Version, (await host.Holidays.LoadAsync(default)).Version);
    }
}
