namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Soft, when re-solving against a base roster: each day whose shift differs from the base (another shift, a
/// new one, or one removed) costs <see cref="RosterRules.ShiftChange"/>.</summary>
public sealed class ShiftChanges : ISoftRule
{
    public string Name => RuleNames.ShiftChanges;

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        if (facts.Baseline is not { } baseline)
        {
            return;
        }

        var scenario = facts.Scenario;
        foreach (var agent in scenario.Agents)
        {
            var onDate = Preferences.OnDate(facts.ShiftsOf(agent.Id));
            var before = BaseDays(baseline, agent.Id);
            foreach (var date in scenario.Dates)
            {
                before.TryGetValue(date, out var was);
                onDate.TryGetValue(date, out var now);
                if (!Same(was, now))
                {
                    costs.Add(new CostTerm(Name, agent.Id, date, null, null, 1, scenario.Rules.ShiftChange, $"{agent.Name}'s shift on {date:ddd d MMM} changed from {Describe(was)} to {(now is null ? "off" : $"{now.TemplateId} {now.LocalStart:HH:mm}")}"));
                }
            }
        }
    }

    /// <summary>The base roster's shift of each day for one agent.</summary>
    public static Dictionary<NodaTime.LocalDate, ShiftAssignment> BaseDays(Roster baseline, string agentId) =>
        baseline.For(agentId).GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.First());

    /// <summary>Whether a day's shift is unchanged: both off, or the same template, start and length.</summary>
    public static bool Same(ShiftAssignment? was, ShiftOption? now) =>
        (was is null && now is null) || (was is not null && now is not null && was.TemplateId == now.TemplateId && was.Start == now.LocalStart && was.Length == now.Length);

    private static string Describe(ShiftAssignment? shift) => shift is null ? "off" : $"{shift.TemplateId} {shift.Start:HH:mm}";
}
