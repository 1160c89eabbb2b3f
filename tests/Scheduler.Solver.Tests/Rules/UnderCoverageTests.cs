using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class UnderCoverageTests
{
    // Two agents needed 08:00-16:00; each quarter-hour short of one agent costs 1,000.
    private static readonly RosterScenario Scenario = new Tiny().Template().Agent("a").Agent("b").Need(2, 8, 8).Build();

    // The same with a 15-minute break in every shift, 2 h to 6 h after its start.
    private static readonly RosterScenario WithBreaks = new Tiny().Template("day8", 8, new BreakRule("tea", Duration.FromMinutes(15), true, Duration.FromHours(2), Duration.FromHours(6)))
        .Agent("a").Agent("b").Need(2, 8, 8).Build();

    [Theory]
    [InlineData("a:0@8 b:0@8", 0)] // both all day
    [InlineData("a:0@8", 32_000)] // one short for 32 quarter-hours
    [InlineData("a:0@12 b:0@8", 16_000)] // a from 12:00: one short 08:00-12:00
    [InlineData("", 64_000)] // nobody
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.UnderCoverage, roster, holds: true, penalty);

    [Theory]
    [InlineData("a:0@8/tea+120 b:0@8/tea+120", 2_000)] // both on tea at 10:00: two short for one quarter-hour
    [InlineData("a:0@8/tea+120 b:0@8/tea+135", 2_000)] // one at 10:00, one at 10:15: one short twice
    public void BreaksAreOffDuty(string roster, long penalty) => RuleTable.Row(WithBreaks, RuleNames.UnderCoverage, roster, holds: true, penalty);
}
