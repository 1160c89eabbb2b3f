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
        var proto = m.Cp.Model;
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
            var saved = new List<(int Index, long Lo, long Hi)>();
            void Fix(int index)
            {
                var domain = proto.Variables[index].Domain;
                saved.Add((index, domain[0], domain[^1]));
                domain.Clear();
                domain.Add(current[index]);
                domain.Add(current[index]);
            }

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
                            Fix(x.GetIndex());
                        }
                    }
                }
            }

            foreach (var ((_, option, _), counts) in m.BreakCounts)
            {
                if (!freeDays.Contains(HardRulesDay(m, option)))
                {
                    foreach (var (_, count) in counts)
                    {
                        Fix(count.GetIndex());
                    }
                }
            }

            foreach (var ((t, _, _), z) in m.FlowAt)
            {
                if (!touched[t])
                {
                    Fix(z.GetIndex());
                }
            }

            var hint = new PartialVariableAssignment();
            for (var i = 0; i < current.Length; i++)
            {
                hint.Vars.Add(i);
                hint.Values.Add(current[i]);
            }

            proto.SolutionHint = hint;
            var limit = Math.Min(left.TotalSeconds, Math.Max(2, Math.Min(10, options.TimeLimit.TotalSeconds / 15)));
            var solver = new CpSolver
            {
                // Most variables are fixed: propagation removes them at once, a full presolve would cost more than the step.
                StringParameters = RosterSolver.Parameters(options with { TimeLimit = TimeSpan.FromSeconds(limit), Seed = options.Seed + step, RelativeGap = 0 }) + ",cp_model_presolve:false",
            };
            using (ct.Register(solver.StopSearch))
            {
                var status = solver.Solve(m.Cp);

                long[]? candidate = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible && solver.Response?.Solution is { } solution ? [.. solution] : null;
                var candidateObjective = candidate is null ? long.MaxValue : Polish.RepairFlows(m, candidate, (long)Math.Round(solver.ObjectiveValue));
                if (candidate is not null && candidateObjective < objective)
                {
                    current = candidate;
                    objective = candidateObjective;
                    failures = 0;
                    improved(current, objective);
                }
                else
                {
                    failures++;
                }
            }

            saved.Reverse(); // a variable fixed twice is restored to its first saved domain last
            foreach (var (index, lo, hi) in saved)
            {
                var domain = proto.Variables[index].Domain;
                domain.Clear();
                domain.Add(lo);
                domain.Add(hi);
            }
        }
    }

    private static int HardRulesDay(RosterModel m, Domain.Rostering.ShiftOption option) =>
        NodaTime.Period.Between(m.Scenario.FirstDate, option.Date, NodaTime.PeriodUnits.Days).Days;
}
