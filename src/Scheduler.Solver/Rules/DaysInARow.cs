using Scheduler.Domain.Rostering;
using Scheduler.Solver.Constraints;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>Hard: at most the contract's working days in a row, counting the days worked before the horizon
/// (<see cref="DaySequences.MaxRun"/>). Labelling: a label carries its run (<see cref="Run"/>); at the maximum only a
/// day off extends it (<see cref="MayWork"/>).</summary>
internal sealed class DaysInARow : ISolverRule
{
    public string Name => RuleNames.DaysInARow;

    public void Add(RosterModel m)
    {
        foreach (var agent in m.Scenario.Agents)
        {
            var worked = Enumerable.Range(0, m.Scenario.Days).Select(d => m.Worked(agent.Id, d)).ToList();
            DaySequences.MaxRun(m.Cp, worked, agent.Contract.MaxConsecutiveDays, agent.ConsecutiveDaysBefore, m.Enforcement(agent, Name));
        }
    }

    /// <summary>Labelling: whether a label with this run may work the next day.</summary>
    public static bool MayWork(int run, int maxRun) => run < maxRun;

    /// <summary>Labelling: the run after a day worked or off.</summary>
    public static int Run(int run, bool worked) => worked ? run + 1 : 0;
}
