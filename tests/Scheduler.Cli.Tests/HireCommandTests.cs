using System.Text.Json;
using Scheduler.Domain.Rostering;

namespace Scheduler.Cli.Tests;

/// <summary>
/// <c>hire</c> on a small generated scenario (6 agents, 2 skills, 3 days) with an empty roster: every required
/// agent-interval is short, a known gap the suggestion must mostly close. The JSON it writes is read with
/// <see cref="JsonDocument"/>, not with our own reader, and the roster with the hires is judged by the validator.
/// </summary>
public sealed class HireCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-hire-").FullName;

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task Hire_EmptyRosterOfAGeneratedWeek_PrintsTheHiresAndWritesJsonAnIndependentReaderUnderstands()
    {
        var (scenario, roster) = await FilesAsync();
        var (json, withHires, rosterWithHires) = (PathOf("hires.json"), PathOf("with-hires.json"), PathOf("roster-with-hires.json"));

        var (code, output, error) = await SimulateCommandTests.Run("hire", "--scenario", scenario, "--roster", roster, "--time-limit", "8", "--workers", "2", "--out", json, "--scenario-out", withHires, "--roster-out", rosterWithHires);

        Assert.True(code == 0, error);
        Assert.Contains("re-solving with candidate hires", error); // progress while solving, on stderr
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        var required = root.GetProperty("required").GetInt32();
        var shortBefore = root.GetProperty("shortBefore").GetInt32();
        var shortAfter = root.GetProperty("shortAfter").GetInt32();
        var hires = root.GetProperty("hires").GetInt32();
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.True(required > 0);
        Assert.Equal(required, shortBefore); // no one rostered: everything is short
        Assert.Equal(0, root.GetProperty("coverageBefore").GetDouble());
        Assert.True(shortAfter < shortBefore / 2, $"short {shortBefore} -> {shortAfter}");
        Assert.Equal((double)(required - shortAfter) / required, root.GetProperty("coverageAfter").GetDouble(), 9);
        Assert.True(hires > 0);
        Assert.Equal(hires, groups.Sum(g => g.GetProperty("count").GetInt32()));
        Assert.Equal(root.GetProperty("weeklyCost").GetDecimal(), groups.Sum(g => g.GetProperty("weeklyCost").GetDecimal()));
        Assert.Equal(root.GetProperty("paidHours").GetDouble(), groups.Sum(g => g.GetProperty("paidHours").GetDouble()), 6);
        Assert.All(groups, g =>
        {
            Assert.All(g.GetProperty("skills").EnumerateArray(), s => Assert.Contains(s.GetString(), new[] { "ps-bn", "pe-en" }));
            Assert.InRange(g.GetProperty("minHoursPerWeek").GetDouble(), 20, 40);
            Assert.True(g.GetProperty("maxHoursPerWeek").GetDouble() > g.GetProperty("minHoursPerWeek").GetDouble());
            Assert.Equal(g.GetProperty("paidHours").GetDecimal() * g.GetProperty("hourlyCost").GetDecimal(), g.GetProperty("weeklyCost").GetDecimal());
        });
        Assert.All(root.GetProperty("remaining").EnumerateArray(), r => Assert.Contains(r.GetProperty("reason").GetString(), new[] { "NoProfileWithSkill", "PoolUsedUp", "NotWorthAHire" }));
        Assert.Equal(shortAfter, root.GetProperty("remaining").EnumerateArray().Sum(r => r.GetProperty("shortIntervals").GetInt32()));
        Assert.Contains("Suggested hires", output);
        Assert.Contains($"Short agent-intervals: {shortBefore:N0} -> {shortAfter:N0} of {required:N0} required", output);
        Assert.Contains("coverage 0.0 % -> ", output);

        // The roster with the hires, judged by the validator alone: the hires break no rule (the generated agents are
        // short of their contract hours only because this roster gives them no shift), and it is short what the JSON says.
        var original = ScenarioJson.Load(scenario);
        var report = RosterValidator.Validate(ScenarioJson.Load(withHires), RosterJson.Load(rosterWithHires));
        var hireIds = ScenarioJson.Load(withHires).Agents.Select(a => a.Id).Except(original.Agents.Select(a => a.Id)).ToHashSet();
        Assert.Equal(hires, hireIds.Count);
        Assert.DoesNotContain(report.Violations, v => hireIds.Contains(v.AgentId ?? ""));
        Assert.All(report.Violations, v => Assert.Equal(RuleNames.WeeklyHours, v.Rule));
        Assert.Equal(shortAfter, report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units));
    }

    public static TheoryData<string, string> BadInputs => new()
    {
        { "missing-scenario", "nowhere.json" },
        { "broken-roster", "broken.json:3: $: not valid JSON" },
        { "stranger", "stranger.json: agent 'zz' is not in the scenario (scenario week.json)" },
        { "time-limit", "--time-limit must be 1 to 600 seconds (not 0)" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Hire_BadInput_ExitsTwoNamingTheFileAndWritesNothing(string kind, string expected)
    {
        var (scenario, roster) = await FilesAsync();
        var limit = "5";
        switch (kind)
        {
            case "missing-scenario":
                scenario = PathOf("nowhere.json");
                break;
            case "broken-roster":
                roster = PathOf("broken.json");
                await File.WriteAllTextAsync(roster, "{ \"shifts\": [\n  { \"agent\": \"a001\", \n");
                break;
            case "stranger":
                roster = PathOf("stranger.json");
                await File.WriteAllTextAsync(roster, """{ "shifts": [ { "agent": "zz", "date": "2026-11-29", "template": "ft8", "start": "08:00", "lengthHours": 8 } ] }""");
                break;
            default:
                limit = "0";
                break;
        }

        var json = PathOf("hires.json");
        var (code, output, error) = await SimulateCommandTests.Run("hire", "--scenario", scenario, "--roster", roster, "--time-limit", limit, "--workers", "2", "--out", json, "--roster-out", PathOf("r.json"));

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Suggested hires", output);
        Assert.False(File.Exists(json));
        Assert.False(File.Exists(PathOf("r.json")));
    }

    /// <summary>A generated 3-day scenario (as <c>scenario generate</c> writes it) and an empty roster.</summary>
    private async Task<(string Scenario, string Roster)> FilesAsync()
    {
        var scenario = PathOf("week.json");
        var (code, _, error) = await SimulateCommandTests.Run("scenario", "generate", "--agents", "6", "--skills", "2", "--days", "3", "--seed", "3", "--out", scenario);
        Assert.True(code == 0, error);
        var roster = PathOf("empty.json");
        await File.WriteAllTextAsync(roster, """{ "shifts": [] }""");
        return (scenario, roster);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
