using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Constraints;

/// <summary>
/// Breaks placed inside their windows, and exact multi-skill coverage: in every interval the agents on duty (not on
/// break) are assigned, each to one of their skills, by flow variables per skill group; what no assignment can
/// cover is the under-coverage cost. Over-coverage and staffing where nothing is required are costed too.
/// </summary>
/// <remarks>
/// Agents with the same skills are interchangeable, so breaks are counted per group, shift and break start
/// (how many of the group's agents on that shift take their meal at 12:30), and the flow runs from groups to
/// skills. This keeps the model at groups × intervals instead of agents × intervals × skills, and is exact: any
/// agent of the group can be given any of the group's break slots afterwards. docs/decisions/004-coverage-model.md.
/// </remarks>
internal static class Coverage
{
    public static void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        var grid = scenario.Grid;
        var onDuty = new LinearExprBuilder[m.Groups.Count][];
        for (var g = 0; g < m.Groups.Count; g++)
        {
            onDuty[g] = new LinearExprBuilder[grid.Count];
            for (var t = 0; t < grid.Count; t++)
            {
                onDuty[g][t] = LinearExpr.NewBuilder();
            }
        }

        foreach (var group in m.Groups)
        {
            var perOption = new Dictionary<ShiftOption, List<BoolVar>>();
            foreach (var agent in group.Agents)
            {
                foreach (var day in m.Shifts[agent.Id])
                {
                    foreach (var (option, x) in day)
                    {
                        if (!perOption.TryGetValue(option, out var list))
                        {
                            perOption[option] = list = [];
                        }

                        list.Add(x);
                    }
                }
            }

            var shifts = perOption.Select(kv => (Option: kv.Key, Count: Counted(m, group, kv.Key, kv.Value), Max: kv.Value.Count)).ToList();
            foreach (var (option, count, max) in shifts)
            {
                for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
                {
                    onDuty[group.Index][t].Add(count);
                }

                foreach (var rule in option.Breaks)
                {
                    var offsets = option.BreakOffsets(rule, scenario.IntervalLength);
                    if (offsets.Count == 0)
                    {
                        throw new ArgumentException($"Template '{option.TemplateId}': break '{rule.Name}' has no start on the grid inside its window for a {option.Elapsed.TotalHours:0.##} h shift.", nameof(m));
                    }

                    var counts = new List<(Duration, IntVar)>();
                    foreach (var offset in offsets)
                    {
                        var y = m.Cp.NewIntVar(0, max, $"break[{group.Index},{option.Id},{rule.Name},+{offset.TotalMinutes:0}]");
                        counts.Add((offset, y));
                        var breakStart = option.StartInstant + offset;
                        var breakEnd = breakStart + rule.Length;
                        for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
                        {
                            var start = grid.Intervals[t].Start;
                            if (start >= breakStart && start < breakEnd)
                            {
                                onDuty[group.Index][t].AddTerm(y, -1);
                            }
                        }
                    }

                    m.Cp.Add(LinearExpr.Sum(counts.Select(c => (LinearExpr)c.Item2)) == count);
                    m.BreakCounts[(group.Index, option, rule.Name)] = counts;
                }
            }
        }

        var rules = scenario.Rules;
        var dutyVars = new IntVar[m.Groups.Count, grid.Count];
        for (var g = 0; g < m.Groups.Count; g++)
        {
            for (var t = 0; t < grid.Count; t++)
            {
                dutyVars[g, t] = m.Cp.NewIntVar(0, m.Groups[g].Agents.Count, $"onDuty[{g},{t}]");
                m.Cp.Add(onDuty[g][t] == dutyVars[g, t]);
            }
        }

        m.DutyVars = dutyVars;
        for (var t = 0; t < grid.Count; t++)
        {
            var required = scenario.Skills.Select(s => scenario.Requirements[s][t]).ToArray();
            var total = required.Sum();
            var duty = LinearExpr.Sum(Enumerable.Range(0, m.Groups.Count).Select(g => (LinearExpr)dutyVars[g, t]));
            var maxDuty = scenario.Agents.Count;
            if (total == 0)
            {
                m.Penalize(RuleNames.IdleStaffing, duty, rules.IdleStaffing);
                continue;
            }

            var served = new LinearExprBuilder[required.Length];
            for (var s = 0; s < required.Length; s++)
            {
                served[s] = LinearExpr.NewBuilder();
            }

            foreach (var group in m.Groups)
            {
                var flows = new List<IntVar>();
                foreach (var s in group.SkillIndices.Where(s => required[s] > 0))
                {
                    var z = m.Cp.NewIntVar(0, required[s], $"serve[{t},{group.Index},{scenario.Skills[s]}]");
                    flows.Add(z);
                    m.Flows.Add(z);
                    m.FlowAt[(t, group.Index, s)] = z;
                    served[s].Add(z);
                }

                if (flows.Count > 0)
                {
                    m.Cp.Add(LinearExpr.Sum(flows) <= dutyVars[group.Index, t]);
                }
            }

            for (var s = 0; s < required.Length; s++)
            {
                if (required[s] > 0)
                {
                    // Under-coverage = required - served, as its own non-negative variable: the LP bound then starts at
                    // zero instead of minus the whole requirement, and the explanation reads it directly.
                    var under = m.Cp.NewIntVar(0, required[s], $"short[{t},{scenario.Skills[s]}]");
                    m.Cp.Add(served[s] + under == required[s]);
                    m.Penalize(RuleNames.UnderCoverage, under, rules.UnderCoverage);
                }
            }

            if (rules.OverCoverage > 0)
            {
                var over = m.Cp.NewIntVar(0, maxDuty, $"over[{t}]");
                m.Cp.AddMaxEquality(over, [LinearExpr.Constant(0), LinearExpr.Affine(duty, 1, -total)]);
                m.Penalize(RuleNames.OverCoverage, over, rules.OverCoverage);
            }
        }
    }

    /// <summary>One integer per group and shift keeps each interval's sums short (shifts, not agents x shifts).</summary>
    private static IntVar Counted(RosterModel m, SkillGroup group, ShiftOption option, List<BoolVar> xs)
    {
        var count = m.Cp.NewIntVar(0, xs.Count, $"working[{group.Index},{option.Id}]");
        m.Cp.Add(LinearExpr.Sum(xs) == count);
        return count;
    }
}
