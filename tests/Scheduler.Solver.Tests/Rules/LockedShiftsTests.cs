using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class LockedShiftsTests
{
    private static readonly RosterScenario Scenario = new Tiny(days: 2).Template()
        .Agent("a", locked: [new LockedShift(Tiny.Sunday, "day8", new LocalTime(8, 0), Duration.FromHours(8))]).Agent("b").Build();

    [Theory]
    [InlineData("a:0@8", true)] // the locked shift, as locked
    [InlineData("a:0@8 a:1@8 b:1@3", true)] // and anything else
    [InlineData("a:0@9", false)] // moved by an hour
    [InlineData("b:0@8", false)] // given to someone else
    [InlineData("", false)] // missing
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.LockedShifts, roster, holds);
}
