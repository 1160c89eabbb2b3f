using Scheduler.Domain.Curtois;
using Scheduler.Solver.Curtois;

namespace Scheduler.Solver.Tests;

/// <summary>The benchmark mode of the engine; every test ends in the benchmark's validator, which never calls the solver.</summary>
public sealed class CurtoisSolverTests
{
    [Fact]
    public void Solve_Tiny_IsOptimalAndAgreesWithTheValidator()
    {
        var instance = TinyCurtois.Instance();

        var (result, report) = SolveAndValidate(instance, TimeSpan.FromSeconds(10));

        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.True(report.Penalty < TinyCurtois.HandRosterPenalty, "the hand roster leaves people short that the solver can place");
        Assert.Equal(report.Penalty, result.Bound);
    }

    [Fact]
    public void Solve_Instance1_ReachesTheBestKnown607()
    {
        var instance = CurtoisReader.Read(Curtois("Instance1.txt"));

        // The solve stops once the bound proves 607 (seconds on an idle machine); the limit leaves room for a machine
        // busy with the other test assemblies, which run at the same time.
        var (result, report) = SolveAndValidate(instance, TimeSpan.FromSeconds(90));

        Assert.Equal(607, report.Penalty);
        Assert.Equal(SolveStatus.Optimal, result.Status);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Solve_Instance2_ColumnGenerationProvesTheBestKnown828()
    {
        // CP-SAT's own bound on this instance stays near 200; the LP over whole schedules reaches 828, so the solve
        // ends proved well before its time limit.
        var instance = CurtoisReader.Read(Curtois("Instance2.txt"));

        var (result, report) = SolveAndValidate(instance, TimeSpan.FromSeconds(40));

        Assert.Equal(828, report.Penalty);
        Assert.Equal(828, result.Bound);
        Assert.Equal(SolveStatus.Optimal, result.Status);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(40), "proved before the limit");
    }

    [Fact]
    public void Solve_Cancelled_KeepsTheBestRosterSoFar()
    {
        var instance = CurtoisReader.Read(Curtois("Instance8.txt"));
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfterFirst(cancel);

        var result = CurtoisSolver.Solve(instance, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(60), Workers = 2, Seed = 1 }, progress, cancel.Token);

        Assert.NotNull(result.Roster);
        var report = CurtoisValidator.Validate(instance, result.Roster!);
        Assert.True(report.Feasible, string.Join("; ", report.Violations));
        Assert.Equal(report.Penalty, result.Objective);
        Assert.True(result.Elapsed < TimeSpan.FromSeconds(50), "stopped long before the limit");
    }

    private static (CurtoisSolveResult Result, CurtoisReport Report) SolveAndValidate(CurtoisInstance instance, TimeSpan limit)
    {
        var result = CurtoisSolver.Solve(instance, new SolveOptions { TimeLimit = limit, Workers = 2, Seed = 1 });
        Assert.NotNull(result.Roster);
        var report = CurtoisValidator.Validate(instance, result.Roster!);
        Assert.True(report.Feasible, string.Join("; ", report.Violations));
        Assert.Equal(report.Penalty, result.Objective);
        Assert.True(result.Bound <= result.Objective);
        return (result, report);
    }

    private static string Curtois(string file) => CurtoisFiles.Path(file);

    private sealed class CancelAfterFirst(CancellationTokenSource cancel) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value) => cancel.Cancel();
    }
}

/// <summary>The benchmark's instance files, found beside the repository (../shared/benchmarks/curtois).</summary>
internal static class CurtoisFiles
{
    public static string Path(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "benchmarks", "curtois", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"shared/benchmarks/curtois/{file} not found beside the repository");
    }
}
