using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>A roster judged by one rule's CP-SAT face alone: whether the model allows it, and what it costs.</summary>
internal sealed record RuleVerdict(bool Feasible, long Penalty);

/// <summary>
/// The CP-SAT face of one rule, checked on a given roster: the model built with only that rule (and the rules whose
/// variables it reads: on-duty counts and skill flows for the coverage rules), every agent offered every option, the
/// roster's shifts and breaks fixed, then solved. The tests run the same table of tiny rosters through this and through
/// the Domain rule of the same name, so the two faces cannot drift apart.
/// </summary>
internal static class RuleCheck
{
    public static RuleVerdict Judge(RosterScenario scenario, Roster roster, string rule, Roster? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(roster);
        var m = new RosterModel(scenario, baseline, withAssumptions: false, offerEverything: true);
        SolverRuleBook.AddTo(m, [SolverRuleBook.Named(rule)]);
        var worked = roster.Shifts.Select(s => (s.AgentId, s.Date, s.TemplateId, s.Start, s.Length)).ToHashSet();
        var fixedShifts = 0;
        foreach (var (agentId, days) in m.Shifts)
        {
            foreach (var (option, x) in days.SelectMany(day => day))
            {
                var on = worked.Contains((agentId, option.Date, option.TemplateId, option.LocalStart, option.Length));
                fixedShifts += on ? 1 : 0;
                m.Cp.Add(x == (on ? 1 : 0));
            }
        }

        if (fixedShifts != worked.Count)
        {
            return new RuleVerdict(false, 0); // a shift of no agent or no template: no model holds it
        }

        if (m.BreakCounts.Count > 0)
        {
            var counts = RosterExtractor.BreakCounts(m, roster);
            var slots = m.BreakCounts.SelectMany(kv => kv.Value.Select(c => ((kv.Key.Group, kv.Key.Option, kv.Key.Rule, c.Offset), c.Count))).ToDictionary(p => p.Item1, p => p.Count);
            if (counts.Keys.Any(k => !slots.ContainsKey(k)))
            {
                return new RuleVerdict(false, 0); // a break at a start the template's window does not offer
            }

            foreach (var (key, count) in slots)
            {
                m.Cp.Add(count == counts.GetValueOrDefault(key));
            }
        }

        m.BuildObjective();
        var solver = new CpSolver { StringParameters = "num_workers:1,max_time_in_seconds:30,linearization_level:2" };
        var status = solver.Solve(m.Cp);
        return status switch
        {
            CpSolverStatus.Optimal => new RuleVerdict(true, (long)Math.Round(solver.ObjectiveValue)),
            CpSolverStatus.Infeasible => new RuleVerdict(false, 0),
            _ => throw new InvalidOperationException($"The one-rule model of '{rule}' ended {status}."),
        };
    }
}
