using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Model;

/// <summary>
/// Turns the greedy shift hint into a complete solution (breaks, skill flows and every cost variable) by solving
/// the model with the shifts fixed, then hints the whole solution, so the main search starts from a valid roster.
/// </summary>
/// <remarks>CP-SAT repairs a partial hint slowly on two workers; a complete, feasible hint is taken at once.</remarks>
internal static class WarmStart
{
    /// <remarks>It may take up to two thirds of the time limit (at most 30 s) and stops at its first solution, so it
    /// uses only what it needs: on a loaded machine a third was too little for a two-week horizon, and the solve then
    /// returned no roster at all (CP-SAT from the partial hint found none in the rest).</remarks>
    public static (Snapshot Snapshot, long[] Solution)? Complete(RosterModel m, SolveOptions options)
    {
        var solver = new CpSolver
        {
            StringParameters = RosterSolver.Parameters(options with { TimeLimit = TimeSpan.FromSeconds(Math.Min(30, options.TimeLimit.TotalSeconds * 2 / 3)), ExtraParameters = null })
                + ",fix_variables_to_their_hinted_value:true,stop_after_first_solution:true",
        };
        var status = solver.Solve(m.Cp);
        if (status is not (CpSolverStatus.Feasible or CpSolverStatus.Optimal))
        {
            return null; // keep the partial hint; the main search repairs it
        }

        var solution = solver.Response?.Solution;
        if (solution is null)
        {
            return null;
        }

        var hint = new PartialVariableAssignment();
        for (var i = 0; i < solution.Count; i++)
        {
            hint.Vars.Add(i);
            hint.Values.Add(solution[i]);
        }

        m.Cp.Model.SolutionHint = hint;
        long[] values = [.. solution];
        return (RosterExtractor.Capture(m, v => values[v.GetIndex()], l => values[l.GetIndex()] != 0, (long)Math.Round(solver.ObjectiveValue)), values);
    }

    /// <summary>
    /// A roster (shifts and breaks) completed into a full solution of the model: the shift choices and break counts
    /// are hinted and fixed, the rest solved. On failure the model's previous hint is put back.
    /// </summary>
    public static (Snapshot Snapshot, long[] Solution)? FromRoster(RosterModel m, Roster roster, SolveOptions options)
    {
        var previous = m.Cp.Model.SolutionHint;
        var hint = new PartialVariableAssignment();
        var worked = roster.Shifts.Select(s => (s.AgentId, s.Date, s.TemplateId, s.Start, s.Length)).ToHashSet();
        foreach (var (agentId, days) in m.Shifts)
        {
            foreach (var day in days)
            {
                foreach (var (option, x) in day)
                {
                    hint.Vars.Add(x.GetIndex());
                    hint.Values.Add(worked.Contains((agentId, option.Date, option.TemplateId, option.LocalStart, option.Length)) ? 1 : 0);
                }
            }
        }

        var counts = RosterExtractor.BreakCounts(m, roster);
        foreach (var ((group, option, rule), slots) in m.BreakCounts)
        {
            foreach (var (offset, count) in slots)
            {
                hint.Vars.Add(count.GetIndex());
                hint.Values.Add(counts.GetValueOrDefault((group, option, rule, offset)));
            }
        }

        m.Cp.Model.SolutionHint = hint;
        var completed = Complete(m, options);
        if (completed is null)
        {
            m.Cp.Model.SolutionHint = previous;
        }

        return completed;
    }
}
