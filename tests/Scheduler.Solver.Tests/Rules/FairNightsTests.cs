using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class FairNightsTests
{
    private static readonly RosterScenario Scenario = FairShareScenario.Build(new RosterRules { FairNights = 40, FairWeekends = 0, FairLates = 0, StartConsistency = 0 });

    [Theory]
    [InlineData("a:0@22 a:1@22", 80)] // a two nights, b none (c is not counted: no consent)
    [InlineData("a:0@22 b:1@22", 0)] // one each
    [InlineData("a:0@22 b:1@22 a:1@14", 0)] // a late is not a night
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.FairNights, roster, holds: true, penalty);
}
