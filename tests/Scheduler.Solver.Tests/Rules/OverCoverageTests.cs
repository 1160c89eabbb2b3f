using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class OverCoverageTests
{
    // One agent needed 08:00-16:00; each agent-quarter-hour beyond the requirement costs 20.
    private static readonly RosterScenario Scenario = new Tiny().Template().Agent("a").Agent("b").Need(1, 8, 8).Build();

    [Theory]
    [InlineData("a:0@8", 0)] // exactly what is needed
    [InlineData("a:0@8 b:0@8", 640)] // one beyond for 32 quarter-hours
    [InlineData("a:0@8 b:0@10", 480)] // b beyond 10:00-16:00; 16:00-18:00 nothing is required (idle staffing, not this rule)
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.OverCoverage, roster, holds: true, penalty);
}
