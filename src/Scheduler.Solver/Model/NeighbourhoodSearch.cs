using System.Diagnostics;
using Google.OrTools.Sat;

namespace Scheduler.Solver.Model;

/// <summary>
/// Large-neighbourhood search around CP-SAT: keep most of the best roster fixed, free a few agents' weeks or every
/// agent's shifts on two days, and let CP-SAT re-optimise that part from the current roster. On two cores CP-SAT's
/// own portfolio runs little LNS; a focused loop improves large weeks far faster than one long search.
/// </summary>
/// <remarks>Fixing is done on the variable domains of the one model (restored after each step), so nothing is rebuilt.
/// Each step is hinted with the whole current solution, so a step never loses the roster it started from.</remarks>
internal static class NeighbourhoodSearch
{
    public static void Improve(RosterModel m, SolveOptions options, long[] start, long startObjective, TimeSpan until, Stopwatch clock, Action<long[], long> improved, CancellationToken ct)
    {
        var random = new Random(options.Seed);
        var agents = m.Scenario.Agents.Select(a => a.Id).ToList();
        var days = m.Scenario.Days;
        var current = start;
        var objective = startObjective;
        var step = 0;
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var left = until - clock.Elapsed;
            if (left < TimeSpan.FromSeconds(1))
            {
                break;
            }

            // A block of agents over a few consecutive days: shifts there are free, and so are the breaks and skill
            // assignments of the shifts and intervals they can touch; everything else stays as it is.
            var freeAgents = new HashSet<string>();
            var freeDays = new HashSet<int>();
            var span = step % 3 == 0 ? days : Math.Min(days, 2 + (step % 2));
            var first = random.Next(days);
            for (var d = 0; d < span; d++)
            {
                freeDays.Add((first + d) % days);
            }

            var size = span == days ? Math.Clamp(agents.Count / 10, 3, 12) : Math.Clamp(agents.Count / 3, 8, 60);
            size += Math.Min(failures, 6);
            foreach (var id in agents.OrderBy(_ => random.Next()).Take(size))
            {
                freeAgents.Add(id);
            }

            step++;
            var fixedVars = new List<int>();
            var touched = new bool[m.Scenario.Grid.Count];
            foreach (var (agentId, agentDays) in m.Shifts)
            {
                for (var d = 0; d < agentDays.Length; d++)
                {
                    var free = freeAgents.Contains(agentId) && freeDays.Contains(d);
                    foreach (var (option, x) in agentDays[d])
                    {
                        if (free)
                        {
                            for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
                            {
                                touched[t] = true;
                            }
                        }
                        else
                        {
                            fixedVars.Add(x.GetIndex());
                        }
                    }
                }
            }

            foreach (var ((_, option, _), counts) in m.BreakCounts)
            {
                if (!freeDays.Contains(HardRulesDay(m, option)))
                {
                    fixedVars.AddRange(counts.Select(c => c.Count.GetIndex()));
                }
            }

            fixedVars.AddRange(m.FlowAt.Where(f => !touched[f.Key.Interval]).Select(f => f.Value.GetIndex()));
            var limit = Math.Min(left.TotalSeconds, Math.Max(2, Math.Min(10, options.TimeLimit.TotalSeconds / 15)));
            // Most variables are fixed: propagation removes them at once, a full presolve would cost more than the step.
            var parameters = RosterSolver.Parameters(options with { TimeLimit = TimeSpan.FromSeconds(limit), Seed = options.Seed + step, RelativeGap = 0 }) + ",cp_model_presolve:false";
            var result = NeighbourhoodStep.Run(m.Cp, current, fixedVars, parameters, ct);
            var candidateObjective = result is null ? long.MaxValue : Polish.RepairFlows(m, result.Value.Values, result.Value.Objective);
            if (result is not null && candidateObjective < objective)
            {
                current = result.Value.Values;
                objective = candidateObjective;
                failures = 0;
                improved(current, objective);
            }
            else
            {
                failures++;
            }
        }
    }

    private static int HardRulesDay(RosterModel m, Domain.Rostering.ShiftOption option) =>
        NodaTime.Period.Between(m.Scenario.FirstDate, option.Date, NodaTime.PeriodUnits.Days).Days;
}
