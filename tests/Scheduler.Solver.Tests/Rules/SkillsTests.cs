using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Solver.Tests.Rules;

/// <summary>Agents serve only skills they have: seen in what the coverage rules cost, and in trades.</summary>
public sealed class SkillsTests
{
    // a has voice and chat, b only chat, c only voice; one agent needed on each skill 08:00-16:00.
    private static readonly RosterScenario Scenario = new Tiny(1, "voice", "chat").Template()
        .Agent("a", ["voice", "chat"]).Agent("b", ["chat"]).Agent("c", ["voice"])
        .Need(1, 8, 8, skill: "voice").Need(1, 8, 8, skill: "chat").Build();

    [Theory]
    [InlineData("a:0@8 b:0@8", 0)] // a takes voice so that b can take chat
    [InlineData("b:0@8", 32_000)] // b cannot serve voice: 32 quarter-hours short
    [InlineData("b:0@8 c:0@8", 0)] // each their own
    [InlineData("a:0@8", 32_000)] // one agent serves one skill at a time
    public void UnderCoverageFollowsTheSkills(string roster, long penalty) => RuleTable.Row(Scenario, RuleNames.UnderCoverage, roster, holds: true, penalty);

    [Theory]
    [InlineData("a:0@8 b:0@8")]
    [InlineData("")]
    public void TheRuleItselfCostsNothing(string roster) => RuleTable.Row(Scenario, RuleNames.Skills, roster, holds: true);

    [Fact]
    public void Trade_TakerWithNoneOfTheSkillsServed_IsRefused()
    {
        var chatShift = new ShiftAssignment("b", Tiny.Sunday, "day8", new LocalTime(8, 0), Duration.FromHours(8), []);

        var problem = Skills.TradeProblem(Scenario, chatShift, "c");

        Assert.NotNull(problem);
        Assert.Equal(RuleNames.Skills, problem.Rule);
        Assert.Contains("chat", problem.Description);
        Assert.Null(Skills.TradeProblem(Scenario, chatShift, "a"));
    }
}
