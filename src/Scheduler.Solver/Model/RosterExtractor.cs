using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Model;

/// <summary>The values of one solution that make up a roster: the shift choices and the break counts.</summary>
internal sealed record Snapshot(Dictionary<string, bool[][]> Shifts, Dictionary<(int Group, ShiftOption Option, string Rule), long[]> Breaks, long Objective, long Served, long[,] Duty);

/// <summary>Turns solution values into a roster, giving each group's break slots to its agents on that shift.</summary>
internal static class RosterExtractor
{
    public static Snapshot Capture(RosterModel m, Func<IntVar, long> value, Func<ILiteral, bool> literal, long objective)
    {
        var shifts = m.Shifts.ToDictionary(kv => kv.Key, kv => kv.Value.Select(day => day.Select(s => literal(s.Var)).ToArray()).ToArray());
        var breaks = m.BreakCounts.ToDictionary(kv => kv.Key, kv => kv.Value.Select(c => value(c.Count)).ToArray());
        var duty = new long[m.DutyVars.GetLength(0), m.DutyVars.GetLength(1)];
        for (var g = 0; g < duty.GetLength(0); g++)
        {
            for (var t = 0; t < duty.GetLength(1); t++)
            {
                duty[g, t] = value(m.DutyVars[g, t]);
            }
        }

        return new Snapshot(shifts, breaks, objective, m.Flows.Sum(value), duty);
    }

    public static Roster Extract(RosterModel m, Snapshot snapshot)
    {
        var working = new Dictionary<(int Group, ShiftOption Option), List<RosterAgent>>();
        foreach (var agent in m.Scenario.Agents)
        {
            var days = m.Shifts[agent.Id];
            for (var d = 0; d < days.Length; d++)
            {
                for (var i = 0; i < days[d].Count; i++)
                {
                    if (snapshot.Shifts[agent.Id][d][i])
                    {
                        var key = (m.GroupOf[agent.Id], days[d][i].Option);
                        if (!working.TryGetValue(key, out var list))
                        {
                            working[key] = list = [];
                        }

                        list.Add(agent);
                    }
                }
            }
        }

        var shifts = new List<ShiftAssignment>();
        foreach (var ((group, option), agents) in working)
        {
            var breaks = agents.ToDictionary(a => a.Id, _ => new List<BreakAssignment>());
            foreach (var rule in option.Breaks)
            {
                var counts = snapshot.Breaks[(group, option, rule.Name)];
                var offsets = m.BreakCounts[(group, option, rule.Name)];
                var next = 0;
                for (var k = 0; k < counts.Length; k++)
                {
                    for (var c = 0; c < counts[k]; c++)
                    {
                        var start = option.StartInstant + offsets[k].Offset;
                        breaks[agents[next++].Id].Add(new BreakAssignment(rule.Name, start, start + rule.Length, rule.Paid));
                    }
                }
            }

            foreach (var agent in agents)
            {
                shifts.Add(new ShiftAssignment(agent.Id, option.Date, option.TemplateId, option.LocalStart, option.Length, [.. breaks[agent.Id].OrderBy(b => b.Start)]));
            }
        }

        return new Roster([.. shifts.OrderBy(s => s.Date).ThenBy(s => s.AgentId, StringComparer.Ordinal)]);
    }

    /// <summary>The break counts a roster implies, per group, shift option, break rule and offset.</summary>
    public static Dictionary<(int Group, ShiftOption Option, string Rule, Duration Offset), int> BreakCounts(RosterModel m, Roster roster)
    {
        var counts = new Dictionary<(int, ShiftOption, string, Duration), int>();
        foreach (var shift in roster.Shifts)
        {
            var option = m.Catalog.Find(shift);
            if (option is null || !m.GroupOf.TryGetValue(shift.AgentId, out var group))
            {
                continue;
            }

            foreach (var b in shift.Breaks)
            {
                var key = (group, option, b.Name, b.Start - option.StartInstant);
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts;
    }
}
