using Google.OrTools.Sat;

namespace Scheduler.Solver.Model;

/// <summary>
/// One step of a large-neighbourhood search on a built model: fix the given variables to their values in the
/// current solution, hint the rest with it, solve, and restore the domains, so the model is never rebuilt.
/// </summary>
/// <remarks>Shared by the roster engine's <see cref="NeighbourhoodSearch"/> and the benchmark mode
/// (<see cref="Curtois.CurtoisSolver"/>): the neighbourhoods differ, the mechanics do not.</remarks>
internal static class NeighbourhoodStep
{
    /// <summary>Hints every variable of the model with a full solution's values (the roster and benchmark engines' start).</summary>
    public static void HintAll(CpModel model, long[] values)
    {
        var hint = new PartialVariableAssignment();
        for (var i = 0; i < values.Length; i++)
        {
            hint.Vars.Add(i);
            hint.Values.Add(values[i]);
        }

        model.Model.SolutionHint = hint;
    }

    /// <summary>The step's best solution and its objective, or null when it found none in time.</summary>
    public static (long[] Values, long Objective, CpSolverStatus Status)? Run(CpModel model, long[] current, IEnumerable<int> fixedVariables, string parameters, CancellationToken ct)
    {
        var proto = model.Model;
        var saved = new List<(int Index, long[] Domain)>();
        foreach (var index in fixedVariables)
        {
            var domain = proto.Variables[index].Domain;
            saved.Add((index, [.. domain]));
            domain.Clear();
            domain.Add(current[index]);
            domain.Add(current[index]);
        }

        HintAll(model, current);
        try
        {
            var solver = new CpSolver { StringParameters = parameters };
            using var registration = ct.Register(solver.StopSearch);
            var status = solver.Solve(model);
            return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible && solver.Response?.Solution is { Count: > 0 } solution
                ? ([.. solution], (long)Math.Round(solver.ObjectiveValue), status)
                : null;
        }
        finally
        {
            saved.Reverse(); // a variable fixed twice gets its first saved domain back last
            foreach (var (index, domain) in saved)
            {
                var target = proto.Variables[index].Domain;
                target.Clear();
                target.Add(domain);
            }
        }
    }
}
