using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

public sealed class AvailabilityTests
{
    private static readonly RosterScenario Scenario = Build();

    // a: on Sundays only 08:00 for 10 h; Mondays are a fixed day off.
    private static RosterScenario Build()
    {
        var scenario = new Tiny(days: 3).Template().Agent("a").Build();
        var a = scenario.Agents[0] with
        {
            Availability = new Dictionary<IsoDayOfWeek, AvailabilityWindow> { [IsoDayOfWeek.Sunday] = new(new LocalTime(8, 0), Duration.FromHours(10)) },
            FixedDaysOff = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Monday },
        };
        return scenario with { Agents = [a] };
    }

    [Theory]
    [InlineData("a:0@8", true)] // 08:00-16:00 inside 08:00-18:00
    [InlineData("a:0@10", true)] // ends 18:00, the window's end
    [InlineData("a:0@11", false)] // ends 19:00, past the window
    [InlineData("a:0@7", false)] // starts before the window
    [InlineData("a:1@8", false)] // Monday: a fixed day off
    [InlineData("a:2@3", true)] // Tuesday: no window, any time
    public void Table(string roster, bool holds) => RuleTable.Row(Scenario, RuleNames.Availability, roster, holds);
}
