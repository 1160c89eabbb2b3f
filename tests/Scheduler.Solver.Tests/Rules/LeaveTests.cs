using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class LeaveTests
{
    private static readonly RosterScenario Scenario = new Tiny(days: 2).Template().Agent("a", timeOff: [Tiny.Sunday]).Build();

    [Theory]
    [InlineData("a:0@8", false)] // a shift on the day of approved leave
    [InlineData("a:1@8", true)] // the day after
    [InlineData("", true)] // nothing
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.Leave, roster, holds);
}
