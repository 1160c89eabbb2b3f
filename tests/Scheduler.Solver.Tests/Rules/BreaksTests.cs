using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class BreaksTests
{
    // An 8-hour shift with an unpaid 30-minute lunch starting 3 h to 4.5 h after the shift starts (ending by 5 h).
    private static readonly BreakRule Lunch = new("lunch", Duration.FromMinutes(30), false, Duration.FromHours(3), Duration.FromHours(5));

    private static readonly RosterScenario Scenario = new Tiny().Template("day8", 8, Lunch).Agent("a").Agent("b").Need(2, 8, 8).Build();

    [Theory]
    [InlineData("a:0@8/lunch+180", true)] // at the earliest start
    [InlineData("a:0@8/lunch+270", true)] // ending at the window's end
    [InlineData("a:0@8/lunch+300", false)] // ending half an hour past it
    [InlineData("a:0@8/lunch+165", false)] // before the window
    [InlineData("a:0@8/lunch+190", false)] // off the 15-minute grid
    [InlineData("a:0@8", false)] // no lunch at all
    [InlineData("a:0@8/lunch+180/lunch+240", false)] // two lunches
    [InlineData("a:0@8/lunch+180 b:0@8/lunch+180", true)] // two agents on the same shift, same slot
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.Breaks, roster, holds);
}
