using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;
using DomainRules = Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Solver.Rules;

/// <summary>
/// The CP-SAT face shared by the rules that refuse single shifts: every variable of a refused, unlocked option is 0.
/// In a full model <see cref="ShiftVariables.Offered"/> never creates those variables, so this adds nothing; in a model
/// built to check one rule (every option offered) it is the whole rule. The labelling's face is the same list of
/// offered options.
/// </summary>
internal abstract class ShiftRule(DomainRules.IShiftRule rule) : ISolverRule
{
    public string Name => rule.Name;

    public void Add(RosterModel m)
    {
        foreach (var agent in m.Scenario.Agents)
        {
            var enforce = m.Enforcement(agent, Name);
            foreach (var (option, x) in m.Shifts[agent.Id].SelectMany(day => day))
            {
                if (rule.Refusal(agent, option) is not null && !DomainRules.LockedShifts.AnyIs(agent, option))
                {
                    var c = m.Cp.Add(x == 0);
                    if (enforce is not null)
                    {
                        c.OnlyEnforceIf(enforce);
                    }
                }
            }
        }
    }
}

/// <summary>Hard: no shift on a fixed day off or outside a weekday's availability window.</summary>
internal sealed class Availability() : ShiftRule(DomainRules.RuleBook.Availability);

/// <summary>Hard: no shift on approved time off.</summary>
internal sealed class Leave() : ShiftRule(DomainRules.RuleBook.Leave);

/// <summary>Hard: no shift touching 22:00-06:00 for an agent without night consent.</summary>
internal sealed class NightConsent() : ShiftRule(DomainRules.RuleBook.NightConsent);
