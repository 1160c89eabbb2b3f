using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>
/// Soft: per interval and skill, the requirement no flow of <see cref="Skills"/> reaches. Under-coverage is its own
/// non-negative variable (served + short = required): the LP bound then starts at zero instead of minus the whole
/// requirement, and the explanation reads it directly. Column generation: the master's cover rows.
/// </summary>
internal sealed class UnderCoverage : ISolverRule
{
    private static readonly Skills Serving = new();

    public string Name => RuleNames.UnderCoverage;

    public IReadOnlyList<ISolverRule> Requires => [Serving];

    public void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        for (var t = 0; t < scenario.Grid.Count; t++)
        {
            for (var s = 0; s < scenario.Skills.Count; s++)
            {
                var required = scenario.Requirements[scenario.Skills[s]][t];
                if (required > 0)
                {
                    var under = m.Cp.NewIntVar(0, required, $"short[{t},{scenario.Skills[s]}]");
                    var served = m.Served.GetValueOrDefault(t)?[s];
                    m.Cp.Add(served is null ? under == required : served + under == required);
                    m.Penalize(Name, under, scenario.Rules.UnderCoverage);
                }
            }
        }
    }
}
