using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>Hard: at most 7 - (days off) worked in every 7 consecutive days. Labelling: a label carries the days
/// worked among the last six as a bit mask (<see cref="Mask"/>); a day is worked only if the window of seven it closes
/// stays within the limit (<see cref="MayWork"/>).</summary>
internal sealed class DaysOff : ISolverRule
{
    public string Name => RuleNames.DaysOff;

    public void Add(RosterModel m)
    {
        foreach (var agent in m.Scenario.Agents)
        {
            var enforce = m.Enforcement(agent, Name);
            var most = Domain.Rostering.Rules.DaysOff.MaxWorkedIn7(agent);
            for (var d = 0; d + 7 <= m.Scenario.Days; d++)
            {
                var c = m.Cp.Add(LinearExpr.Sum(Enumerable.Range(d, 7).Select(i => m.Worked(agent.Id, i))) <= most);
                if (enforce is not null)
                {
                    c.OnlyEnforceIf(enforce);
                }
            }
        }
    }

    /// <summary>Labelling: the days worked among the last six after one more day.</summary>
    public static byte Mask(byte mask, bool worked) => (byte)(((mask << 1) | (worked ? 1 : 0)) & 0x3F);

    /// <summary>Labelling: whether working the day closing a full window of seven keeps it within <paramref name="maxWorkedIn7"/>.</summary>
    public static bool MayWork(byte mask, int maxWorkedIn7) => System.Numerics.BitOperations.PopCount(mask) + 1 <= maxWorkedIn7;

    /// <summary>Labelling: whether a day off closing a full window of seven keeps it within <paramref name="maxWorkedIn7"/>.
    /// With two days off a week, six days worked before it break the window even though the seventh is off: a part-timer
    /// working Sunday to Friday got through when only working days were checked.</summary>
    public static bool MayRest(byte mask, int maxWorkedIn7) => System.Numerics.BitOperations.PopCount(mask) <= maxWorkedIn7;
}
