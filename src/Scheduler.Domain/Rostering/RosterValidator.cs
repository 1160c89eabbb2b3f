using NodaTime;

namespace Scheduler.Domain.Rostering;

/// <summary>
/// Judges a roster from the roster alone, never calling the solver: every hard rule, every cost term, and the
/// coverage of every interval (a maximum flow of agents on duty to the skills they have). This is the executable
/// specification of the roster engine; the solver's objective must equal <see cref="ValidationReport.TotalCost"/>.
/// </summary>
public static class RosterValidator
{
    public static ValidationReport Validate(RosterScenario scenario, Roster roster, Roster? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(roster);
        var catalog = new ShiftCatalog(scenario);
        var violations = new List<Violation>();
        var costs = new List<CostTerm>();
        var placed = new List<(RosterAgent Agent, ShiftAssignment Shift, ShiftOption Option)>();
        foreach (var shift in roster.Shifts)
        {
            var agent = scenario.Agents.FirstOrDefault(a => a.Id == shift.AgentId);
            if (agent is null)
            {
                violations.Add(new Violation(RuleNames.UnknownAgent, shift.AgentId, shift.Date, $"agent '{shift.AgentId}' is not in the scenario"));
                continue;
            }

            var option = catalog.Find(shift);
            if (option is null)
            {
                violations.Add(new Violation(RuleNames.UnknownShift, agent.Id, shift.Date, $"{agent.Name}: {shift.TemplateId} at {shift.Start:HH:mm} for {shift.Length.TotalHours:0.##} h on {shift.Date} is not a shift any template allows"));
                continue;
            }

            placed.Add((agent, shift, option));
        }

        var byAgent = placed.GroupBy(p => p.Agent.Id).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Option.StartInstant).ToList());
        foreach (var agent in scenario.Agents)
        {
            var shifts = byAgent.GetValueOrDefault(agent.Id) ?? [];
            HardRules.Check(catalog, agent, shifts, violations);
        }

        var coverage = Coverage(scenario, placed, costs);
        SoftRules.Costs(catalog, byAgent, baseline, costs);
        return new ValidationReport(violations, [.. costs.OrderByDescending(c => c.Cost)], coverage);
    }

    private static List<IntervalCoverage> Coverage(RosterScenario scenario, List<(RosterAgent Agent, ShiftAssignment Shift, ShiftOption Option)> placed, List<CostTerm> costs)
    {
        var grid = scenario.Grid;
        var skills = scenario.Skills;
        var skillIndex = skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var groups = new Dictionary<string, int>();
        var groupSkills = new List<IReadOnlyList<int>>();
        var onDuty = new List<int[]>(); // per group, per interval
        foreach (var (agent, shift, option) in placed)
        {
            var key = string.Join('|', agent.Skills.Where(skillIndex.ContainsKey).Order(StringComparer.Ordinal));
            if (!groups.TryGetValue(key, out var group))
            {
                group = groups.Count;
                groups.Add(key, group);
                groupSkills.Add([.. agent.Skills.Where(skillIndex.ContainsKey).Select(s => skillIndex[s])]);
                onDuty.Add(new int[grid.Count]);
            }

            for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
            {
                var start = grid.Intervals[t].Start;
                if (!shift.Breaks.Any(b => start >= b.Start && start < b.End))
                {
                    onDuty[group][t]++;
                }
            }
        }

        var result = new List<IntervalCoverage>(grid.Count);
        var weights = scenario.Rules;
        for (var t = 0; t < grid.Count; t++)
        {
            var required = skills.Select(s => scenario.Requirements[s][t]).ToArray();
            var counts = onDuty.Select(d => d[t]).ToArray();
            var covered = CoverageFlow.Covered(counts, groupSkills, required);
            var duty = counts.Sum();
            var total = required.Sum();
            var start = grid.Intervals[t].Start;
            var date = grid.Intervals[t].Date;
            var label = $"{date:ddd d MMM} {grid.Intervals[t].LocalStart:HH:mm}";
            for (var s = 0; s < skills.Count; s++)
            {
                var shortBy = required[s] - covered[s];
                if (shortBy > 0)
                {
                    costs.Add(new CostTerm(RuleNames.UnderCoverage, null, date, t, skills[s], shortBy, shortBy * weights.UnderCoverage, $"{label}: {skills[s]} short {shortBy} of {required[s]}"));
                }
            }

            if (total == 0 && duty > 0)
            {
                costs.Add(new CostTerm(RuleNames.IdleStaffing, null, date, t, null, duty, duty * weights.IdleStaffing, $"{label}: {duty} on duty, nothing required"));
            }
            else if (total > 0 && duty > total)
            {
                costs.Add(new CostTerm(RuleNames.OverCoverage, null, date, t, null, duty - total, (duty - total) * weights.OverCoverage, $"{label}: {duty} on duty for {total} required"));
            }

            result.Add(new IntervalCoverage(t, start, duty, skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => required[x.i]), skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => covered[x.i])));
        }

        return result;
    }
}
