using System.Diagnostics;
using NodaTime;
using Scheduler.Domain.Rostering;
using Xunit.Abstractions;

namespace Scheduler.Solver.Tests;

/// <summary>The overtime proposer on a week the real solver made (30 agents for a week that needs more, three skills): every proposal, applied
/// alone, passes the validator and does what it says; the time it takes is printed (docs/decisions/014-overtime.md).</summary>
[Trait("Category", "Slow")]
public sealed class OvertimeOnSolvedWeekTests(ITestOutputHelper output)
{
    [Fact]
    public void Proposals_OnASolvedGeneratedWeek_AreEachValidWhenApplied()
    {
        var profile = ProfileFile.Read(SolverTestKit.DataFile("profiles", "anonymous-bank-weekly.csv"));
        var generated = ScenarioGenerator.Generate(new ScenarioGeneratorOptions { Agents = 30, Skills = 3, Days = 7, Seed = 5, Load = 1.05 }, profile);
        // Three agents in four agree to 8 h of overtime a week; wages 180-260.
        var scenario = generated with
        {
            Agents = [.. generated.Agents.Select((a, i) => a with { OvertimeConsent = i % 4 != 3, OvertimeCapPerWeek = Duration.FromHours(8), HourlyCost = 180 + (20 * (i % 5)) })],
        };
        var (result, report) = SolverTestKit.SolveAndValidate(scenario, SolverTestKit.Quick with { TimeLimit = TimeSpan.FromSeconds(20) });
        var roster = result.Roster!;
        long Units(ValidationReport r, params string[] rules) => r.Costs.Where(c => rules.Contains(c.Rule)).Sum(c => c.Units);

        var clock = Stopwatch.StartNew();
        var proposals = OvertimeProposer.Propose(scenario, roster);
        clock.Stop();

        output.WriteLine($"{proposals.Count} proposals in {clock.Elapsed.TotalSeconds:0.00} s; roster short {Units(report, RuleNames.UnderCoverage)} agent-intervals");
        Assert.NotEmpty(proposals);
        foreach (var p in proposals)
        {
            var after = RosterValidator.Validate(scenario, p.ApplyTo(roster)!);
            Assert.True(after.IsValid, $"{p.Description}: {string.Join("; ", after.Violations.Select(v => v.Description))}");
            if (p.Kind == OfferKind.Overtime)
            {
                Assert.True(scenario.Agent(p.AgentId).OvertimeConsent);
                Assert.Equal(Units(report, RuleNames.UnderCoverage) - p.CoverageUnits, Units(after, RuleNames.UnderCoverage));
            }
            else
            {
                Assert.True(Units(after, RuleNames.UnderCoverage) <= Units(report, RuleNames.UnderCoverage));
                Assert.Equal(Units(report, RuleNames.OverCoverage, RuleNames.IdleStaffing) - p.CoverageUnits, Units(after, RuleNames.OverCoverage, RuleNames.IdleStaffing));
            }
        }
    }
}
