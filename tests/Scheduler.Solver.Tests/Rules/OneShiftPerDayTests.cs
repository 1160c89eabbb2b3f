using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class OneShiftPerDayTests
{
    private static readonly RosterScenario Scenario = new Tiny(days: 2).Template().Agent("a").Build();

    [Theory]
    [InlineData("a:0@8", true)] // one shift
    [InlineData("a:0@0 a:0@16", false)] // two shifts starting the same day
    [InlineData("a:0@16 a:1@8", true)] // one a day, however close (rest is another rule)
    [InlineData("", true)] // no shift at all
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.OneShiftPerDay, roster, holds);
}
