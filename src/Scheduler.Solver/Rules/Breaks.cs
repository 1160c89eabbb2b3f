using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>
/// Hard: every shift takes each break of its template once, at a start on the grid inside its window. Agents of the
/// same skill group are interchangeable, so breaks are counted per group, shift option and break start (how many of the
/// group's agents on that shift take their meal at 12:30: the counts of a rule add up to the agents on the shift), and
/// the agents on duty per group and interval (<see cref="RosterModel.DutyVars"/>) are those on a shift less those on a
/// break. Exact: any agent of the group can be given any of its break slots afterwards (docs/decisions/004). Labelling:
/// each option's breaks take the slots where being off duty costs least (<see cref="Bound.OptionPrices"/>).
/// </summary>
internal sealed class Breaks : ISolverRule
{
    public string Name => RuleNames.Breaks;

    public void Add(RosterModel m)
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
                foreach (var (option, x) in m.Shifts[agent.Id].SelectMany(day => day))
                {
                    if (!perOption.TryGetValue(option, out var list))
                    {
                        perOption[option] = list = [];
                    }

                    list.Add(x);
                }
            }

            foreach (var (option, xs) in perOption)
            {
                // One integer per group and shift keeps each interval's sums short (shifts, not agents x shifts).
                var count = m.Cp.NewIntVar(0, xs.Count, $"working[{group.Index},{option.Id}]");
                m.Cp.Add(LinearExpr.Sum(xs) == count);
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
                        var y = m.Cp.NewIntVar(0, xs.Count, $"break[{group.Index},{option.Id},{rule.Name},+{offset.TotalMinutes:0}]");
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
    }
}
