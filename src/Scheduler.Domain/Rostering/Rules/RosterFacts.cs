using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Domain.Rostering.Rules;

/// <summary>What every rule reads of a roster being judged: its shifts by agent, the base roster, and the coverage.</summary>
public sealed class RosterFacts
{
    private readonly Dictionary<string, List<PlacedShift>> _byAgent;
    private IReadOnlyList<IntervalCoverage>? _coverage;

    public RosterFacts(ShiftCatalog catalog, IReadOnlyList<PlacedShift> placed, Roster? baseline, IReadOnlyList<PlacedActivity>? activities = null)
    {
        Activities = activities ?? [];
        Catalog = catalog;
        Placed = placed;
        Baseline = baseline;
        _byAgent = placed.GroupBy(p => p.Agent.Id).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Option.StartInstant).ToList());
    }

    public ShiftCatalog Catalog { get; }

    public RosterScenario Scenario => Catalog.Scenario;

    public IReadOnlyList<PlacedShift> Placed { get; }

    /// <summary>The roster a re-solve should stay close to, or null.</summary>
    public Roster? Baseline { get; }

    /// <summary>The activities placed in the roster: their attendees and coach are not on duty while they last.</summary>
    public IReadOnlyList<PlacedActivity> Activities { get; }

    /// <summary>The agent's shifts, by start.</summary>
    public IReadOnlyList<PlacedShift> ShiftsOf(string agentId) => _byAgent.GetValueOrDefault(agentId) ?? [];

    /// <summary>Per interval, the agents on duty and the requirement each skill has covered (<see cref="Skills.Cover"/>).</summary>
    public IReadOnlyList<IntervalCoverage> Coverage => _coverage ??= Skills.Cover(Scenario, Placed, Activities);

    /// <summary>Per day of the horizon, whether the shifts include one that day.</summary>
    public bool[] Worked(IEnumerable<PlacedShift> shifts)
    {
        var worked = new bool[Scenario.Days];
        foreach (var s in shifts)
        {
            worked[Scenario.DayIndex(s.Option.Date)] = true;
        }

        return worked;
    }
}
