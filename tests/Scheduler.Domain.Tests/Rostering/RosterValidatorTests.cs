using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Domain.Tests.Rostering;

/// <summary>The validator as a whole on hand-built rosters: shifts it cannot place, coverage across skills, and a
/// report with every kind of cost. Each rule has its own table in Scheduler.Solver.Tests/Rules, run through this
/// validator and through the rule's CP-SAT face.</summary>
public sealed class RosterValidatorTests
{
    private static ShiftAssignment Shift(string agent, int day, int hour, int hours = 8, string template = "day8", params BreakAssignment[] breaks) =>
        new(agent, Tiny.Sunday.PlusDays(day), template, new LocalTime(hour, 0), Duration.FromHours(hours), breaks);

    private static IReadOnlyList<string> Broken(RosterScenario scenario, params ShiftAssignment[] shifts) =>
        [.. RosterValidator.Validate(scenario, new Roster(shifts)).Violations.Select(v => v.Rule).Distinct()];

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
        Assert.Equal(2, Units(RuleNames.Preferences)); // a worked Monday (the Sunday-night shift is Sunday's).
        Assert.Equal(1, Units(RuleNames.RestAfterNights));
        Assert.Equal(3, Units(RuleNames.FairNights)); // a 3 nights, b 0.
        Assert.Equal(1 + 1, Units(RuleNames.StartConsistency)); // a: 22:00 and 14:00; b: 08:00 and 09:00.
        Assert.True(Units(RuleNames.IdleStaffing) > 0); // nights when nothing is required.
        Assert.Equal(report.Costs.Sum(c => c.Cost), report.TotalCost);
    }
}
