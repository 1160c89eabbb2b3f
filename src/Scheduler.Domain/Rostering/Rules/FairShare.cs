namespace Scheduler.Domain.Rostering.Rules;

/// <summary>
/// Soft: a kind of shift shared evenly, measured as the range (most minus fewest) across the agents who may work it,
/// one weight per shift of range. A range is simple to read ("Karim has 4 nights, Nadia none") and exact in the solver.
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

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        var rules = facts.Scenario.Rules;
        var tallies = facts.Scenario.Agents.Where(Eligible)
            .Select(a => (Agent: a, Count: facts.ShiftsOf(a.Id).Count(s => Counts(rules, s.Option))))
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
            costs.Add(new CostTerm(Name, null, null, null, null, range, range * Weight(rules), $"{most.Agent.Name} has {most.Count}, {fewest.Agent.Name} has {fewest.Count}"));
        }
    }
}

/// <summary>Soft: night shifts shared evenly among the agents with night consent.</summary>
public sealed class FairNights : FairShare
{
    public override string Name => RuleNames.FairNights;

    public override long Weight(RosterRules rules) => rules.FairNights;

    public override bool Eligible(RosterAgent agent) => agent.NightConsent;

    public override bool Counts(RosterRules rules, ShiftOption option) => option.IsNight;
}

/// <summary>Soft: weekend shifts (the site's weekend days) shared evenly among all agents.</summary>
public sealed class FairWeekends : FairShare
{
    public override string Name => RuleNames.FairWeekends;

    public override long Weight(RosterRules rules) => rules.FairWeekends;

    public override bool Eligible(RosterAgent agent) => true;

    public override bool Counts(RosterRules rules, ShiftOption option) => rules.WeekendDays.Contains(option.Date.DayOfWeek);
}

/// <summary>Soft: late shifts (from 14:00, not nights) shared evenly among all agents.</summary>
public sealed class FairLates : FairShare
{
    public override string Name => RuleNames.FairLates;

    public override long Weight(RosterRules rules) => rules.FairLates;

    public override bool Eligible(RosterAgent agent) => true;

    public override bool Counts(RosterRules rules, ShiftOption option) => option.IsLate;
}
