using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Model;

/// <summary>
/// When the hard rules cannot all hold: re-solves with each agent's hard rules behind assumption literals and asks
/// CP-SAT for a set of assumptions that is enough to be infeasible, reported per agent ("Karim: paid hours per week,
/// days off in every 7 days").
/// </summary>
internal static class ConflictFinder
{
    public static IReadOnlyList<RuleConflict> Find(RosterScenario scenario, SolveOptions options)
    {
        var model = RosterSolver.Build(scenario, options.Baseline, withAssumptions: true);
        model.Cp.AddAssumptions(model.Assumptions.Select(a => (ILiteral)a.Literal));
        var solver = new CpSolver { StringParameters = FormattableString.Invariant($"max_time_in_seconds:{Math.Min(60, options.TimeLimit.TotalSeconds):0.###},num_workers:1,random_seed:{options.Seed}") };
        var status = solver.Solve(model.Cp);
        if (status != CpSolverStatus.Infeasible)
        {
            return [];
        }

        var core = solver.SufficientAssumptionsForInfeasibility().ToHashSet();
        return [.. model.Assumptions
            .Where(a => core.Contains(a.Literal.GetIndex()))
            .GroupBy(a => a.AgentId)
            .Select(g => new RuleConflict(g.Key, scenario.Agent(g.Key).Name, [.. g.Select(a => a.Rule).Distinct()]))];
    }
}
