using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests;

public sealed class RosterSolverTests
{
    [Fact]
    public void Solve_EnoughAgents_CoversEveryInterval()
    {
        var scenario = new Tiny(days: 2).Template().Agent("a").Agent("b").Need(1, 8, 8).Need(1, 8, 8, day: 1).Build();

        var (result, report) = SolverTestKit.SolveAndValidate(scenario);

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.Equal(0, report.TotalCost);
        Assert.All(report.Coverage, c => Assert.Equal(0, c.Short));
    }

    [Fact]
    public void Solve_TooFewAgents_ReturnsRosterWithShortfallListed()
    {
        var scenario = new Tiny().Template().Agent("a").Need(3, 8, 8).Build();

        var (_, report) = SolverTestKit.SolveAndValidate(scenario);

        var under = report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).ToList();
        Assert.Equal(2 * 32, under.Sum(c => c.Units)); // 2 agents short for 32 quarter-hours.
        Assert.All(under, c => Assert.Equal("voice", c.Skill));
    }

    [Fact]
    public void Solve_MultiSkill_AssignsTheVersatileAgentToTheScarceSkill()
    {
        // a has both skills, b only chat: covering both needs a on voice and b on chat.
        var scenario = new Tiny(1, "voice", "chat").Template().Agent("a", ["voice", "chat"]).Agent("b", ["chat"])
            .Need(1, 8, 8, skill: "voice").Need(1, 8, 8, skill: "chat").Build();

        var (_, report) = SolverTestKit.SolveAndValidate(scenario);

        Assert.Equal(0, report.TotalCost);
    }

    [Fact]
    public void Solve_AgentWithoutTheSkill_CannotCoverIt()
    {
        var scenario = new Tiny(1, "voice", "chat").Template().Agent("a", ["chat"]).Need(1, 8, 8, skill: "voice").Build();

        var (_, report) = SolverTestKit.SolveAndValidate(scenario);

        Assert.Equal(32, report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units));
    }

    [Fact]
    public void Solve_MealBreak_IsPlacedInItsWindowAndCostsCoverage()
    {
        var meal = new BreakRule("meal", Duration.FromMinutes(30), false, Duration.FromHours(3), Duration.FromHours(5));
        var scenario = new Tiny().Template("day8", 8, meal).Agent("a").Need(1, 8, 8).Build();

        var (result, report) = SolverTestKit.SolveAndValidate(scenario);

        var shift = Assert.Single(result.Roster!.Shifts);
        var b = Assert.Single(shift.Breaks);
        Assert.Equal(Duration.FromMinutes(30), b.End - b.Start);
        Assert.Equal(2, report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units)); // the meal leaves 2 quarter-hours uncovered.
    }

    [Fact]
    public void Solve_TwoAgentsWithMeals_StaggerTheirBreaks()
    {
        var meal = new BreakRule("meal", Duration.FromMinutes(30), false, Duration.FromHours(3), Duration.FromHours(5));
        var scenario = new Tiny().Template("day8", 8, meal).Agent("a").Agent("b").Need(1, 8, 8).Build();

        var (result, report) = SolverTestKit.SolveAndValidate(scenario);

        Assert.Equal(0, report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units));
    }

    [Fact]
    public void Solve_NoNightConsent_KeepsAgentOutOfNightHours()
    {
        var scenario = new Tiny().Template().Agent("a", nightConsent: false).Need(1, 0, 6).Build();

        var (result, report) = SolverTestKit.SolveAndValidate(scenario);

        Assert.DoesNotContain(result.Roster!.Shifts, s => s.Start < new LocalTime(6, 0) || s.Start > new LocalTime(14, 0));
        Assert.Equal(24, report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units));
    }

    [Theory]
    [InlineData(11, true)] // 16:00-24:00 then 06:00 next day leaves 6 h: with 11 h rest one agent cannot do both.
    [InlineData(6, false)] // with 6 h rest the same agent can.
    public void Solve_LateThenEarly_RespectsMinimumRest(int restHours, bool shortExpected)
    {
        var tiny = new Tiny(days: 2).Template().Agent("a").Need(1, 16, 8).Need(1, 6, 8, day: 1);
        tiny.Rules = tiny.Rules with { MinRest = Duration.FromHours(restHours) };

        var (_, report) = SolverTestKit.SolveAndValidate(tiny.Build());

        Assert.Equal(shortExpected, report.Costs.Any(c => c.Rule == RuleNames.UnderCoverage));
    }

    [Fact]
    public void Solve_PreviousWeeksLastShift_CountsForRestOnTheFirstDay()
    {
        var lastEnd = new LocalDateTime(2026, 11, 29, 0, 0).InZoneStrictly(Tiny.Dhaka).ToInstant(); // ended at midnight
        var scenario = new Tiny().Template().Agent("a", previousShiftEnd: lastEnd).Need(1, 6, 8).Build();

        var (result, _) = SolverTestKit.SolveAndValidate(scenario);

        Assert.All(result.Roster!.Shifts, s => Assert.True(s.Start >= new LocalTime(11, 0)));
    }

    [Fact]
    public void Solve_MinimumHoursImpossible_NamesAgentAndRule()
    {
        // 50 h at least, but one day off in 7 leaves six 8-hour shifts: 48 h.
        var contract = new Contract(Duration.FromHours(50), Duration.FromHours(60), 6, 1);
        var scenario = new Tiny(days: 7).Template().Agent("a", contract: contract).Agent("b").Need(1, 8, 8).Build();

        var result = RosterSolver.Solve(scenario, SolverTestKit.Quick);

        Assert.Equal(SolveStatus.Infeasible, result.Status);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal("a", conflict.AgentId);
        Assert.Contains(RuleNames.WeeklyHours, conflict.Rules);
    }

    [Fact]
    public void Solve_ContractHours_AreWithinLimits()
    {
        var contract = new Contract(Duration.FromHours(16), Duration.FromHours(16), 6, 1);
        var scenario = new Tiny(days: 7).Template().Agent("a", contract: contract).Build();

        var (result, _) = SolverTestKit.SolveAndValidate(scenario);

        Assert.Equal(2, result.Roster!.Shifts.Count); // exactly 16 h: two 8-hour shifts, though nothing is required.
    }

    [Fact]
    public void Solve_LockedShift_IsKept()
    {
        var locked = new LockedShift(Tiny.Sunday, "day8", new LocalTime(20, 0), Duration.FromHours(8));
        var scenario = new Tiny().Template().Agent("a", locked: [locked]).Need(1, 8, 8).Build();

        var (result, _) = SolverTestKit.SolveAndValidate(scenario);

        var shift = Assert.Single(result.Roster!.Shifts);
        Assert.Equal(new LocalTime(20, 0), shift.Start);
    }

    [Fact]
    public void Solve_DayOffWish_IsHonouredWhenAnotherAgentCanCover()
    {
        var wish = new Preference(Tiny.Sunday, null, null, null, Wanted: false, Weight: 1);
        var scenario = new Tiny().Template().Agent("a", preferences: [wish]).Agent("b").Need(1, 8, 8).Build();

        var (result, report) = SolverTestKit.SolveAndValidate(scenario);

        Assert.Equal("b", Assert.Single(result.Roster!.Shifts).AgentId);
        Assert.Equal(0, report.TotalCost);
    }

    [Fact]
    public void Solve_WithBaseline_ChangesAsFewShiftsAsPossible()
    {
        var tiny = new Tiny(days: 2).Template().Agent("a").Agent("b").Agent("c").Need(1, 8, 8).Need(1, 8, 8, day: 1);
        var first = SolverTestKit.SolveAndValidate(tiny.Build()).Result.Roster!;
        var sick = first.Shifts.First(s => s.Date == Tiny.Sunday.PlusDays(1)).AgentId;
        var worked = first.Shifts.Single(s => s.Date == Tiny.Sunday);
        // Re-solve after an absence: Sunday is locked as worked, the sick agent is off on Monday.
        var again = new Tiny(days: 2).Template();
        foreach (var id in new[] { "a", "b", "c" })
        {
            again.Agent(id,
                timeOff: id == sick ? [Tiny.Sunday.PlusDays(1)] : null,
                locked: id == worked.AgentId ? [new LockedShift(worked.Date, worked.TemplateId, worked.Start, worked.Length)] : null);
        }

        var scenario = again.Need(1, 8, 8).Need(1, 8, 8, day: 1).Build();
        var (_, report) = SolverTestKit.SolveAndValidate(scenario, SolverTestKit.Quick with { Baseline = first });

        Assert.Equal(2, report.Costs.Where(c => c.Rule == RuleNames.ShiftChanges).Sum(c => c.Units)); // the sick shift removed, one replacement added.
    }

    [Fact]
    public void Solve_Cancelled_KeepsTheBestRosterSoFar()
    {
        var scenario = new Tiny(days: 7).Template().Agent("a").Agent("b").Agent("c").Need(2, 6, 12).Need(2, 6, 12, day: 3).Build();
        using var cts = new CancellationTokenSource();
        var progress = new Progress(cts);

        var result = RosterSolver.Solve(scenario, SolverTestKit.Quick with { TimeLimit = TimeSpan.FromSeconds(60) }, progress, cts.Token);

        Assert.NotNull(result.Roster);
        Assert.True(progress.Events > 0);
        Assert.True(RosterValidator.Validate(scenario, result.Roster!).IsValid);
        Assert.Equal(RosterValidator.Validate(scenario, result.Roster!).TotalCost, result.Objective);
    }

    private sealed class Progress(CancellationTokenSource cts) : IProgress<SolveProgress>
    {
        public int Events { get; private set; }

        public void Report(SolveProgress value)
        {
            Events++;
            cts.Cancel(); // stop at the first roster
        }
    }
}
