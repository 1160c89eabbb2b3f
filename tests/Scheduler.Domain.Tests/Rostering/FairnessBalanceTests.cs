using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Domain.Tests.Rostering;

/// <summary>
/// Fairness over time (decision 015): the night, weekend and holiday shifts a roster gives each agent, counted as the
/// fairness rules count them, and those rules judging the balance from earlier weeks plus this horizon.
/// </summary>
public sealed class FairnessBalanceTests
{
    private static readonly LocalDate Monday = Tiny.Sunday.PlusDays(1);

    private static ShiftAssignment Shift(string agent, int day, int hour) =>
        new(agent, Tiny.Sunday.PlusDays(day), "day8", new LocalTime(hour, 0), Duration.FromHours(8), []);

    /// <summary>Sunday and Monday; Monday a public holiday; a and b work any hour, nights included.</summary>
    private static RosterScenario TwoDays(FairnessCounts? aBefore = null, bool holiday = true, RosterRules? rules = null)
    {
        var tiny = new Tiny(days: 2).Template().Agent("a").Agent("b");
        tiny.Rules = (rules ?? tiny.Rules) with { Holidays = holiday ? new HashSet<LocalDate> { Monday } : new HashSet<LocalDate>() };
        var scenario = tiny.Build();
        return scenario with { Agents = [scenario.Agents[0] with { CountsBefore = aBefore ?? FairnessCounts.Zero }, scenario.Agents[1]] };
    }

    private static long Cost(RosterScenario scenario, string rule, params ShiftAssignment[] shifts)
    {
        var report = RosterValidator.Validate(scenario, new Roster(shifts));
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        return report.Costs.Where(c => c.Rule == rule).Sum(c => c.Cost);
    }

    [Fact]
    public void Tally_CountsNightsWeekendsAndHolidayShifts_AsTheRulesDo()
    {
        var scenario = TwoDays();

        var tally = FairnessTally.Of(scenario, new Roster([
            Shift("a", 0, 22), // Sunday 22:00 to Monday 06:00: a night, a weekend shift (Sunday) and a holiday shift (into Monday)
            Shift("a", 1, 14), // Monday 14:00-22:00: a holiday shift, not a night (22:00 is its end)
            Shift("b", 0, 16), // Sunday 16:00-24:00: a weekend shift; ends at midnight, so it does not touch the holiday; 2 h of night is not a night
        ]));

        Assert.Equal(new FairnessCounts(Nights: 1, Weekends: 1, Holidays: 2), tally["a"]);
        Assert.Equal(new FairnessCounts(Nights: 0, Weekends: 1, Holidays: 0), tally["b"]);
    }

    [Fact]
    public void Tally_LeavesOutAgentsWithoutShifts()
    {
        var tally = FairnessTally.Of(TwoDays(), new Roster([Shift("a", 1, 8)]));

        Assert.Equal(["a"], tally.Keys);
    }

    [Theory]
    [InlineData(0, "a", 60)] // no balance: one holiday shift, a has 1 and b none
    [InlineData(1, "b", 0)] // a worked the last holiday: b takes this one and both have 1
    [InlineData(1, "a", 120)] // a worked the last holiday and this one too: 2 against none
    [InlineData(3, "b", 120)] // a far ahead: b's shift narrows the range from 3 to 2
    public void FairHolidays_JudgesTheBalanceBeforePlusThisHorizon(int aHolidaysBefore, string worker, long cost)
    {
        var scenario = TwoDays(new FairnessCounts(0, 0, aHolidaysBefore));

        Assert.Equal(cost, Cost(scenario, RuleNames.FairHolidays, Shift(worker, 1, 8)));
    }

    [Fact]
    public void FairHolidays_NoHolidayInTheHorizon_CostsNothingWhateverTheBalance()
    {
        var scenario = TwoDays(new FairnessCounts(0, 0, 4), holiday: false);

        Assert.Equal(0, Cost(scenario, RuleNames.FairHolidays, Shift("a", 1, 8)));
    }

    [Fact]
    public void FairHolidays_NightFromTheEveOfTheHorizonsLastDay_Counts()
    {
        // The holiday is the day after the horizon: only a night starting on its last day (Monday) can touch it.
        var tiny = new Tiny(days: 2).Template().Agent("a").Agent("b");
        tiny.Rules = tiny.Rules with { Holidays = new HashSet<LocalDate> { Monday.PlusDays(1) } };
        var scenario = tiny.Build();

        Assert.Equal(60, Cost(scenario, RuleNames.FairHolidays, Shift("a", 1, 22)));
        Assert.Equal(0, Cost(scenario, RuleNames.FairHolidays, Shift("a", 1, 8)));
    }

