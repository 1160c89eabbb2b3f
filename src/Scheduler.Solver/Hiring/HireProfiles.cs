using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Hiring;

/// <summary>The kinds of hire a suggestion offers for a scenario: the same for the roster page and the <c>hire</c> verb.</summary>
public static class HireProfiles
{
    /// <summary>
    /// Each skill set the centre's agents already have (the mixes it trains for; the six commonest), full-time 40-48 h
    /// on the 8-hour shifts with nights agreed, and part-time 20-30 h on the 4- and 6-hour shifts without; the wage is
    /// the agents' median (200 an hour when none is given).
    /// </summary>
    public static IReadOnlyList<HireProfile> For(RosterScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var sets = scenario.Agents
            .Select(a => scenario.Skills.Where(a.Skills.Contains).ToList())
            .Where(s => s.Count > 0)
            .GroupBy(s => string.Join('+', s), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(6)
            .Select(g => g.First())
            .ToList();
        var wages = scenario.Agents.Select(a => a.HourlyCost).Where(w => w > 0).Order().ToList();
        var wage = wages.Count == 0 ? 200m : wages[wages.Count / 2];
        var templates = scenario.Templates.Where(t => t.OnlyFor is null).ToList();
        var full = templates.Where(t => t.Lengths.Any(l => l >= Duration.FromHours(7))).Select(t => t.Id).ToList();
        var part = templates.Where(t => t.Lengths.All(l => l < Duration.FromHours(7))).Select(t => t.Id).ToList();
        var profiles = new List<HireProfile>();
        foreach (var skills in sets)
        {
            profiles.Add(new HireProfile(skills, Duration.FromHours(40), Duration.FromHours(48), 1, true, wage, full));
            if (part.Count > 0)
            {
                profiles.Add(new HireProfile(skills, Duration.FromHours(20), Duration.FromHours(30), 2, false, wage, part));
            }
        }

        return profiles;
    }
}
