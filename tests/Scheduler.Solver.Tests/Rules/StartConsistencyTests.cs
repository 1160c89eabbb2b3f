using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class StartConsistencyTests
{
    // Each start time beyond an agent's first costs 8.
    private static readonly RosterScenario Scenario = Build();

    private static RosterScenario Build()
    {
        var tiny = new Tiny(days: 3);
        tiny.Rules = tiny.Rules with { StartConsistency = 8 };
        return tiny.Template().Agent("a").Agent("b").Build();
    }

    [Theory]
    [InlineData("a:0@8 a:1@8 a:2@8", 0)] // the same start every day
    [InlineData("a:0@8 a:1@9 a:2@10", 16)] // three starts
    [InlineData("a:0@8 a:1@9 a:2@8", 8)] // two starts
    [InlineData("a:0@8 b:1@9", 0)] // one each
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.StartConsistency, roster, holds: true, penalty);
}
