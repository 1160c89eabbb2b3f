using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Rostering;

namespace Scheduler.Domain.Tests.Rostering;

public sealed class ScenarioGeneratorTests
{
    private static readonly Lazy<IReadOnlyList<ProfileRow>> Profile = new(() => ProfileFile.Read(ProfilePath()));

    [Fact]
    public void ProfileFile_RealFile_HasEveryTypeWeekdayAndQuarterHour()
    {
        var rows = Profile.Value;

        Assert.Equal(6 * 7 * 96, rows.Count);
        Assert.Equal(["IN", "NE", "NW", "PE", "PS", "TT"], rows.Select(r => r.Type).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(new ProfileRow("PS", IsoDayOfWeek.Sunday, new LocalTime(0, 0), 0.8571, null), rows[0]);
    }

    [Fact]
    public void ProfileFile_BadLines_AreAllReported()
    {
        const string text = "type,weekday,interval_start,mean_offered,mean_handle_seconds\n"
            + "PS,Sun,00:00,0.5,\n"
            + "PS,Sunday,00:15,0.5,\n" // weekday not abbreviated
            + "PS,Sun,00:20,0.5,\n" // not a quarter-hour
            + "PS,Sun,00:30,-1,100\n"; // negative mean

        var errors = Assert.Throws<ImportException>(() => ProfileFile.Read(new StringReader(text), "profile.csv")).Errors;

        Assert.Equal([(3, "weekday"), (4, "interval_start"), (5, "mean_offered")], errors.Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameScenario()
    {
        var options = new ScenarioGeneratorOptions { Agents = 50, Skills = 3, Seed = 7 };

        var first = ScenarioJson.Write(ScenarioGenerator.Generate(options, Profile.Value));
        var second = ScenarioJson.Write(ScenarioGenerator.Generate(options, Profile.Value));
        var other = ScenarioJson.Write(ScenarioGenerator.Generate(options with { Seed = 8 }, Profile.Value));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Theory]
    [InlineData(50, 3, 7, 1)]
    [InlineData(20, 1, 7, 2)]
    [InlineData(120, 6, 14, 3)]
    [InlineData(12, 6, 3, 4)]
    public void Generate_Output_IsAValidScenarioAtAboutTheLoad(int agents, int skills, int days, int seed)
    {
        var scenario = ScenarioGenerator.Generate(new ScenarioGeneratorOptions { Agents = agents, Skills = skills, Days = days, Seed = seed }, Profile.Value);

        var json = ScenarioJson.Write(scenario);
        var read = ScenarioJson.Read(json, "generated.json");

        Assert.Equal(json, ScenarioJson.Write(read));
        Assert.Equal(agents, read.Agents.Count);
        Assert.Equal(skills, read.Skills.Count);
        var required = Enumerable.Range(0, read.Grid.Count).Sum(read.TotalRequired) * read.IntervalLength.TotalHours;
        var capacity = read.Agents.Sum(a => (a.Contract.MinPaidPerWeek + a.Contract.MaxPaidPerWeek).TotalHours / 2) * days / 7;
        Assert.InRange(required / capacity, 0.62, 0.82); // the default load is 0.72; rounding and the 24/7 floor move it a little.
        Assert.All(Enumerable.Range(0, read.Grid.Count), t => Assert.True(read.TotalRequired(t) >= 1, $"interval {t} needs nobody"));
        Assert.All(read.Skills, s => Assert.Contains(read.Agents, a => a.Skills.Contains(s)));
        Assert.All(read.Agents, a => Assert.All(a.Skills, s => Assert.Contains(s[^2..], a.Languages)));
    }

    [Fact]
    public void Generate_Agents_MixContractsConsentAndSkills()
    {
        var scenario = ScenarioGenerator.Generate(new ScenarioGeneratorOptions { Agents = 200, Skills = 4, Seed = 11 }, Profile.Value);

        var partTimers = scenario.Agents.Count(a => a.Contract.MaxPaidPerWeek <= Duration.FromHours(24));
        var consenting = scenario.Agents.Count(a => a.NightConsent);
        Assert.InRange(partTimers, 20, 60);
        Assert.InRange(consenting, 90, 150);
        Assert.Contains(scenario.Agents, a => a.Skills.Count > 1);
        Assert.True(scenario.Agents.Count(a => a.Skills.Contains("ps-bn")) > scenario.Agents.Count / 2, "most agents should have the main skill");
        Assert.Contains(scenario.Agents, a => a.TimeOff.Count > 0);
        Assert.Contains(scenario.Agents, a => a.Preferences.Count > 0);
        Assert.Equal([IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday], scenario.Rules.WeekendDays.Order());
    }

    [Fact]
    public void Generate_Demand_FollowsTheProfileShape()
    {
        var scenario = ScenarioGenerator.Generate(new ScenarioGeneratorOptions { Agents = 100, Skills = 1, Seed = 3 }, Profile.Value);

        var ps = scenario.Requirements["ps-bn"];
        var monday = scenario.Grid.Intervals.Select((i, t) => (i, t)).Where(x => x.i.Date.DayOfWeek == IsoDayOfWeek.Monday).ToList();
        var morning = monday.Where(x => x.i.LocalStart == new LocalTime(10, 0)).Sum(x => ps[x.t]);
        var night = monday.Where(x => x.i.LocalStart == new LocalTime(3, 0)).Sum(x => ps[x.t]);
        Assert.True(morning > 3 * night, $"10:00 needs {morning}, 03:00 needs {night}");
    }

    private static string ProfilePath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "profiles", "anonymous-bank-weekly.csv");
            if (File.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException($"data/profiles/anonymous-bank-weekly.csv was not found in any parent of {AppContext.BaseDirectory}.");
    }
}
