using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class ShiftChangesTests
{
    // Re-solving against a base roster: each changed day costs 200.
    private static readonly RosterScenario Scenario = new Tiny(days: 2).Template().Agent("a").Agent("b").Build();

    private const string Base = "a:0@8 a:1@8";

    [Theory]
    [InlineData("a:0@8 a:1@8", 0)] // unchanged
    [InlineData("a:0@9 a:1@8", 200)] // Sunday moved by an hour
    [InlineData("a:0@8", 200)] // Monday removed
    [InlineData("a:0@8 a:1@8 b:1@8", 200)] // a new shift for b
    [InlineData("", 400)] // everything removed
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.ShiftChanges, roster, holds: true, penalty, baseline: Base);
}
