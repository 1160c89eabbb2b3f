using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;
using DomainRules = Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Solver.Rules;

/// <summary>Hard: every locked shift worked. Labelling: a day with a locked shift offers only that shift
/// (<see cref="MustWork"/>).</summary>
internal sealed class LockedShifts : ISolverRule
{
    public string Name => RuleNames.LockedShifts;

    public void Add(RosterModel m)
    {
        foreach (var agent in m.Scenario.Agents)
        {
            foreach (var locked in agent.Locked)
            {
                var d = m.Scenario.DayIndex(locked.Date);
                if (d < 0 || d >= m.Scenario.Days)
                {
                    continue;
                }

                var match = m.Shifts[agent.Id][d].FirstOrDefault(s => DomainRules.LockedShifts.Is(locked, s.Option));
                if (match.Var is null)
                {
                    throw new ArgumentException($"{agent.Name}'s locked shift {locked.TemplateId} {locked.Start:HH:mm} on {locked.Date} is not a shift of any template.", nameof(m));
                }

                var c = m.Cp.Add(match.Var == 1);
                if (m.Enforcement(agent, Name) is { } enforce)
                {
                    c.OnlyEnforceIf(enforce);
                }
            }
        }
    }

    /// <summary>Labelling: the offered option (index into <paramref name="offered"/>) a locked shift fixes on
    /// <paramref name="date"/>, or -1 when the day is free.</summary>
    public static int MustWork(RosterAgent agent, NodaTime.LocalDate date, IReadOnlyList<ShiftOption> offered)
    {
        var locked = agent.Locked.FirstOrDefault(l => l.Date == date);
        if (locked is null)
        {
            return -1;
        }

        for (var k = 0; k < offered.Count; k++)
        {
            if (DomainRules.LockedShifts.Is(locked, offered[k]))
            {
                return k;
            }
        }

        return -1;
    }
}
