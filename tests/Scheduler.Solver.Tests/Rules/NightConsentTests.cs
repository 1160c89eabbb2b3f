using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class NightConsentTests
{
    private static readonly RosterScenario Scenario = new Tiny(days: 2).Template().Agent("a", nightConsent: false).Agent("b").Build();

    [Theory]
    [InlineData("a:0@8", true)] // 08:00-16:00
    [InlineData("a:0@14", true)] // 14:00-22:00 ends as the night starts
    [InlineData("a:0@16", false)] // 16:00-24:00 touches 22:00-06:00
    [InlineData("a:0@5", false)] // 05:00-13:00 starts in the night
    [InlineData("a:0@6", true)] // 06:00-14:00 starts as the night ends
    [InlineData("b:0@22", true)] // b agreed to nights
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.NightConsent, roster, holds);
}
