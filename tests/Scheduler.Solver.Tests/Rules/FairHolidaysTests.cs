using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

/// <summary>Public-holiday shifts shared evenly with the balance of earlier weeks: the validator and CP-SAT alone agree.</summary>
public sealed class FairHolidaysTests
{
    // a, b and c; Sunday and Monday, Monday a public holiday. a worked the last two holidays, b one, c none.
    private static readonly RosterScenario Scenario = Build(new FairnessCounts(0, 0, 2), new FairnessCounts(0, 0, 1));

    private static RosterScenario Build(FairnessCounts a, FairnessCounts b)
    {
        var scenario = FairShareScenario.Build(new RosterRules { FairNights = 0, FairWeekends = 0, FairLates = 0, FairHolidays = 60, StartConsistency = 0, Holidays = new HashSet<LocalDate> { Tiny.Sunday.PlusDays(1) } });
        return scenario with { Agents = [scenario.Agents[0] with { CountsBefore = a }, scenario.Agents[1] with { CountsBefore = b }, scenario.Agents[2]] };
    }

    [Theory]
    [InlineData("", 120)] // nobody works the holiday: the standing 2 against 0 is the cost
    [InlineData("c:1@8", 60)] // c takes it: 2, 1, 1
    [InlineData("c:1@8 b:1@14", 60)] // c and b: 2, 2, 1
    [InlineData("a:1@8", 180)] // a again: 3 against c's 0
    [InlineData("c:0@22", 60)] // c's Sunday night runs into the holiday: it counts
    [InlineData("c:0@8", 120)] // c's Sunday day shift does not
    [InlineData("c:0@16", 120)] // nor one ending at midnight as the holiday begins
    public void Table(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.FairHolidays, roster, holds: true, penalty);

    [Theory]
    [InlineData("a:1@8", 60)] // without a balance, only this horizon counts: 1 against 0
    [InlineData("c:1@8", 60)]
    public void Table_WithoutBalance(string roster, long penalty) =>
        RuleTable.Row(Build(FairnessCounts.Zero, FairnessCounts.Zero), RuleNames.FairHolidays, roster, holds: true, penalty);
}
