using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class WeeklyHoursTests
{
    // 16-24 paid hours a week.
    private static readonly Contract Week = new(Duration.FromHours(16), Duration.FromHours(24), 7, 0);

    private static readonly RosterScenario Scenario = new Tiny(days: 7).Template().Agent("a", contract: Week).Build();

    // Three days of paid leave lower the week's minimum by 3 x 16/5 h to 6.4 h.
    private static readonly RosterScenario WithLeave = new Tiny(days: 7).Template().Agent("a", contract: Week, timeOff: [Tiny.Sunday, Tiny.Sunday.PlusDays(1), Tiny.Sunday.PlusDays(2)]).Build();

    // Two weeks: each 7-day block is judged on its own.
    private static readonly RosterScenario TwoWeeks = new Tiny(days: 14).Template().Agent("a", contract: Week).Build();

    [Theory]
    [InlineData("a:0@8", false)] // 8 h, below 16
    [InlineData("a:0@8 a:3@8", true)] // 16 h
    [InlineData("a:0@8 a:2@8 a:4@8", true)] // 24 h
    [InlineData("a:0@8 a:2@8 a:4@8 a:6@8", false)] // 32 h, above 24
    [InlineData("", false)] // 0 h
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.WeeklyHours, roster, holds);

    [Theory]
    [InlineData("a:4@8", true)] // 8 h against 6.4 h
    [InlineData("", false)] // still short
    public void PaidLeaveCountsTowardTheMinimum(string roster, bool holds) => RuleTable.Row(WithLeave, RuleNames.WeeklyHours, roster, holds);

    [Theory]
    [InlineData("a:0@8 a:3@8 a:7@8 a:10@8", true)] // 16 h in each week
    [InlineData("a:0@8 a:3@8 a:5@8 a:10@8", false)] // 24 h then 8 h
    public void EachWeekOfALongerHorizon(string roster, bool holds) => RuleTable.Row(TwoWeeks, RuleNames.WeeklyHours, roster, holds);
}
