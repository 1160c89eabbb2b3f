using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class DaysInARowTests
{
    // At most two working days in a row.
    private static readonly Contract TwoInARow = new(Duration.Zero, Duration.FromHours(60), 2, 0);

    private static readonly RosterScenario Scenario = new Tiny(days: 5).Template().Agent("a", contract: TwoInARow).Build();

    // b worked the two days before the horizon.
    private static readonly RosterScenario AfterTwo = Continue(new Tiny(days: 3).Template().Agent("b", contract: TwoInARow).Build());

    private static RosterScenario Continue(RosterScenario s) => s with { Agents = [s.Agents[0] with { ConsecutiveDaysBefore = 2 }] };

    [Theory]
    [InlineData("a:0@8 a:1@8", true)] // two in a row
    [InlineData("a:0@8 a:1@8 a:2@8", false)] // three
    [InlineData("a:0@8 a:1@8 a:3@8 a:4@8", true)] // two, a day off, two
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.DaysInARow, roster, holds);

    [Theory]
    [InlineData("b:0@8", false)] // the third day in a row
    [InlineData("b:1@8 b:2@8", true)] // after a day off
    public void CountingTheDaysBeforeTheHorizon(string roster, bool holds) => RuleTable.Row(AfterTwo, RuleNames.DaysInARow, roster, holds);
}
