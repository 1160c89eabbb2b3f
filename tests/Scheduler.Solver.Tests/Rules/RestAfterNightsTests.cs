using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class RestAfterNightsTests
{
    // After three nights in a row, each of the next two days worked costs 150. 22:00-06:00 is a night, 16:00-24:00 is not.
    private static readonly RosterScenario Scenario = new Tiny(days: 6).Template().Agent("a").Build();

    [Theory]
    [InlineData("a:0@22 a:1@22 a:2@22", 0)] // three nights, then two days off
    [InlineData("a:0@22 a:1@22 a:2@22 a:4@16", 150)] // work on the second day after
    [InlineData("a:0@22 a:1@22 a:2@22 a:3@16 a:4@16", 300)] // both days after
    [InlineData("a:0@22 a:1@22 a:2@16 a:3@16", 0)] // two nights are not a run
    [InlineData("a:0@22 a:1@22 a:2@22 a:3@22 a:5@16", 150)] // four nights: the run ends on day 3, and day 5 is the second day after
    [InlineData("a:0@22 a:1@22 a:2@22 a:3@22 a:4@16", 150)] // the run ends on day 3; day 4 worked
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.RestAfterNights, roster, holds: true, penalty);
}
