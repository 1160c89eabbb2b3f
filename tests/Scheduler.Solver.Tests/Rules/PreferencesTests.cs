using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class PreferencesTests
{
    // a wants Sundays off (weight 2); b wants to start at 08:00 on Monday (weight 1). Each weight unit costs 30.
    private static readonly RosterScenario Scenario = new Tiny(days: 2).Template()
        .Agent("a", preferences: [new Preference(null, IsoDayOfWeek.Sunday, null, null, false, 2)])
        .Agent("b", preferences: [new Preference(Tiny.Sunday.PlusDays(1), null, null, new LocalTime(8, 0), true, 1)])
        .Build();

    [Theory]
    [InlineData("a:1@8 b:1@8", 0)] // a works Monday only, b starts 08:00 on Monday: both met
    [InlineData("a:0@8 b:1@8", 60)] // a works Sunday
    [InlineData("b:1@9", 30)] // b starts 09:00 instead
    [InlineData("b:0@8", 30)] // b has Monday off: the wanted start is missed
    [InlineData("a:0@8 b:1@9", 90)] // both unmet
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.Preferences, roster, holds: true, penalty);
}
