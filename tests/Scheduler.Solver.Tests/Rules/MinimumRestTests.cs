using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class MinimumRestTests
{
    private static readonly RosterScenario Scenario = new Tiny(days: 3).Template().Agent("a").Build();

    // b's last shift before the horizon ended at 00:00 on the first day.
    private static readonly RosterScenario AfterPrevious = new Tiny(days: 1).Template().Agent("b", previousShiftEnd: RuleTable.At(0, 0)).Build();

    [Theory]
    [InlineData("a:0@16 a:1@8", false)] // 24:00 -> 08:00: 8 h
    [InlineData("a:0@16 a:1@11", true)] // 24:00 -> 11:00: exactly 11 h
    [InlineData("a:0@16 a:1@10", false)] // 10 h
    [InlineData("a:0@0 a:1@0", true)] // 16 h
    [InlineData("a:0@22 a:2@0", true)] // two days apart
    [InlineData("a:0@22 a:1@16", false)] // a night ending 06:00, then 16:00: 10 h
    [InlineData("a:0@22 a:1@17", true)] // then 17:00: 11 h
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.MinimumRest, roster, holds);

    [Theory]
    [InlineData("b:0@6", false)] // 6 h after the last shift of the week before
    [InlineData("b:0@11", true)] // 11 h after it
    public void FromTheShiftBeforeTheHorizon(string roster, bool holds) => RuleTable.Row(AfterPrevious, RuleNames.MinimumRest, roster, holds);
}
