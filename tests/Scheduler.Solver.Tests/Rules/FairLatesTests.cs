using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class FairLatesTests
{
    private static readonly RosterScenario Scenario = FairShareScenario.Build(new RosterRules { FairNights = 0, FairWeekends = 0, FairLates = 10, StartConsistency = 0 });

    [Theory]
    [InlineData("a:0@14", 10)] // a late (from 14:00), nobody else
    [InlineData("a:0@14 a:1@15", 20)] // a two lates
    [InlineData("a:0@14 b:0@15 c:1@16", 0)] // one each
    [InlineData("a:0@22", 0)] // a night is not a late
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.FairLates, roster, holds: true, penalty);
}
