using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class DaysOffTests
{
    // Two days off in every seven.
    private static readonly Contract TwoOff = new(Duration.Zero, Duration.FromHours(80), 7, 2);

    private static readonly RosterScenario Scenario = new Tiny(days: 8).Template().Agent("a", contract: TwoOff).Build();

    [Theory]
    [InlineData("a:0@8 a:1@8 a:2@8 a:3@8 a:4@8", true)] // five of the first seven
    [InlineData("a:0@8 a:1@8 a:2@8 a:3@8 a:4@8 a:5@8", false)] // six of the first seven
    [InlineData("a:2@8 a:3@8 a:4@8 a:5@8 a:6@8 a:7@8", false)] // days 0-6 hold five, but days 1-7 hold six: every seven count
    [InlineData("a:0@8 a:2@8 a:3@8 a:4@8 a:5@8 a:7@8", true)] // five in days 0-6 and five in days 1-7
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.DaysOff, roster, holds);
}
