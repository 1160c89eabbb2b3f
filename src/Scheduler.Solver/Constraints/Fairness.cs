using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Constraints;

/// <summary>
/// Soft: nights, weekends and late shifts shared evenly, measured as the range (most minus fewest) across the
/// agents who may work them, exactly as the validator measures it.
/// </summary>
internal static class Fairness
{
    public static void Add(RosterModel m)
    {
        var rules = m.Scenario.Rules;
        Range(m, RuleNames.FairNights, rules.FairNights, a => a.NightConsent, o => o.IsNight);
        Range(m, RuleNames.FairWeekends, rules.FairWeekends, _ => true, o => rules.WeekendDays.Contains(o.Date.DayOfWeek));
        Range(m, RuleNames.FairLates, rules.FairLates, _ => true, o => o.IsLate);
    }

    private static void Range(RosterModel m, string rule, long weight, Func<RosterAgent, bool> eligible, Func<ShiftOption, bool> counts)
    {
        var agents = m.Scenario.Agents.Where(eligible).ToList();
        if (weight == 0 || agents.Count < 2)
        {
            return;
        }

        var tallies = agents.Select(a => LinearExpr.Sum(m.Shifts[a.Id].SelectMany(d => d).Where(s => counts(s.Option)).Select(s => (LinearExpr)s.Var))).ToList();
        var days = m.Scenario.Days;
        var most = m.Cp.NewIntVar(0, days, $"most[{rule}]");
        var fewest = m.Cp.NewIntVar(0, days, $"fewest[{rule}]");
        m.Cp.AddMaxEquality(most, tallies);
        m.Cp.AddMinEquality(fewest, tallies);
        m.Penalize(rule, most - fewest, weight);
    }
}
