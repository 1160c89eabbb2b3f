using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>Hard: at most one of an agent's options each day. Labelling: a label takes one option or the day off.</summary>
internal sealed class OneShiftPerDay : ISolverRule
{
    public string Name => RuleNames.OneShiftPerDay;

    public void Add(RosterModel m)
    {
        foreach (var days in m.Shifts.Values)
        {
            foreach (var day in days)
            {
                m.Cp.AddAtMostOne(day.Select(s => (ILiteral)s.Var));
            }
        }
    }
}
