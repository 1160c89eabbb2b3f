using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests;

/// <summary>A whole generated week (Anonymous Bank shapes, several skills, breaks, part-timers, wishes, time off).</summary>
[Trait("Category", "Slow")]
public sealed class GeneratedScenarioTests
{
    [Fact]
    public void Solve_GeneratedWeek_IsValidAndExplained()
    {
        var profile = ProfileFile.Read(SolverTestKit.DataFile("profiles", "anonymous-bank-weekly.csv"));
        var scenario = ScenarioGenerator.Generate(new ScenarioGeneratorOptions { Agents = 16, Skills = 2, Days = 7, Seed = 3 }, profile);

        var (result, report) = SolverTestKit.SolveAndValidate(scenario, SolverTestKit.Quick with { TimeLimit = TimeSpan.FromSeconds(15) });

        Assert.True(result.Roster!.Shifts.Count > 16 * 3);
        Assert.All(result.Roster.Shifts, s => Assert.Equal(scenario.Template(s.TemplateId).Breaks.Count, s.Breaks.Count));
        Assert.Equal(report.Costs.OrderByDescending(c => c.Cost).Select(c => c.Cost), report.Costs.Select(c => c.Cost)); // sorted by size
        Assert.True(result.Bound <= result.Objective);
    }
}
