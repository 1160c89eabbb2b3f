using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Domain.Rostering.Rules;

/// <summary>
/// How agents on duty cover the requirement: each agent on duty (on shift, not on a break) serves one skill they
/// have, and the coverage of an interval is the most requirement such an assignment reaches (a maximum flow from
/// groups of agents with the same skills to the skills, <see cref="CoverageFlow"/>). A roster states no skill per
/// shift, so a roster cannot break this rule (what it cannot cover is <see cref="UnderCoverage"/>); a trade can, when
/// the colleague taking a shift has none of the skills it serves (<see cref="TradeProblem"/>).
/// </summary>
public sealed class Skills
{
    public string Name => RuleNames.Skills;

    /// <summary>The skill-group key of an agent: their skills among the scenario's, in order.</summary>
    public static string GroupKey(RosterAgent agent, IReadOnlyDictionary<string, int> skillIndex) =>
        string.Join('|', agent.Skills.Where(skillIndex.ContainsKey).Order(StringComparer.Ordinal));

    /// <summary>Per interval of the grid: agents on duty (on shift, not on a break, not on an activity), and per
    /// skill required against covered.</summary>
    public static IReadOnlyList<IntervalCoverage> Cover(RosterScenario scenario, IReadOnlyList<PlacedShift> placed, IReadOnlyList<PlacedActivity>? activities = null)
    {
        var busy = (activities ?? []).SelectMany(a => a.People.Select(p => (p, a))).ToLookup(x => x.p, x => x.a);
        var grid = scenario.Grid;
        var skills = scenario.Skills;
        var skillIndex = skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var groups = new Dictionary<string, int>();
        var groupSkills = new List<IReadOnlyList<int>>();
        var onDuty = new List<int[]>(); // per group, per interval
        foreach (var (agent, shift, option) in placed)
        {
            var key = GroupKey(agent, skillIndex);
            if (!groups.TryGetValue(key, out var group))
            {
                group = groups.Count;
                groups.Add(key, group);
                groupSkills.Add([.. agent.Skills.Where(skillIndex.ContainsKey).Select(s => skillIndex[s])]);
                onDuty.Add(new int[grid.Count]);
            }

            for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
            {
                var at = grid.Intervals[t].Start;
                if (!Breaks.Takes(shift, at) && !busy[agent.Id].Any(a => a.Covers(at)))
                {
                    onDuty[group][t]++;
                }
            }
        }

        var result = new List<IntervalCoverage>(grid.Count);
        for (var t = 0; t < grid.Count; t++)
        {
            var required = skills.Select(s => scenario.Requirements[s][t]).ToArray();
            var counts = onDuty.Select(d => d[t]).ToArray();
            var covered = CoverageFlow.Covered(counts, groupSkills, required);
            result.Add(new IntervalCoverage(t, grid.Intervals[t].Start, counts.Sum(), skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => required[x.i]), skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => covered[x.i])));
        }

        return result;
    }

    /// <summary>A shift handed to <paramref name="takerId"/> (a swap or a pick-up): the taker must have at least one of
    /// the skills the giver served in it (those required during it), or the trade breaks this rule.</summary>
    public static Violation? TradeProblem(RosterScenario scenario, ShiftAssignment shift, string takerId)
    {
        var giver = scenario.Agents.FirstOrDefault(a => a.Id == shift.AgentId);
        var taker = scenario.Agents.FirstOrDefault(a => a.Id == takerId);
        var option = new ShiftCatalog(scenario).Find(shift);
        if (giver is null || taker is null || option is null)
        {
            return null;
        }

        var served = giver.Skills.Where(s => scenario.Requirements.TryGetValue(s, out var need)
            && Enumerable.Range(option.FirstInterval, option.IntervalCount).Any(t => t >= 0 && t < need.Length && need[t] > 0)).Order(StringComparer.Ordinal).ToList();
        return served.Count == 0 || served.Any(taker.Skills.Contains)
            ? null
            : new Violation(RuleNames.Skills, taker.Id, shift.Date, $"{taker.Name} has none of the skills this shift serves ({string.Join(", ", served)})");
    }
}
