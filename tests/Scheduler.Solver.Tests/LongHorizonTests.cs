using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests;

/// <summary>
/// Horizons beyond one week (the scenario format allows 1 to 28 days; centres plan two or four weeks at once). The
/// greedy start used to spread the whole horizon's hours over the first week, so its hint broke the second week's
/// minimum and no roster came back for 8 days or more.
/// </summary>
[Trait("Category", "Slow")]
public sealed class LongHorizonTests
{
    [Theory]
    [InlineData(8)] // one week and a day: the short last block has its own (pro-rata) minimum
    [InlineData(14)] // two full weeks
    public void Solve_LongerThanAWeek_GivesAValidRosterMeetingEveryWeeksHours(int days)
    {
        var profile = ProfileFile.Read(SolverTestKit.DataFile("profiles", "anonymous-bank-weekly.csv"));
        var scenario = ScenarioGenerator.Generate(new ScenarioGeneratorOptions { Agents = 20, Skills = 3, Days = days, Seed = 5 }, profile);

        var (result, report) = SolverTestKit.SolveAndValidate(scenario, SolverTestKit.Quick with { TimeLimit = TimeSpan.FromSeconds(15) });

        Assert.Equal(days, scenario.Days);
        Assert.Contains(result.Roster!.Shifts, s => s.Date >= scenario.FirstDate.PlusDays(7)); // the second block is worked
        Assert.True(result.Bound <= result.Objective);
        Assert.True(report.IsValid);
    }
}
