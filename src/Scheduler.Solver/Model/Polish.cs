using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Model;

/// <summary>
/// The solver's exact objective of a fixed roster: every shift and break fixed, the skill assignment (a flow)
/// solved to optimality. During the search the flow of a non-final solution may be left short of its best, so the
/// reported objective of the final roster comes from this step; it must equal the validator's total.
/// </summary>
internal static class Polish
{
    public static long Objective(RosterScenario scenario, SolveOptions options, Roster roster)
    {
        var model = RosterSolver.Build(scenario, options.Baseline, withAssumptions: false);
        var chosen = roster.Shifts.Select(s => (s.AgentId, s.Date, s.TemplateId, s.Start, s.Length)).ToHashSet();
        foreach (var (agentId, days) in model.Shifts)
        {
            foreach (var day in days)
            {
                foreach (var (option, x) in day)
                {
                    model.Cp.Add(x == (chosen.Contains((agentId, option.Date, option.TemplateId, option.LocalStart, option.Length)) ? 1 : 0));
                }
            }
        }

        var breaks = RosterExtractor.BreakCounts(model, roster);
        foreach (var ((group, option, rule), counts) in model.BreakCounts)
        {
            foreach (var (offset, count) in counts)
            {
                model.Cp.Add(count == breaks.GetValueOrDefault((group, option, rule, offset)));
            }
        }

        var solver = new CpSolver { StringParameters = RosterSolver.Parameters(options with { TimeLimit = TimeSpan.FromSeconds(60), RelativeGap = 0 }) };
        var status = solver.Solve(model.Cp);
        if (status != CpSolverStatus.Optimal)
        {
            throw new InvalidOperationException($"Evaluating the final roster ended {status}; the roster breaks a hard rule of the model.");
        }

        return (long)Math.Round(solver.ObjectiveValue);
    }
}
