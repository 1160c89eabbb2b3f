using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests;

internal static class SolverTestKit
{
    public static readonly SolveOptions Quick = new() { TimeLimit = TimeSpan.FromSeconds(20), Workers = 2, Seed = 1 };

    /// <summary>Solves, then judges the roster with the validator (which never calls the solver) and checks the
    /// solver's objective equals the validator's total. Every solver test ends here.</summary>
    public static (SolveResult Result, ValidationReport Report) SolveAndValidate(RosterScenario scenario, SolveOptions? options = null)
    {
        var result = RosterSolver.Solve(scenario, options ?? Quick);
        Assert.NotNull(result.Roster);
        var report = RosterValidator.Validate(scenario, result.Roster!, (options ?? Quick).Baseline);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        Assert.Equal(report.TotalCost, result.Objective);
        return (result, report);
    }

    /// <summary>A file of the repository's data/ folder (the profiles the scenario generator draws from).</summary>
    public static string DataFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "data", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"data/{string.Join('/', parts)} not found above {AppContext.BaseDirectory}");
    }
}
