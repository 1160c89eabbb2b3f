using Google.OrTools.Sat;
using Scheduler.Solver.Model;
using DomainRules = Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Solver.Rules;

/// <summary>
/// Soft: a kind of shift shared evenly, as the range (most minus fewest) of the agents' totals (the balance before the
/// horizon plus this horizon's shifts) across the agents who may work it, exactly as the Domain rule of the same name
/// measures it. Not per agent and day, so the column generation leaves it out of the columns (it costs at least 0: the
/// bound stays valid, if weaker when the balances already differ).
/// </summary>
internal abstract class FairShare(DomainRules.FairShare rule) : ISolverRule
{
    public string Name => rule.Name;

    public void Add(RosterModel m)
    {
        var rules = m.Scenario.Rules;
        var weight = rule.Weight(rules);
        var agents = m.Scenario.Agents.Where(rule.Eligible).ToList();
        if (weight == 0 || agents.Count < 2 || !rule.Applies(m.Scenario))
        {
            return;
        }

        var tallies = agents.Select(a => LinearExpr.Sum(m.Shifts[a.Id].SelectMany(d => d).Where(s => rule.Counts(rules, s.Option)).Select(s => (LinearExpr)s.Var)) + rule.Before(a)).ToList();
        var days = m.Scenario.Days;
        var lowest = agents.Min(rule.Before);
        var highest = checked(agents.Max(rule.Before) + days);
        var most = m.Cp.NewIntVar(lowest, highest, $"most[{Name}]");
        var fewest = m.Cp.NewIntVar(lowest, highest, $"fewest[{Name}]");
        m.Cp.AddMaxEquality(most, tallies);
        m.Cp.AddMinEquality(fewest, tallies);
        m.Penalize(Name, most - fewest, weight);
    }
}

/// <summary>Soft: nights shared evenly among the agents with night consent, with the nights of earlier weeks.</summary>
internal sealed class FairNights() : FairShare(new DomainRules.FairNights());

/// <summary>Soft: weekend shifts shared evenly, with those of earlier weeks.</summary>
internal sealed class FairWeekends() : FairShare(new DomainRules.FairWeekends());

/// <summary>Soft: late shifts shared evenly.</summary>
internal sealed class FairLates() : FairShare(new DomainRules.FairLates());

/// <summary>Soft: public-holiday shifts shared evenly, with those of earlier weeks.</summary>
internal sealed class FairHolidays() : FairShare(new DomainRules.FairHolidays());
