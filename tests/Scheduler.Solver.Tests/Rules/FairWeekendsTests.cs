using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class FairWeekendsTests
{
    private static readonly RosterScenario Scenario = FairShareScenario.Build(new RosterRules { FairNights = 0, FairWeekends = 40, FairLates = 0, StartConsistency = 0 });

    [Theory]
    [InlineData("a:0@8", 40)] // a works Sunday, b and c do not
    [InlineData("a:0@8 b:0@8 c:0@8", 0)] // everyone works Sunday
    [InlineData("a:1@8", 0)] // Monday is not a weekend day
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.FairWeekends, roster, holds: true, penalty);
}
