using NodaTime;
using Scheduler.Domain.Demo;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.Forecasting;

/// <summary>The holiday calendar: its file, its windows, and the effects learned from history and forecast with.</summary>
public sealed class HolidayTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    // A holiday on a different date each year (as Eid moves), the last one inside the forecast week.
    private static readonly LocalDate[] HolidayDates = [new(2024, 6, 17), new(2025, 6, 6), new(2026, 5, 27)];

    [Fact]
    public void Learn_HolidayAtFortyPercentOfNormal_LearnsTheFactorAndForecastsNextYearWithIt()
    {
        var history = SyntheticHistory(new LocalDate(2024, 1, 1), new LocalDate(2026, 5, 24), holidayFactor: 0.4);
        var calendar = new HolidayCalendar([.. HolidayDates.Select(d => Holiday.MovingOn("eid", "Eid", d, d))]);
        var week = Enumerable.Range(0, 7).Select(i => new LocalDate(2026, 5, 25).PlusDays(i)).ToList();
        var method = new TopDownMethod();

        var effects = HolidayEffects.Learn(history, calendar, week, method);
        var withCalendar = method.Forecast(history, week, effects.SpecialDays);
        var without = method.Forecast(history, week, SpecialDayCalendar.Empty);

        var eid = Assert.Single(effects.Days);
        Assert.Equal(HolidayDates[2], eid.Day.Date);
        Assert.Equal(HolidayEffectSource.Learned, eid.Effect.Source);
        Assert.Equal(2, eid.Effect.Occurrences); // 2024 and 2025.
        Assert.InRange(eid.Effect.Factor, 0.37, 0.43);
        var day = withCalendar.Single(d => d.Date == HolidayDates[2]);
        var normalDay = without.Single(d => d.Date == HolidayDates[2]);
        Assert.InRange(day.TotalContacts / normalDay.TotalContacts, 0.37, 0.43);
        Assert.InRange(day.TotalContacts / NormalTotal(HolidayDates[2]), 0.37, 0.43);
        // The holiday's own shape (its volume comes in the afternoon) is learned too: most of the day after 12:00.
        var afternoon = day.Contacts.Skip(48).Sum() / day.TotalContacts;
        Assert.True(afternoon > 0.7, $"afternoon share {afternoon:0.00}");
        // The other days are forecast as normal days, not dragged down by last year's holiday.
        var tuesday = withCalendar.Single(d => d.Date == new LocalDate(2026, 5, 26));
        Assert.InRange(tuesday.TotalContacts / NormalTotal(tuesday.Date), 0.97, 1.03);
    }

    [Fact]
    public void Learn_HolidayNotInHistory_UsesTheEnteredFactor()
    {
        var history = SyntheticHistory(new LocalDate(2026, 1, 1), new LocalDate(2026, 5, 24), holidayFactor: 0.4);
        var target = new LocalDate(2026, 5, 27);
        var calendar = new HolidayCalendar([Holiday.MovingOn("new-day", "New day", target, target, factor: 0.6)]);
        var week = Enumerable.Range(0, 7).Select(i => new LocalDate(2026, 5, 25).PlusDays(i)).ToList();

        var effects = HolidayEffects.Learn(history, calendar, week, new TopDownMethod());

        var day = Assert.Single(effects.Days);
        Assert.Equal(HolidayEffectSource.Entered, day.Effect.Source);
        Assert.Equal(0.6, day.Effect.Factor);
        Assert.Equal(0, day.Effect.Occurrences);
    }

    [Fact]
    public void LearnedFrom_AllHistory_CountsOccurrencesAndALongerHolidayBorrowsItsNearestDay()
    {
        var history = SyntheticHistory(new LocalDate(2024, 1, 1), new LocalDate(2026, 5, 24), holidayFactor: 0.4);
        // The 2026 holiday lasts two days where the past ones lasted one: its second day has no past occurrence.
        var calendar = new HolidayCalendar(
        [
            Holiday.MovingOn("eid", "Eid", HolidayDates[0], HolidayDates[0]),
            Holiday.MovingOn("eid", "Eid", HolidayDates[1], HolidayDates[1]),
            Holiday.MovingOn("eid", "Eid", HolidayDates[2], HolidayDates[2].PlusDays(1)),
        ]);

        var learned = HolidayEffects.LearnedFrom(history, calendar, new TopDownMethod());
        var secondDay = calendar.Days(HolidayDates[2], HolidayDates[2].PlusDays(1))[1];
        var effect = HolidayEffects.EffectFor(secondDay, learned);

        var only = Assert.Single(learned.Values);
        Assert.Equal((new HolidayEffectKey("eid", HolidayPart.On, 1), 2), (only.Key, only.Occurrences));
        Assert.InRange(only.Spread!.Value.Min, 0.37, 0.43);
        Assert.Equal((HolidayEffectSource.Learned, 2, only.Factor), (effect.Source, effect.Occurrences, effect.Factor));
        Assert.Equal(new HolidayEffectKey("eid", HolidayPart.On, 2), effect.Key);
    }

    [Fact]
    public void BangladeshFile_HasVictoryDayAndTheMovingDates2026To2028()
    {
        var calendar = HolidayFile.Read(Path.Combine(DemoCentre.DataFolder(), "holidays", "bangladesh.csv"));

        var holidays = calendar.PublicHolidays(new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31));

        foreach (var year in new[] { 2026, 2027, 2028 })
        {
            Assert.Equal("Victory Day", holidays[new LocalDate(year, 12, 16)]);
            Assert.Equal("Pohela Boishakh (Bangla New Year)", holidays[new LocalDate(year, 4, 14)]);
            Assert.Contains(calendar.Holidays, h => h.Key == "eid-al-fitr" && h.Start!.Value.Year == year && h.Expected);
            Assert.Contains(calendar.Holidays, h => h.Key == "eid-al-adha" && h.Start!.Value.Year == year && h.Expected);
            Assert.Contains(calendar.Holidays, h => h.Key == "durga-puja" && h.Start!.Value.Year == year);
        }

        Assert.Equal("Eid al-Fitr", holidays[new LocalDate(2027, 3, 10)]); // the expected Eid day of 2027, a moving date.
        Assert.False(holidays.ContainsKey(new LocalDate(2026, 8, 15))); // National Mourning Day is no longer observed.
        Assert.Empty(calendar.YearsWithoutMovingDates(new LocalDate(2026, 1, 1), new LocalDate(2028, 12, 31)));
        Assert.Equal([2029], calendar.YearsWithoutMovingDates(new LocalDate(2028, 12, 28), new LocalDate(2029, 1, 3)));
    }

    [Fact]
    public void Days_EidWindowAndTwoHolidaysOnOneDate_AreLabelledForPeople()
    {
        var calendar = HolidayFile.Read(Path.Combine(DemoCentre.DataFolder(), "holidays", "bangladesh.csv"));

        var days = calendar.Days(new LocalDate(2026, 3, 1), new LocalDate(2026, 5, 31)).ToDictionary(d => d.Date);

        Assert.Equal(HolidayPart.Before, days[new LocalDate(2026, 3, 18)].Part); // 2 days before Eid al-Fitr (20-22 March).
        Assert.Equal("Eid al-Fitr (day 2)", days[new LocalDate(2026, 3, 21)].Label);
        Assert.Equal("Eid al-Fitr (1 day after)", days[new LocalDate(2026, 3, 23)].Label);
        Assert.Equal(HolidayPart.After, days[new LocalDate(2026, 3, 25)].Part);
        Assert.Equal("Independence Day", days[new LocalDate(2026, 3, 26)].Label); // a holiday, not a 4th day after Eid.
        Assert.Equal("May Day / Buddha Purnima", days[new LocalDate(2026, 5, 1)].Label);
    }

    [Fact]
    public void Read_BadLines_AreRefusedNamingLineAndField()
    {
        const string text = """
            # a comment line
            key,name,kind,date,end,days_before,days_after,expected,factor,before_factor,after_factor,learn_as
            victory-day,Victory Day,fixed,12-16,,0,0,no,0.7,,,
            eid,Eid,lunar,2027-03-10,,0,0,yes,,,,
            eid-al-fitr,Eid al-Fitr,moving,2027-13-10,,0,0,yes,,,,
            eid-al-adha,Eid al-Adha,moving,2027-05-18,2027-05-16,0,0,yes,,,,
            durga-puja,Durga Puja,moving,2027-10-09,,0,0,yes,12,,,
            victory-day,Victory Day,fixed,12-16,,0,0,no,,,,
            ashura,Ashura,moving,2027-06-15,,0,0,yes,0,,,
            """;

        var errors = Assert.Throws<ImportException>(() => HolidayFile.Parse(text, "holidays.csv")).Errors;

        Assert.Equal(
            [
                ("holidays.csv", 4, "kind"), // 'lunar' is not a holiday kind.
                ("holidays.csv", 5, "date"), // month 13.
                ("holidays.csv", 6, "end"), // ends before it starts.
                ("holidays.csv", 7, "factor"), // 12 times a normal day.
                ("holidays.csv", 9, "factor"), // 0: a factor must be above 0.
                ("holidays.csv", 8, "date"), // Victory Day listed twice.
            ],
            errors.Select(e => (e.File, e.Line, e.Field)).ToList());
        Assert.Contains("first on line 3", errors[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SameMovingHolidayOverlappingItself_IsListedTwice()
    {
        const string text = """
            key,name,kind,date,end,days_before,days_after,expected,factor,before_factor,after_factor,learn_as
            eid-al-fitr,Eid al-Fitr,moving,2027-03-09,2027-03-11,0,0,yes,,,,
            eid-al-fitr,Eid al-Fitr,moving,2027-03-11,,0,0,yes,,,,
            eid-al-fitr,Eid al-Fitr,moving,2028-02-26,,0,0,yes,,,,
            """;

        var error = Assert.Single(Assert.Throws<ImportException>(() => HolidayFile.Parse(text, "h.csv")).Errors);

        Assert.Equal((3, "date"), (error.Line, error.Field));
    }

    /// <summary>A day's normal total: 1000 contacts on weekdays, 600 on Fridays (the weekend's busy day), 400 on Saturdays.</summary>
    private static double NormalTotal(LocalDate date) => date.DayOfWeek switch
    {
        IsoDayOfWeek.Friday => 600,
        IsoDayOfWeek.Saturday => 400,
        _ => 1000,
    };

    /// <summary>
    /// Quarter-hours from <paramref name="first"/> to <paramref name="last"/>: a normal day has a morning peak; each
    /// of <see cref="HolidayDates"/> has <paramref name="holidayFactor"/> of the volume, all of it after noon.
    /// </summary>
    private static QueueHistory SyntheticHistory(LocalDate first, LocalDate last, double holidayFactor)
    {
        var observations = new List<IntervalObservation>();
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            var holiday = HolidayDates.Contains(date);
            var weights = Enumerable.Range(0, 96).Select(s => holiday ? (s >= 48 ? 3.0 : 0.2) : 1.0 + Math.Exp(-Math.Pow((s - 40) / 8.0, 2))).ToArray();
            var total = NormalTotal(date) * (holiday ? holidayFactor : 1.0);
            var sum = weights.Sum();
            for (var s = 0; s < 96; s++)
            {
                var start = date.AtStartOfDayInZone(Dhaka).ToInstant() + (Quarter * s);
                var offered = total * weights[s] / sum;
                observations.Add(new IntervalObservation("voice", start, Quarter, offered, offered, 0, offered * 300));
            }
        }

        return QueueHistory.From(observations, Dhaka, Quarter, "voice");
    }
}
