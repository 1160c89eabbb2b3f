using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Domain.Tests.Rostering;

/// <summary>The validator on hand-built rosters: for each rule, one roster that holds and one that breaks it.</summary>
public sealed class RosterValidatorTests
{
    private static readonly Contract Week = new(Duration.FromHours(16), Duration.FromHours(24), 2, 1);

    private static ShiftAssignment Shift(string agent, int day, int hour, int hours = 8, string template = "day8", params BreakAssignment[] breaks) =>
        new(agent, Tiny.Sunday.PlusDays(day), template, new LocalTime(hour, 0), Duration.FromHours(hours), breaks);

    private static Instant At(int day, int hour, int minute = 0) =>
        Tiny.Sunday.PlusDays(day).At(new LocalTime(hour, minute)).InZoneStrictly(Tiny.Dhaka).ToInstant();

    private static IReadOnlyList<string> Broken(RosterScenario scenario, params ShiftAssignment[] shifts) =>
        [.. RosterValidator.Validate(scenario, new Roster(shifts)).Violations.Select(v => v.Rule).Distinct()];

    [Fact]
    public void OneShiftPerDay_HoldsAndBreaks()
    {
        var scenario = new Tiny().Template().Agent("a").Build();

        Assert.Empty(Broken(scenario, Shift("a", 0, 8)));
        Assert.Contains(RuleNames.OneShiftPerDay, Broken(scenario, Shift("a", 0, 0), Shift("a", 0, 16)));
    }

    [Theory]
    [InlineData(16, 8, false)] // 24:00 -> 08:00 next day: 8 h rest, below 11.
    [InlineData(16, 11, true)] // 24:00 -> 11:00: exactly 11 h.
    public void MinRest_AcrossMidnight(int firstStart, int secondStart, bool holds)
    {
        var scenario = new Tiny(days: 2).Template().Agent("a").Build();

        Assert.Equal(holds, !Broken(scenario, Shift("a", 0, firstStart), Shift("a", 1, secondStart)).Contains(RuleNames.MinRest));
    }

    [Fact]
    public void MinRest_FromThePreviousWeek()
    {
        var scenario = new Tiny().Template().Agent("a", previousShiftEnd: At(0, 0)).Build();

        Assert.Contains(RuleNames.MinRest, Broken(scenario, Shift("a", 0, 6)));
        Assert.DoesNotContain(RuleNames.MinRest, Broken(scenario, Shift("a", 0, 11)));
    }

    [Fact]
    public void PaidHours_WithinContract()
    {
        var scenario = new Tiny(days: 7).Template().Agent("a", contract: Week).Build();

        Assert.Contains(RuleNames.PaidHours, Broken(scenario, Shift("a", 0, 8))); // 8 h < 16 h minimum
        Assert.Contains(RuleNames.PaidHours, Broken(scenario, Shift("a", 0, 8), Shift("a", 2, 8), Shift("a", 4, 8), Shift("a", 6, 8))); // 32 h > 24 h
        Assert.DoesNotContain(RuleNames.PaidHours, Broken(scenario, Shift("a", 0, 8), Shift("a", 3, 8)));
    }

    [Fact]
    public void PaidHours_ApprovedLeaveCountsTowardTheMinimum()
    {
        // 16 h minimum; three days of leave count 3 x 16/5 = 9.6 h, so one 8-hour shift covers the 6.4 h left.
        var scenario = new Tiny(days: 7).Template().Template("day4", 4).Agent("a", contract: Week, timeOff: [Tiny.Sunday.PlusDays(1), Tiny.Sunday.PlusDays(2), Tiny.Sunday.PlusDays(3)]).Build();

        Assert.DoesNotContain(RuleNames.PaidHours, Broken(scenario, Shift("a", 0, 8)));
        Assert.Contains(RuleNames.PaidHours, Broken(scenario, Shift("a", 0, 8, hours: 4, template: "day4")));
    }

    [Fact]
    public void MaxConsecutiveDays_CountsTheDaysBefore()
    {
        var scenario = new Tiny(days: 7).Template().Agent("a", contract: Week with { MaxPaidPerWeek = Duration.FromHours(60) }).Build();

        Assert.Contains(RuleNames.MaxConsecutiveDays, Broken(scenario, Shift("a", 0, 8), Shift("a", 1, 8), Shift("a", 2, 8)));
        Assert.DoesNotContain(RuleNames.MaxConsecutiveDays, Broken(scenario, Shift("a", 0, 8), Shift("a", 1, 8), Shift("a", 3, 8)));
    }

    [Fact]
    public void DaysOff_InEverySevenDays()
    {
        var contract = new Contract(Duration.Zero, Duration.FromHours(60), 7, 1);
        var scenario = new Tiny(days: 7).Template().Agent("a", contract: contract).Build();
        var everyDay = Enumerable.Range(0, 7).Select(d => Shift("a", d, 8)).ToArray();

        Assert.Contains(RuleNames.DaysOff, Broken(scenario, everyDay));
        Assert.DoesNotContain(RuleNames.DaysOff, Broken(scenario, everyDay[..6]));
    }

