namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Soft: each wish not met on a day it applies to costs its weight × <see cref="RosterRules.Preference"/>. A day
/// wish (no template, no start) is met by working or not; a shift wish by a matching shift or by none.</summary>
public sealed class Preferences : ISoftRule
{
    public string Name => RuleNames.Preferences;

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        var scenario = facts.Scenario;
        foreach (var agent in scenario.Agents)
        {
            var onDate = OnDate(facts.ShiftsOf(agent.Id));
            foreach (var preference in agent.Preferences)
            {
                foreach (var date in scenario.Dates.Where(preference.AppliesTo))
                {
                    onDate.TryGetValue(date, out var worked);
                    if (!Met(preference, worked))
                    {
                        var dayWish = IsDayWish(preference);
                        var what = dayWish ? (preference.Wanted ? "to work" : "the day off") : $"{(preference.Wanted ? "" : "not ")}{preference.TemplateId ?? "a shift"}{(preference.Start is { } s ? $" at {s:HH:mm}" : "")}";
                        costs.Add(new CostTerm(Name, agent.Id, date, null, null, preference.Weight, preference.Weight * scenario.Rules.Preference, $"{agent.Name} wanted {what} on {date:ddd d MMM}"));
                    }
                }
            }
        }
    }

    /// <summary>A wish about the day (work or not), not about a shift.</summary>
    public static bool IsDayWish(Preference preference) => preference.TemplateId is null && preference.Start is null;

    /// <summary>Whether working <paramref name="worked"/> (null: off) meets <paramref name="preference"/> on a day it applies to.</summary>
    public static bool Met(Preference preference, ShiftOption? worked) =>
        IsDayWish(preference)
            ? (worked is not null) == preference.Wanted
            : (worked is not null && preference.Matches(worked)) == preference.Wanted;

    internal static Dictionary<NodaTime.LocalDate, ShiftOption> OnDate(IReadOnlyList<PlacedShift> shifts) =>
        shifts.GroupBy(s => s.Option.Date).ToDictionary(g => g.Key, g => g.First().Option);
}
