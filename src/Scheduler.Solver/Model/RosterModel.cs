using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Model;

/// <summary>A group of agents with the same skills: interchangeable for coverage and for breaks.</summary>
internal sealed record SkillGroup(int Index, IReadOnlyList<int> SkillIndices, IReadOnlyList<RosterAgent> Agents)
{
    /// <summary>The scenario's agents grouped by their skills among the scenario's (in order of first appearance).</summary>
    public static IReadOnlyList<SkillGroup> Of(RosterScenario scenario, IReadOnlyDictionary<string, int> skillIndex) =>
        [.. scenario.Agents
            .GroupBy(a => string.Join('|', a.Skills.Where(skillIndex.ContainsKey).Order(StringComparer.Ordinal)))
            .Select((g, i) => new SkillGroup(i, [.. g.First().Skills.Where(skillIndex.ContainsKey).Select(s => skillIndex[s]).Order()], [.. g]))];
}

/// <summary>A named cost of the objective: weight × expression, the rule it belongs to.</summary>
internal sealed record PenaltyTerm(string Rule, LinearExpr Expression, long Weight)
{
    /// <summary>Adds a term unless its weight is 0 (a rule switched off costs nothing and adds nothing).</summary>
    public static void Add(List<PenaltyTerm> terms, string rule, LinearExpr expression, long weight)
    {
        if (weight != 0)
        {
            terms.Add(new PenaltyTerm(rule, expression, weight));
        }
    }

    /// <summary>The objective, built once from every named term: both the roster and the benchmark models use it.</summary>
    public static void Minimize(CpModel cp, IEnumerable<PenaltyTerm> terms)
    {
        var objective = LinearExpr.NewBuilder();
        foreach (var term in terms)
        {
            objective.AddTerm(term.Expression, term.Weight);
        }

        cp.Minimize(objective);
    }
}

/// <summary>
/// The CP-SAT model of a roster and its variables. Constraint families add themselves to it
/// (<see cref="Rules"/>); the objective is built once at the end from the named penalty terms.
/// </summary>
internal sealed class RosterModel
{
    public RosterModel(RosterScenario scenario, Roster? baseline, bool withAssumptions, bool offerEverything = false)
    {
        OfferEverything = offerEverything;
        Scenario = scenario;
        Catalog = new ShiftCatalog(scenario);
        Baseline = baseline;
        WithAssumptions = withAssumptions;
        SkillIndex = scenario.Skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        Groups = SkillGroup.Of(scenario, SkillIndex);
        GroupOf = Groups.SelectMany(g => g.Agents.Select(a => (a.Id, g.Index))).ToDictionary(x => x.Id, x => x.Index);
    }

    public CpModel Cp { get; } = new();

    public RosterScenario Scenario { get; }

    public ShiftCatalog Catalog { get; }

    public Roster? Baseline { get; }

    /// <summary>When true, each agent's hard rules are enforced through named assumption literals so that an
    /// infeasible model can say which agent and which rules conflict.</summary>
    public bool WithAssumptions { get; }

    /// <summary>When true, every agent has a variable for every option of the catalogue, and the rules that refuse
    /// single shifts fix the refused ones to 0 (a model built to check one rule); otherwise refused options get no
    /// variable at all (<see cref="Rules.ShiftVariables.Offered"/>).</summary>
    public bool OfferEverything { get; }

    public Dictionary<string, int> SkillIndex { get; }

    public IReadOnlyList<SkillGroup> Groups { get; }

    public Dictionary<string, int> GroupOf { get; }

    /// <summary>x[agent][day] = the agent's allowed options that day with their boolean variables.</summary>
    public Dictionary<string, List<(ShiftOption Option, BoolVar Var)>[]> Shifts { get; } = [];

    /// <summary>Break counts per group, day option and break rule: (option, rule, offset) → agents of the group taking the break there.</summary>
    public Dictionary<(int Group, ShiftOption Option, string Rule), List<(Duration Offset, IntVar Count)>> BreakCounts { get; } = [];

    public List<PenaltyTerm> Penalties { get; } = [];

    /// <summary>Every skill-assignment flow variable.</summary>
    public List<IntVar> Flows { get; } = [];

    /// <summary>Each flow variable with its interval, group and skill.</summary>
    public Dictionary<(int Interval, int Group, int Skill), IntVar> FlowAt { get; } = [];

    /// <summary>Agents on duty per group and interval (shifts covering it minus breaks in it): <see cref="Rules.Breaks"/>.</summary>
    public IntVar[,] DutyVars { get; set; } = new IntVar[0, 0];

    /// <summary>Per interval where something is required, per skill, the flows serving it (null: none can): <see cref="Rules.Skills"/>.</summary>
    public Dictionary<int, LinearExprBuilder?[]> Served { get; } = [];

    /// <summary>All agents on duty in interval <paramref name="t"/>.</summary>
    public LinearExpr OnDuty(int t) => LinearExpr.Sum(Enumerable.Range(0, Groups.Count).Select(g => (LinearExpr)DutyVars[g, t]));

    /// <summary>Assumption literals with what they stand for (agent and rule).</summary>
    public List<(BoolVar Literal, string AgentId, string Rule)> Assumptions { get; } = [];

    /// <summary>The literal a hard rule of <paramref name="agent"/> is enforced under: a fresh assumption, or none.</summary>
    public BoolVar? Enforcement(RosterAgent agent, string rule)
    {
        if (!WithAssumptions)
        {
            return null;
        }

        var literal = Cp.NewBoolVar($"assume[{agent.Id}:{rule}]");
        Assumptions.Add((literal, agent.Id, rule));
        return literal;
    }

    public LinearExpr Worked(string agentId, int day) => LinearExpr.Sum(Shifts[agentId][day].Select(s => (LinearExpr)s.Var));

    public void Penalize(string rule, LinearExpr expression, long weight) => PenaltyTerm.Add(Penalties, rule, expression, weight);

    public void BuildObjective() => PenaltyTerm.Minimize(Cp, Penalties);
}
