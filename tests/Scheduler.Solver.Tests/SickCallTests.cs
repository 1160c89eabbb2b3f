using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests;

/// <summary>A sick call re-solved on the real solver: only what starts at or after the absence changes.</summary>
public sealed class SickCallTests
{
    private static readonly BreakRule Lunch = new("lunch", Duration.FromMinutes(30), Paid: false, Duration.FromHours(2), Duration.FromHours(6));

    [Fact]
    public void ReSolve_AfterASickCallMidShift_ChangesOnlyShiftsFromTheAbsenceStart()
    {
        // Three days, one agent needed 08:00-16:00 and one 16:00-24:00 every day, four agents to choose from.
        var tiny = new Tiny(days: 3).Template("day8", 8, Lunch);
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            tiny.Agent(id);
        }

        for (var day = 0; day < 3; day++)
        {
            tiny.Need(1, 8, 8, day).Need(1, 16, 8, day);
        }

        var scenario = tiny.Build();
        var baseline = SolverTestKit.SolveAndValidate(scenario).Result.Roster!;
        var monday = Tiny.Sunday.PlusDays(1);
        var sick = baseline.Shifts.First(s => s.Date == monday && s.Start == new LocalTime(8, 0));
        var from = monday.At(new LocalTime(12, 0)).InZoneStrictly(Tiny.Dhaka).ToInstant();
        var until = Tiny.Sunday.PlusDays(3).AtStartOfDayInZone(Tiny.Dhaka).ToInstant();
        var absence = new Absence(sick.AgentId, from, until);

        var plan = SickCalls.Plan(scenario, baseline, absence, now: from);
        var solved = SolverTestKit.SolveAndValidate(plan.Scenario, SolverTestKit.Quick with { Baseline = baseline }).Result.Roster!;
        var roster = SickCalls.KeepWorked(plan, solved);

        var report = RosterValidator.Validate(plan.Scenario, roster, baseline);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        var catalog = new ShiftCatalog(plan.Scenario);
        var baseCatalog = new ShiftCatalog(scenario);
        // Every change is a shift starting at or after the absence start, or the absent agent's shift cut at it.
        foreach (var change in RosterDiff.Between(baseline, roster).Changes)
        {
            var before = change.Before is null ? null : baseCatalog.Find(change.Before);
            var after = change.After is null ? null : catalog.Find(change.After);
            var isTheCut = change.AgentId == sick.AgentId && change.Date == monday && change.After?.TemplateId == plan.Cut!.TemplateId;
            Assert.True(isTheCut || ((before is null || before.StartInstant >= from) && (after is null || after.StartInstant >= from)), change.Describe());
        }

        // The part worked stays, 4 hours with the lunch already taken (if it was), and nothing after it for the sick agent.
        var cut = Assert.Single(roster.Shifts, s => s.AgentId == sick.AgentId && s.Date == monday);
        Assert.Equal(Duration.FromHours(4), cut.Length);
        Assert.Equal(sick.Breaks.Where(b => b.End <= from), cut.Breaks);
        Assert.DoesNotContain(roster.Shifts, s => s.AgentId == sick.AgentId && s.Date > monday);
        // Someone else takes Monday 12:00-16:00: no interval of the horizon is short.
        Assert.DoesNotContain(report.Costs, c => c.Rule == RuleNames.UnderCoverage);
    }

    [Fact]
    public void ReSolve_ScenarioWithACutShift_ReadsBackAndStillJudgesTheRosterValid()
    {
        var tiny = new Tiny(days: 2).Template("day8", 8, Lunch).Agent("a").Agent("b").Agent("c").Need(1, 8, 8).Need(1, 8, 8, day: 1);
        var scenario = tiny.Build();
        var baseline = SolverTestKit.SolveAndValidate(scenario).Result.Roster!;
        var sick = baseline.Shifts.First(s => s.Date == Tiny.Sunday && s.Start < new LocalTime(14, 0) && s.Start.PlusHours(8) > new LocalTime(14, 0));
        var from = Tiny.Sunday.At(new LocalTime(14, 0)).InZoneStrictly(Tiny.Dhaka).ToInstant();
        var plan = SickCalls.Plan(scenario, baseline, new Absence(sick.AgentId, from, Tiny.Sunday.PlusDays(2).AtStartOfDayInZone(Tiny.Dhaka).ToInstant()), from);
        var roster = SickCalls.KeepWorked(plan, SolverTestKit.SolveAndValidate(plan.Scenario, SolverTestKit.Quick with { Baseline = baseline }).Result.Roster!);

        var read = ScenarioJson.Read(ScenarioJson.Write(plan.Scenario), "sick call scenario");

        var template = Assert.Single(read.Templates, t => t.OnlyFor is not null);
        Assert.Equal(new TemplateScope(sick.AgentId, Tiny.Sunday), template.OnlyFor);
        var report = RosterValidator.Validate(read, roster);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        // No one else is offered the part worked.
        var other = read.Agents.First(a => a.Id != sick.AgentId);
        Assert.NotNull(ShiftCatalog.Refusal(other, new ShiftCatalog(read).Options.First(o => o.OnlyFor is not null)));
    }
}
