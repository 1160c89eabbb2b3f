namespace Scheduler.Domain.Rostering.Rules;

/// <summary>
/// Soft: a kind of shift shared evenly, measured as the range (most minus fewest) of the agents' totals across the
/// agents who may work it, one weight per shift of range. A total is the agent's running balance before the horizon
/// (<see cref="RosterAgent.CountsBefore"/>, from the published weeks) plus this horizon's shifts of the kind, so the
/// agents who worked the last Eid are the last ones given this one (decision 015). A range is simple to read ("Karim
/// has 4 nights, Nadia none") and exact in the solver; it is never below zero, so the column generation's bound,
/// which leaves fairness out, stays valid.
/// </summary>
public abstract class FairShare : ISoftRule
{
    public abstract string Name { get; }

    /// <summary>Cost per shift of range.</summary>
    public abstract long Weight(RosterRules rules);

    /// <summary>Whether the agent is among those the range is taken over.</summary>
    public abstract bool Eligible(RosterAgent agent);

    /// <summary>Whether the shift is of the kind counted.</summary>
    public abstract bool Counts(RosterRules rules, ShiftOption option);

    /// <summary>The agent's shifts of the kind in the published horizons before this one (0 for a kind with no balance).</summary>
    public virtual int Before(RosterAgent agent) => 0;

    /// <summary>Whether the rule judges this horizon at all (the holiday rule only when a holiday falls in it).</summary>
    public virtual bool Applies(RosterScenario scenario) => true;

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        var rules = facts.Scenario.Rules;
        if (!Applies(facts.Scenario))
        {
            return;
        }

        var tallies = facts.Scenario.Agents.Where(Eligible)
            .Select(a => (Agent: a, Before: Before(a), Count: Before(a) + facts.ShiftsOf(a.Id).Count(s => Counts(rules, s.Option))))
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
            costs.Add(new CostTerm(Name, null, null, null, null, range, range * Weight(rules), $"{most.Agent.Name} has {Tally(most.Count, most.Before)}, {fewest.Agent.Name} has {Tally(fewest.Count, fewest.Before)}"));
        }
    }

    private static string Tally(int count, int before) => before == 0 ? $"{count}" : $"{count} ({before} before this horizon)";
}

/// <summary>Soft: night shifts shared evenly among the agents with night consent, with the nights of earlier weeks.</summary>
public sealed class FairNights : FairShare
{
    public override string Name => RuleNames.FairNights;

    public override long Weight(RosterRules rules) => rules.FairNights;

    public override bool Eligible(RosterAgent agent) => agent.NightConsent;

    public override bool Counts(RosterRules rules, ShiftOption option) => option.IsNight;

    public override int Before(RosterAgent agent) => agent.CountsBefore.Nights;
}

/// <summary>Soft: weekend shifts (the site's weekend days) shared evenly among all agents, with those of earlier weeks.</summary>
public sealed class FairWeekends : FairShare
{
    public override string Name => RuleNames.FairWeekends;

    public override long Weight(RosterRules rules) => rules.FairWeekends;

    public override bool Eligible(RosterAgent agent) => true;

    public override bool Counts(RosterRules rules, ShiftOption option) => rules.WeekendDays.Contains(option.Date.DayOfWeek);

    public override int Before(RosterAgent agent) => agent.CountsBefore.Weekends;
}

/// <summary>Soft: late shifts (from 14:00, not nights) shared evenly among all agents, within the horizon only.</summary>
public sealed class FairLates : FairShare
{
    public override string Name => RuleNames.FairLates;

    public override long Weight(RosterRules rules) => rules.FairLates;

    public override bool Eligible(RosterAgent agent) => true;

    public override bool Counts(RosterRules rules, ShiftOption option) => option.IsLate;
}

/// <summary>
/// Soft: public-holiday shifts (any shift that touches one of the site's holidays, a night from the eve included)
/// shared evenly among all agents, with those of earlier weeks: the same agents do not get every Eid.
/// </summary>
/// <remarks>Judged only in a horizon a holiday shift can fall in; elsewhere the standing balance is not a cost of
/// the week's roster, which could not change it.</remarks>
public sealed class FairHolidays : FairShare
{
    public override string Name => RuleNames.FairHolidays;

    public override long Weight(RosterRules rules) => rules.FairHolidays;

    public override bool Eligible(RosterAgent agent) => true;

    public override bool Counts(RosterRules rules, ShiftOption option) => option.Touches(rules.Holidays);

    public override int Before(RosterAgent agent) => agent.CountsBefore.Holidays;

    public override bool Applies(RosterScenario scenario) =>
        scenario.Rules.Holidays.Any(d => d >= scenario.FirstDate && d <= scenario.LastDate.PlusDays(1));
}

/// <summary>A roster's night, weekend and holiday shifts per agent, counted exactly as the fairness rules count them.</summary>
public static class FairnessTally
{
    /// <summary>Per agent with a shift in <paramref name="roster"/>, its counts (shifts no template offers are skipped).</summary>
    public static IReadOnlyDictionary<string, FairnessCounts> Of(RosterScenario scenario, Roster roster)
    {
        var catalog = new ShiftCatalog(scenario);
        var rules = scenario.Rules;
        var result = new Dictionary<string, FairnessCounts>(StringComparer.Ordinal);
        foreach (var shift in roster.Shifts)
        {
            if (catalog.Find(shift) is not { } option)
            {
                continue;
            }

            var counts = new FairnessCounts(
                RuleBook.FairNights.Counts(rules, option) ? 1 : 0,
                RuleBook.FairWeekends.Counts(rules, option) ? 1 : 0,
                RuleBook.FairHolidays.Counts(rules, option) ? 1 : 0);
            result[shift.AgentId] = result.GetValueOrDefault(shift.AgentId) + counts;
        }

        return result;
    }
}
