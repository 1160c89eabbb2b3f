using NodaTime;

namespace Scheduler.Domain.Rostering;

/// <summary>The validator's per-agent soft rules (coverage costs are computed with the coverage itself).</summary>
/// <remarks>
/// Fairness is measured as the range (most minus fewest) of night, weekend and late shifts across the agents who may
/// work them (nights: agents with night consent; weekends and lates: everyone), one cost unit per shift of range.
/// A range is simple to read ("Karim has 4 nights, Nadia none") and exact in the solver.
/// </remarks>
internal static class SoftRules
{
    public static void Costs(ShiftCatalog catalog, IReadOnlyDictionary<string, List<(RosterAgent Agent, ShiftAssignment Shift, ShiftOption Option)>> byAgent, Roster? baseline, List<CostTerm> costs)
    {
        var scenario = catalog.Scenario;
        var rules = scenario.Rules;
        foreach (var agent in scenario.Agents)
        {
            var shifts = byAgent.GetValueOrDefault(agent.Id) ?? [];
            var onDate = shifts.GroupBy(s => s.Option.Date).ToDictionary(g => g.Key, g => g.First().Option);
            foreach (var preference in agent.Preferences)
            {
                foreach (var date in scenario.Dates.Where(preference.AppliesTo))
                {
                    onDate.TryGetValue(date, out var worked);
                    var dayWish = preference.TemplateId is null && preference.Start is null;
                    var met = dayWish
                        ? (worked is not null) == preference.Wanted
                        : (worked is not null && preference.Matches(worked)) == preference.Wanted;
                    if (!met)
                    {
                        var what = dayWish ? (preference.Wanted ? "to work" : "the day off") : $"{(preference.Wanted ? "" : "not ")}{preference.TemplateId ?? "a shift"}{(preference.Start is { } s ? $" at {s:HH:mm}" : "")}";
                        costs.Add(new CostTerm(RuleNames.Preference, agent.Id, date, null, null, preference.Weight, preference.Weight * rules.Preference, $"{agent.Name} wanted {what} on {date:ddd d MMM}"));
                    }
                }
            }

            var starts = shifts.Select(s => s.Option.LocalStart).Distinct().Count();
            if (starts > 1)
            {
                costs.Add(new CostTerm(RuleNames.StartConsistency, agent.Id, null, null, null, starts - 1, (starts - 1) * rules.StartConsistency, $"{agent.Name} starts at {starts} different times"));
            }

            var night = new bool[scenario.Days];
            var worked7 = new bool[scenario.Days];
            foreach (var (date, option) in onDate)
            {
                var d = HardRules.DayIndex(scenario, date);
                night[d] = option.IsNight;
                worked7[d] = true;
            }

            for (var d = 2; d < scenario.Days; d++)
            {
                var runEnds = night[d - 2] && night[d - 1] && night[d] && !(d + 1 < scenario.Days && night[d + 1]);
                if (!runEnds)
                {
                    continue;
                }

                var units = (d + 1 < scenario.Days && worked7[d + 1] ? 1 : 0) + (d + 2 < scenario.Days && worked7[d + 2] ? 1 : 0);
                if (units > 0)
                {
                    costs.Add(new CostTerm(RuleNames.RestAfterNights, agent.Id, scenario.FirstDate.PlusDays(d), null, null, units, units * rules.RestAfterNights, $"{agent.Name} works {units} of the 2 days after nights ending {scenario.FirstDate.PlusDays(d):ddd d MMM}"));
                }
            }

            if (baseline is not null)
            {
                var before = baseline.For(agent.Id).GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.First());
                foreach (var date in scenario.Dates)
                {
                    before.TryGetValue(date, out var was);
                    onDate.TryGetValue(date, out var now);
                    var same = (was is null && now is null) || (was is not null && now is not null && was.TemplateId == now.TemplateId && was.Start == now.LocalStart && was.Length == now.Length);
                    if (!same)
                    {
                        costs.Add(new CostTerm(RuleNames.ShiftChange, agent.Id, date, null, null, 1, rules.ShiftChange, $"{agent.Name}'s shift on {date:ddd d MMM} changed from {Describe(was)} to {(now is null ? "off" : $"{now.TemplateId} {now.LocalStart:HH:mm}")}"));
                    }
                }
            }
        }

        Fairness(scenario, byAgent, RuleNames.FairNights, rules.FairNights, a => a.NightConsent, o => o.IsNight, costs);
        Fairness(scenario, byAgent, RuleNames.FairWeekends, rules.FairWeekends, _ => true, o => rules.WeekendDays.Contains(o.Date.DayOfWeek), costs);
        Fairness(scenario, byAgent, RuleNames.FairLates, rules.FairLates, _ => true, o => o.IsLate, costs);
    }

    private static string Describe(ShiftAssignment? shift) => shift is null ? "off" : $"{shift.TemplateId} {shift.Start:HH:mm}";

    private static void Fairness(RosterScenario scenario, IReadOnlyDictionary<string, List<(RosterAgent Agent, ShiftAssignment Shift, ShiftOption Option)>> byAgent, string rule, long weight, Func<RosterAgent, bool> eligible, Func<ShiftOption, bool> counts, List<CostTerm> costs)
    {
        var tallies = scenario.Agents.Where(eligible)
            .Select(a => (Agent: a, Count: (byAgent.GetValueOrDefault(a.Id) ?? []).Count(s => counts(s.Option))))
            .ToList();
        if (tallies.Count < 2)
        {
            return;
        }

        var most = tallies.MaxBy(t => t.Count);
        var fewest = tallies.MinBy(t => t.Count);
        var range = most.Count - fewest.Count;
        if (range > 0)
        {
            costs.Add(new CostTerm(rule, null, null, null, null, range, range * weight, $"{most.Agent.Name} has {most.Count}, {fewest.Agent.Name} has {fewest.Count}"));
        }
    }
}
