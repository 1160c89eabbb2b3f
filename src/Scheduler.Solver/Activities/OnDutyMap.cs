using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Solver.Activities;

/// <summary>
/// Per agent and interval, the shift they are on duty in (on shift, not on a break, not on an activity kept from the
/// roster), or -1: where a session may sit, and the on-duty counts the placement starts from.
/// </summary>
internal sealed class OnDutyMap
{
    private readonly Dictionary<string, int[]> _shiftAt = [];

    public OnDutyMap(RosterScenario scenario, Roster roster, IReadOnlyList<PlacedActivity> kept)
    {
        var catalog = new ShiftCatalog(scenario);
        var grid = scenario.Grid;
        foreach (var agent in scenario.Agents)
        {
            _shiftAt[agent.Id] = Enumerable.Repeat(-1, grid.Count).ToArray();
        }

        for (var i = 0; i < roster.Shifts.Count; i++)
        {
            var shift = roster.Shifts[i];
            if (!_shiftAt.TryGetValue(shift.AgentId, out var at) || catalog.Find(shift) is not { } option)
            {
                continue; // the validator reports it; a session cannot sit in it
            }

            var busy = kept.Where(a => a.Involves(shift.AgentId)).ToList();
            for (var t = Math.Max(0, option.FirstInterval); t < option.FirstInterval + option.IntervalCount; t++)
            {
                var start = grid.Intervals[t].Start;
                if (!Domain.Rostering.Rules.Breaks.Takes(shift, start) && !busy.Any(a => a.Covers(start)))
                {
                    at[t] = i;
                }
            }
        }
    }

    /// <summary>The roster's index of the shift the agent is on duty in at interval <paramref name="t"/>, or -1.</summary>
    public int ShiftAt(string agentId, int t) => _shiftAt[agentId][t];

    /// <summary>Whether the agent is on duty in one shift for the <paramref name="count"/> intervals from <paramref name="t"/>.</summary>
    public bool FreeFor(string agentId, int t, int count)
    {
        var at = _shiftAt[agentId];
        if (t < 0 || t + count > at.Length || at[t] < 0)
        {
            return false;
        }

        for (var i = 1; i < count; i++)
        {
            if (at[t + i] != at[t])
            {
                return false;
            }
        }

        return true;
    }

    public bool OnDuty(string agentId, int t) => _shiftAt[agentId][t] >= 0;
}
