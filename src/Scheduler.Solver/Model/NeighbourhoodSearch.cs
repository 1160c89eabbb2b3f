using System.Diagnostics;
using Google.OrTools.Sat;

namespace Scheduler.Solver.Model;

/// <summary>
/// Large-neighbourhood search around CP-SAT: keep most of the best roster fixed, free a few agents' weeks or every
/// agent's shifts on two days, and let CP-SAT re-optimise that part from the current roster. On two cores CP-SAT's
/// own portfolio runs little LNS; a focused loop improves large weeks far faster than one long search.
/// </summary>
/// <remarks>Each step is solved as its own small model (<see cref="SubModel"/>): the fixed part becomes constants, so
/// CP-SAT's memory is the neighbourhood's, not the whole week's (the 1,000-agent week grew to 5 GB when every step
/// loaded the whole model with fixed domains). Each step is hinted with the current solution, so a step never loses
/// the roster it started from.</remarks>
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
        var sub = new SubModel(m.Cp.Model);
        var variables = m.Cp.Model.Variables.Count;
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
            var size = span == days ? Math.Clamp(agents.Count / 10, 3, 12) : Math.Clamp(agents.Count / 3, 8, 60);
            size += Math.Min(failures, 6);
            var pool = agents;
            if (step % 2 == 1 && Shortfall(m, current, random) is { } worst)
            {
                // Guided by the explanation: the day of one of the largest shortfalls and the day before (a night
                // shift starts then), and the agents who have a skill short there.
                span = Math.Min(days, 2);
                first = (worst.Day - 1 + days) % days;
                pool = [.. m.Scenario.Agents.Where(a => worst.Skills.Any(a.Skills.Contains)).Select(a => a.Id)];
            }

            for (var d = 0; d < span; d++)
            {
                freeDays.Add((first + d) % days);
            }

            foreach (var id in pool.OrderBy(_ => random.Next()).Take(size))
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
            var parameters = RosterSolver.Parameters(options with { TimeLimit = TimeSpan.FromSeconds(limit), Seed = options.Seed + step, RelativeGap = 0 });
            (long[] Values, long Objective, CpSolverStatus Status)? result;
            if (sub.Supports)
            {
                // Only the neighbourhood goes to CP-SAT (the fixed part as constants): its memory is the step's, not the
                // week's. Without presolve CP-SAT takes the complete hint at once; with it the 50-agent week's 2 s steps
                // found nothing.
                var isFixed = new bool[variables];
                foreach (var index in fixedVars)
                {
                    isFixed[index] = true;
                }

                result = sub.Solve(current, isFixed, parameters + ",cp_model_presolve:false", ct);
            }
            else
            {
                // Most variables are fixed: propagation removes them at once, a full presolve would cost more than the step.
                result = NeighbourhoodStep.Run(m.Cp, current, fixedVars, parameters + ",cp_model_presolve:false", ct);
            }

            NativeMemory.Release(); // the step's model and CP-SAT's arenas, before the next step allocates its own
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

    /// <summary>One of the ten intervals most short in the current solution (picked at random, weighted by how
    /// short): its day and the skills short there; null when nothing is short.</summary>
    private static (int Day, HashSet<string> Skills)? Shortfall(RosterModel m, long[] values, Random random)
    {
        var scenario = m.Scenario;
        var groupSkills = m.Groups.Select(g => g.SkillIndices).ToList();
        var worst = new List<(int Interval, int Short, HashSet<string> Skills)>();
        for (var t = 0; t < scenario.Grid.Count; t++)
        {
            var required = scenario.Skills.Select(s => scenario.Requirements[s][t]).ToArray();
            if (required.Sum() == 0)
            {
                continue;
            }

            var duty = m.Groups.Select(g => (int)values[m.DutyVars[g.Index, t].GetIndex()]).ToArray();
            var covered = Domain.Rostering.CoverageFlow.Covered(duty, groupSkills, required);
            var skills = new HashSet<string>();
            var shortBy = 0;
            for (var s = 0; s < required.Length; s++)
            {
                if (required[s] > covered[s])
                {
                    shortBy += required[s] - covered[s];
                    skills.Add(scenario.Skills[s]);
                }
            }

            if (shortBy > 0)
            {
                worst.Add((t, shortBy, skills));
            }
        }

        if (worst.Count == 0)
        {
            return null;
        }

        var top = worst.OrderByDescending(w => w.Short).Take(10).ToList();
        var pick = random.Next(top.Sum(w => w.Short));
        foreach (var w in top)
        {
            pick -= w.Short;
            if (pick < 0)
            {
                return (HardRulesDay(m, scenario.Grid.Intervals[w.Interval].Date), w.Skills);
            }
        }

        return null;
    }

    private static int HardRulesDay(RosterModel m, Domain.Rostering.ShiftOption option) => HardRulesDay(m, option.Date);

    private static int HardRulesDay(RosterModel m, NodaTime.LocalDate date) =>
        NodaTime.Period.Between(m.Scenario.FirstDate, date, NodaTime.PeriodUnits.Days).Days;
}
