using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Tests.Rostering;

/// <summary>How a sick call becomes the scenario to re-solve, and the absences refused with their field.</summary>
public sealed class SickCallsTests
{
    private static readonly RosterScenario Scenario = new Tiny(days: 3).Template().Agent("a").Agent("b").Need(1, 8, 8).Need(1, 8, 8, day: 1).Need(1, 8, 8, day: 2).Build();

    // a works 08:00-16:00 every day; b works 16:00-24:00 every day.
    private static readonly Roster Baseline = new([.. Enumerable.Range(0, 3).SelectMany(d => new[]
    {
        Shift("a", Tiny.Sunday.PlusDays(d), 8),
        Shift("b", Tiny.Sunday.PlusDays(d), 16),
    })]);

    private static Instant At(int day, int hour, int minute = 0) => Tiny.Sunday.PlusDays(day).At(new LocalTime(hour, minute)).InZoneStrictly(Tiny.Dhaka).ToInstant();

    private static Instant End => At(3, 0);

    [Theory]
    [InlineData("nobody", 1, 12, 0, "agent")] // not an agent of the roster
    [InlineData("a", 5, 12, 0, "from")] // after the horizon
    [InlineData("a", -1, 12, 0, "from")] // before the horizon
    [InlineData("a", 1, 12, 7, "from")] // 12:07 is off the 15-minute grid
    [InlineData("a", 0, 12, 0, "from")] // Sunday's 08:00-16:00 ended before the call was entered (Monday 09:00)
    public void Refusal_BadAbsence_NamesTheField(string agent, int day, int hour, int minute, string field)
    {
        var refusal = SickCalls.Refusal(Scenario, Baseline, new Absence(agent, At(day, hour, minute), End), now: At(1, 9));

        Assert.NotNull(refusal);
        Assert.Equal(field, refusal.Field);
    }

    [Fact]
    public void Refusal_EndBeforeStart_NamesUntil()
    {
        var refusal = SickCalls.Refusal(Scenario, Baseline, new Absence("a", At(1, 12), At(1, 11)), now: At(1, 9));

        Assert.Equal("until", refusal?.Field);
    }

    [Fact]
    public void Refusal_EndAfterTheHorizon_NamesUntil()
    {
        var refusal = SickCalls.Refusal(Scenario, Baseline, new Absence("a", At(1, 12), At(4, 0)), now: At(1, 9));

        Assert.Equal("until", refusal?.Field);
    }

    [Fact]
    public void Plan_MidShift_LocksEverythingStartedAndCutsTheAbsentShift()
    {
        var plan = SickCalls.Plan(Scenario, Baseline, new Absence("a", At(1, 12), End), now: At(1, 12));

        Assert.Equal(At(1, 12), plan.LockedBefore);
        // Sunday's two shifts and a's Monday morning (cut at 12:00) are locked; b's Monday 16:00 is not yet begun.
        Assert.Equal(3, plan.Locked.Count);
        Assert.Equal(Duration.FromHours(4), plan.Cut?.Length);
        var a = plan.Scenario.Agent("a");
        Assert.Equal([Tiny.Sunday.PlusDays(1), Tiny.Sunday.PlusDays(2)], plan.LeaveDays);
        Assert.Subset(a.TimeOff.ToHashSet(), plan.LeaveDays.ToHashSet());
        Assert.Contains(a.Locked, l => l.TemplateId == plan.Cut!.TemplateId);
        Assert.DoesNotContain(plan.Scenario.Agent("b").Locked, l => l.Date > Tiny.Sunday);
    }

    [Fact]
    public void Plan_EnteredAfterTheAbsenceStart_LocksWhatOthersBeganMeanwhile()
    {
        // b works Monday 13:00-21:00 here; a is sick from Monday 12:00, entered at 15:30: b's shift had begun and stays.
        var monday = Tiny.Sunday.PlusDays(1);
        var baseline = new Roster([.. Baseline.Shifts.Where(s => !(s.AgentId == "b" && s.Date == monday)), Shift("b", monday, 13)]);
        var plan = SickCalls.Plan(Scenario, baseline, new Absence("a", At(1, 12), End), now: At(1, 15, 30));

        Assert.Contains(plan.Scenario.Agent("b").Locked, l => l.Date == Tiny.Sunday.PlusDays(1));
    }

    [Fact]
    public void Validate_CutShiftOnItsLeaveDay_IsAcceptedBecauseItIsLocked()
    {
        var plan = SickCalls.Plan(Scenario, Baseline, new Absence("a", At(1, 12), End), now: At(1, 12));
        var roster = new Roster([.. plan.Locked, Shift("b", Tiny.Sunday.PlusDays(2), 16)]);

        var report = RosterValidator.Validate(plan.Scenario, roster);

        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
    }

    [Fact]
    public void Validate_ShiftAddedBeforeTheAbsenceStart_IsRefused()
    {
        // b is added on Monday 09:00, before a's absence begins at 12:00: the morning is kept as published.
        var plan = SickCalls.Plan(Scenario, Baseline, new Absence("a", At(1, 12), End), now: At(1, 9));
        var roster = new Roster([.. plan.Locked, Shift("b", Tiny.Sunday.PlusDays(1), 9)]);

        var report = RosterValidator.Validate(plan.Scenario, roster);

        Assert.Contains(report.Violations, v => v.Rule == RuleNames.Availability && v.AgentId == "b" && v.Description.Contains("kept as it was", StringComparison.Ordinal));
    }

    private static ShiftAssignment Shift(string agent, LocalDate date, int hour) =>
        new ShiftCatalog(Scenario).Find("day8", date, new LocalTime(hour, 0), Duration.FromHours(8))!.Assign(agent, Duration.FromMinutes(15));
}
