using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests;

public sealed class RosterSolveJobTests
{
    [Fact]
    public async Task Job_ReportsProgressAndCancelKeepsTheBest()
    {
        var scenario = new Tiny(days: 7).Template().Agent("a").Agent("b").Agent("c").Agent("d").Need(2, 6, 12).Need(1, 0, 24, day: 2).Build();
        using var job = RosterSolveJob.Start(scenario, SolverTestKit.Quick with { TimeLimit = TimeSpan.FromSeconds(120) });

        while (job.Latest is null && !job.Completion.IsCompleted)
        {
            await Task.Delay(20);
        }

        job.Cancel();
        var result = await job.Completion;

        Assert.NotNull(job.Latest);
        Assert.NotNull(result.Roster);
        var report = RosterValidator.Validate(scenario, result.Roster!);
        Assert.True(report.IsValid);
        Assert.Equal(report.TotalCost, result.Objective);
    }
}
