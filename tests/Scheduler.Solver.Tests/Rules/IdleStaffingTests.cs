using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class IdleStaffingTests
{
    // One agent needed 08:00-16:00 only; each agent-quarter-hour where nothing is required costs 60.
    private static readonly RosterScenario Scenario = new Tiny().Template().Agent("a").Agent("b").Need(1, 8, 8).Build();

    [Theory]
    [InlineData("a:0@8", 0)] // inside the requirement
    [InlineData("a:0@10", 480)] // 16:00-18:00 with nothing required: 8 quarter-hours
    [InlineData("a:0@0", 1_920)] // 00:00-08:00: 32 quarter-hours
    [InlineData("a:0@10 b:0@10", 960)] // two agents idle 16:00-18:00
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.IdleStaffing, roster, holds: true, penalty);
}