    [Fact]
    public void TimeOffAndNightConsent_AreAllowedShiftRules()
    {
        var scenario = new Tiny().Template().Agent("a", timeOff: [Tiny.Sunday]).Agent("b", nightConsent: false).Build();

        Assert.Contains(RuleNames.AllowedShift, Broken(scenario, Shift("a", 0, 8)));
        Assert.Contains(RuleNames.AllowedShift, Broken(scenario, Shift("b", 0, 16))); // ends at 24:00: touches 22:00-06:00
        Assert.Empty(Broken(scenario, Shift("b", 0, 8)));
    }

    [Fact]
    public void Breaks_MustSitInTheirWindow()
    {
        var meal = new BreakRule("meal", Duration.FromMinutes(30), false, Duration.FromHours(3), Duration.FromHours(5));
        var scenario = new Tiny().Template("day8", 8, meal).Agent("a").Build();

        Assert.Empty(Broken(scenario, Shift("a", 0, 8, breaks: new BreakAssignment("meal", At(0, 12), At(0, 12, 30), false))));
        Assert.Contains(RuleNames.Breaks, Broken(scenario, Shift("a", 0, 8, breaks: new BreakAssignment("meal", At(0, 9), At(0, 9, 30), false))));
        Assert.Contains(RuleNames.Breaks, Broken(scenario, Shift("a", 0, 8)));
    }

    [Fact]
    public void LockedShift_MustBeInTheRoster()
    {
        var scenario = new Tiny().Template().Agent("a", locked: [new LockedShift(Tiny.Sunday, "day8", new LocalTime(8, 0), Duration.FromHours(8))]).Build();

        Assert.Empty(Broken(scenario, Shift("a", 0, 8)));
        Assert.Contains(RuleNames.Locked, Broken(scenario, Shift("a", 0, 9)));
    }

    [Fact]
    public void UnknownShift_IsReported()
    {
        var scenario = new Tiny().Template().Agent("a").Build();

        Assert.Contains(RuleNames.UnknownShift, Broken(scenario, Shift("a", 0, 8, hours: 9)));
        Assert.Contains(RuleNames.UnknownAgent, Broken(scenario, Shift("zz", 0, 8)));
    }

    [Fact]
    public void Coverage_IsAMaximumFlowAcrossSkills()
    {
        // a: voice+chat, b: chat. Both needed 08-16: the flow sends a to voice and b to chat, so nothing is short.
        var scenario = new Tiny(1, "voice", "chat").Template().Agent("a", ["voice", "chat"]).Agent("b", ["chat"])
            .Need(1, 8, 8, skill: "voice").Need(1, 8, 8, skill: "chat").Build();

        var both = RosterValidator.Validate(scenario, new Roster([Shift("a", 0, 8), Shift("b", 0, 8)]));
        var onlyB = RosterValidator.Validate(scenario, new Roster([Shift("b", 0, 8)]));

        Assert.DoesNotContain(both.Costs, c => c.Rule == RuleNames.UnderCoverage);
        Assert.Equal(32, onlyB.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units));
        Assert.All(onlyB.Costs.Where(c => c.Rule == RuleNames.UnderCoverage), c => Assert.Equal("voice", c.Skill));
    }

    [Fact]
    public void Costs_OverIdlePreferenceFairnessConsistencyAndNights()
    {
        var wish = new Preference(Tiny.Sunday.PlusDays(1), null, null, null, Wanted: false, Weight: 2);
        var tiny = new Tiny(days: 7).Template().Agent("a", preferences: [wish]).Agent("b").Need(1, 8, 8);
        tiny.Rules = new RosterRules();
        var scenario = tiny.Build();
        // a: nights Sun-Tue (22:00), off Wed, works Thu: rest after nights breached once; b: day shifts at two start times.
        var report = RosterValidator.Validate(scenario, new Roster([
            Shift("a", 0, 22), Shift("a", 1, 22), Shift("a", 2, 22), Shift("a", 4, 14),
            Shift("b", 0, 8), Shift("b", 1, 9)]));

        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        long Units(string rule) => report.Costs.Where(c => c.Rule == rule).Sum(c => c.Units);
        Assert.Equal(2, Units(RuleNames.Preference)); // a worked Monday (the Sunday-night shift is Sunday's).
        Assert.Equal(1, Units(RuleNames.RestAfterNights));
        Assert.Equal(3, Units(RuleNames.FairNights)); // a 3 nights, b 0.
        Assert.Equal(1 + 1, Units(RuleNames.StartConsistency)); // a: 22:00 and 14:00; b: 08:00 and 09:00.
        Assert.True(Units(RuleNames.IdleStaffing) > 0); // nights when nothing is required.
        Assert.Equal(report.Costs.Sum(c => c.Cost), report.TotalCost);
    }
}