    [Fact]
    public void FairNights_WithABalance_GivesTheNightToWhoHadFewer()
    {
        var rules = new RosterRules { FairNights = 40, FairWeekends = 0, FairLates = 0, FairHolidays = 0, StartConsistency = 0 };
        var scenario = TwoDays(new FairnessCounts(2, 0, 0), rules: rules);

        Assert.Equal(40, Cost(scenario, RuleNames.FairNights, Shift("b", 1, 22))); // a 2, b 1
        Assert.Equal(120, Cost(scenario, RuleNames.FairNights, Shift("a", 1, 22))); // a 3, b 0
        var report = RosterValidator.Validate(scenario, new Roster([Shift("a", 1, 22)]));
        Assert.Contains("a has 3 (2 before this horizon)", report.Costs.Single(c => c.Rule == RuleNames.FairNights).Description);
    }

    [Fact]
    public void FairWeekends_WithABalance_JudgesTheTotals()
    {
        var rules = new RosterRules { FairNights = 0, FairWeekends = 40, FairLates = 0, FairHolidays = 0, StartConsistency = 0 };
        var scenario = TwoDays(new FairnessCounts(0, 1, 0), rules: rules);

        Assert.Equal(0, Cost(scenario, RuleNames.FairWeekends, Shift("b", 0, 8))); // Sunday is a weekend day: 1 each
        Assert.Equal(80, Cost(scenario, RuleNames.FairWeekends, Shift("a", 0, 8)));
    }

    [Fact]
    public void ScenarioJson_WritesAndReadsTheBalanceAndTheHolidays()
    {
        var scenario = TwoDays(new FairnessCounts(3, 5, 1)) with { Rules = TwoDays().Rules with { FairHolidays = 75 } };

        var text = ScenarioJson.Write(scenario);
        var again = ScenarioJson.Read(text, "scenario.json");

        Assert.Equal(new FairnessCounts(3, 5, 1), again.Agent("a").CountsBefore);
        Assert.Equal(FairnessCounts.Zero, again.Agent("b").CountsBefore);
        Assert.Equal([Monday], again.Rules.Holidays);
        Assert.Equal(75, again.Rules.FairHolidays);
        Assert.Contains("\"countsBefore\"", text);
        Assert.Equal(text, ScenarioJson.Write(again));
    }

    [Fact]
    public void ScenarioJson_WithoutBalanceOrHolidays_ReadsZeroAndNone()
    {
        var again = ScenarioJson.Read(ScenarioSamples.Valid(), "scenario.json");

        Assert.All(again.Agents, a => Assert.Equal(FairnessCounts.Zero, a.CountsBefore));
        Assert.Empty(again.Rules.Holidays);
        Assert.Equal(new RosterRules().FairHolidays, again.Rules.FairHolidays);
    }

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "agents[0].countsBefore", """{ "nights": -1 }""", "$.agents[0].countsBefore.nights" }, // a count is never below zero
        { "agents[0].countsBefore", """{ "holidays": 1.5 }""", "$.agents[0].countsBefore.holidays" }, // whole shifts
        { "agents[0].countsBefore", """{ "weekends": 10001 }""", "$.agents[0].countsBefore.weekends" }, // beyond any working life
        { "agents[0].countsBefore", """{ "eids": 1 }""", "$.agents[0].countsBefore.eids" }, // misspelt counts are not ignored
        { "agents[0].countsBefore", "3", "$.agents[0].countsBefore" }, // an object of counts
        { "rules.holidays", """["16/12/2026"]""", "$.rules.holidays[0]" }, // ISO dates
        { "rules.holidays", """["2026-12-16", "2026-12-16"]""", "$.rules.holidays[1]" }, // a date listed twice
        { "rules.weights", """{ "fairHolidays": -1 }""", "$.rules.weights.fairHolidays" }, // weights are 0 or more
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void ScenarioJson_BadBalanceOrHoliday_IsRefusedNamingTheField(string path, string valueJson, string expectedPath)
    {
        var json = ScenarioSamples.With(ScenarioSamples.Valid(), path, valueJson);

        var errors = Assert.Throws<ImportException>(() => ScenarioJson.Read(json, "scenario.json")).Errors;

        Assert.Contains(expectedPath, errors.Select(e => e.Field));
    }
}
