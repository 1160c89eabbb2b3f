using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Rostering;

namespace Scheduler.Domain.Tests.Rostering;

public sealed class ScenarioJsonTests
{
    private static readonly string Valid = ScenarioSamples.Valid();

    public static TheoryData<string, string?, string> BadValues => new()
    {
        { "zone", "\"Mars/Olympus\"", "$.zone" }, // zone must be an IANA id
        { "agents[0].homeZone", "\"Dhaka\"", "$.agents[0].homeZone" }, // so must an agent's home zone
        { "horizon.intervalMinutes", "20", "$.horizon.intervalMinutes" }, // grid of 5, 15, 30 or 60 minutes only
        { "horizon.days", "0", "$.horizon.days" }, // at least one day
        { "horizon.days", "29", "$.horizon.days" }, // at most four weeks
        { "horizon.firstDate", "\"29/11/2026\"", "$.horizon.firstDate" }, // ISO date
        { "requirements.voice-bn", "[1,2,3]", "$.requirements.voice-bn" }, // one value per grid interval (96 here)
        { "requirements.voice-bn[5]", "-1", "$.requirements.voice-bn[5]" }, // no negative requirement
        { "requirements.voice-bn[2]", "1.5", "$.requirements.voice-bn[2]" }, // whole agents
        { "requirements.chat-bn", null, "$.requirements.chat-bn" }, // a listed skill without requirements
        { "requirements.email-en", ScenarioSamples.Requirements(96), "$.requirements.email-en" }, // requirements of a skill not listed
        { "requirementsFile", "\"req.csv\"", "$.requirementsFile" }, // requirements and a requirements file at once
        { "skills[1]", "\"voice-bn\"", "$.skills[1]" }, // a skill listed twice
        { "templates[0].starts[1]", "\"07:10\"", "$.templates[0].starts[1]" }, // start off the 15-minute grid
        { "templates[0].lengthsHours[0]", "8.1", "$.templates[0].lengthsHours[0]" }, // 486 minutes: not whole intervals
        { "templates[0].breaks[0].minutes", "20", "$.templates[0].breaks[0].minutes" }, // break not whole intervals
        { "templates[0].breaks[0].latestEndHours", "9", "$.templates[0].breaks[0].latestEndHours" }, // window ends after the 8 h shift
        { "templates[0].breaks[1].latestEndHours", "1.1", "$.templates[0].breaks[1].latestEndHours" }, // window shorter than the break
        { "templates[0].breaks[1].latestEndHours", "3.5", "$.templates[0].breaks[1].earliestStartHours" }, // tea window 1-3.5 overlaps meal 3-5
        { "templates[1].id", "\"day8\"", "$.templates[1].id" }, // template ids are unique
        { "agents[1].id", "\"a001\"", "$.agents[1].id" }, // agent ids are unique
        { "agents[0].skills[1]", "\"email-en\"", "$.agents[0].skills[1]" }, // agent skill not among the scenario's skills
        { "agents[0].contract.minHoursPerWeek", "50", "$.agents[0].contract.minHoursPerWeek" }, // min above max (48)
        { "agents[0].contract.maxHoursPerWeek", "-1", "$.agents[0].contract.maxHoursPerWeek" }, // negative hours
        { "agents[0].contract.maxConsecutiveDays", null, "$.agents[0].contract.maxConsecutiveDays" }, // contract fields are required
        { "agents[0].locked[0].start", "\"06:30\"", "$.agents[0].locked[0].start" }, // not a start of day8
        { "agents[0].locked[0].lengthHours", "6", "$.agents[0].locked[0].lengthHours" }, // not a length of day8
        { "agents[0].locked[0].template", "\"night\"", "$.agents[0].locked[0].template" }, // no such template
        { "agents[0].locked[0].date", "\"2026-11-30\"", "$.agents[0].locked[0].date" }, // outside the one-day horizon
        { "agents[0].preferences[1].template", "\"night\"", "$.agents[0].preferences[1].template" }, // no such template
        { "agents[0].preferences[0].wanted", null, "$.agents[0].preferences[0].wanted" }, // a wish says wanted or not
        { "agents[0].fixedDaysOff[0]", "\"Funday\"", "$.agents[0].fixedDaysOff[0]" }, // weekday names only
        { "agents[0].availability.Friday.hours", "0", "$.agents[0].availability.Friday.hours" }, // an empty window
        { "agents[0].previousShiftEnd", "\"yesterday\"", "$.agents[0].previousShiftEnd" }, // an instant in UTC
        { "rules.weights.overCoverage", "-5", "$.rules.weights.overCoverage" }, // weights are 0 or more
        { "rules.weights.preference", "2.5", "$.rules.weights.preference" }, // weights are whole numbers
        { "rules.weights.overcoverage", "3", "$.rules.weights.overcoverage" }, // misspelt weight names are not ignored
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Read_BadValue_NamesItsJsonPath(string path, string? valueJson, string expectedPath)
    {
        var json = ScenarioSamples.With(Valid, path, valueJson);

        var errors = Assert.Throws<ImportException>(() => ScenarioJson.Read(json, "scenario.json")).Errors;

        Assert.Contains(expectedPath, errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("scenario.json", e.File));
    }

    [Fact]
    public void Read_ValidFile_BuildsTheScenario()
    {
        var scenario = ScenarioJson.Read(Valid, "scenario.json");

        Assert.Equal(96, scenario.Grid.Count);
        Assert.Equal(2, scenario.Requirements["voice-bn"][40]);
        var day8 = scenario.Template("day8");
        Assert.Equal([new LocalTime(6, 0), new LocalTime(7, 0)], day8.Starts);
        Assert.Equal(new BreakRule("tea", Duration.FromMinutes(15), true, Duration.FromHours(1), Duration.FromMinutes(150)), day8.Breaks[1]);
        Assert.Equal([Duration.FromHours(4), Duration.FromMinutes(270)], scenario.Template("part4").Lengths);
        var a001 = scenario.Agent("a001");
        Assert.Equal(new Contract(Duration.FromHours(32), Duration.FromHours(48), 6, 1), a001.Contract);
        Assert.Equal(new AvailabilityWindow(new LocalTime(8, 0), Duration.FromHours(10)), a001.Availability[IsoDayOfWeek.Friday]);
        Assert.Equal(new Preference(null, IsoDayOfWeek.Sunday, "day8", new LocalTime(7, 0), true, 1), a001.Preferences[1]);
        Assert.Equal(new LockedShift(new LocalDate(2026, 11, 29), "day8", new LocalTime(7, 0), Duration.FromHours(8)), a001.Locked[0]);
        Assert.Equal(Instant.FromUtc(2026, 11, 28, 22, 0), a001.PreviousShiftEnd);
        Assert.Equal(2, a001.ConsecutiveDaysBefore);
        var a002 = scenario.Agent("a002");
        Assert.Equal(("a002", "Asia/Dhaka", false), (a002.Name, a002.HomeZone.Id, a002.NightConsent));
        Assert.Equal(25, scenario.Rules.OverCoverage);
        Assert.Equal(0, scenario.Rules.ShiftChange);
        Assert.Equal(new RosterRules().IdleStaffing, scenario.Rules.IdleStaffing);
        Assert.Equal([IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday], scenario.Rules.WeekendDays.Order());
    }

    [Fact]
    public void Read_NoRules_UsesDefaultRules()
    {
        var scenario = ScenarioJson.Read(ScenarioSamples.With(Valid, "rules", null), "scenario.json");

        Assert.Equal(new RosterRules().MinRest, scenario.Rules.MinRest);
        Assert.Equal(new RosterRules().WeekendDays.Order(), scenario.Rules.WeekendDays.Order());
        Assert.Equal(new RosterRules().OverCoverage, scenario.Rules.OverCoverage);
    }

    [Fact]
    public void Write_ReadBack_GivesTheSameFile()
    {
        var first = ScenarioJson.Write(ScenarioJson.Read(Valid, "scenario.json"));

        var again = ScenarioJson.Read(first, "scenario.json");

        Assert.Equal(first, ScenarioJson.Write(again));
        Assert.Equal(Duration.FromMinutes(1470), again.Agent("a002").Contract.MaxPaidPerWeek);
        Assert.Equal(2, again.Agent("a001").Preferences.Count);
        Assert.Contains("\"voice-bn\": [2,2,2,", first);
    }

    [Fact]
    public void Read_SeveralBadValues_ReportsThemAll()
    {
        var json = ScenarioSamples.With(ScenarioSamples.With(ScenarioSamples.With(Valid, "zone", "\"Nowhere\""), "agents[1].skills[0]", "\"fax\""), "rules.weights.fairNights", "-1");

        var errors = Assert.Throws<ImportException>(() => ScenarioJson.Read(json, "scenario.json")).Errors;

        Assert.Equal(["$.agents[1].skills[0]", "$.rules.weights.fairNights", "$.zone"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Read_JsonSyntaxError_CarriesTheLine()
    {
        const string json = "{\n  \"zone\": \"Asia/Dhaka\",\n  \"horizon\": { \"days\": 1 \n  \"skills\": []\n}";

        var error = Assert.Single(Assert.Throws<ImportException>(() => ScenarioJson.Read(json, "scenario.json")).Errors);

        Assert.Equal(4, error.Line);
        Assert.Contains("not valid JSON", error.Reason);
    }

    [Fact]
    public void Read_SpringForwardDay_Needs92Values()
    {
        var scenario = ScenarioJson.Read(ScenarioSamples.Valid("Europe/London", "2026-03-29", 92), "scenario.json");
        var wrong = ScenarioSamples.Valid("Europe/London", "2026-03-29", 96);

        var errors = Assert.Throws<ImportException>(() => ScenarioJson.Read(wrong, "scenario.json")).Errors;

        Assert.Equal(92, scenario.Grid.Count);
        Assert.Equal(["$.requirements.chat-bn", "$.requirements.voice-bn"], errors.Select(e => e.Field).Order());
        Assert.All(errors, e => Assert.Contains("92 intervals", e.Reason));
    }

    [Fact]
    public void Load_RequirementsFile_MapsAgentsColumnByInstant()
    {
        var dir = Directory.CreateTempSubdirectory("scenario-test");
        try
        {
            var zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
            var lines = new List<string> { RequirementsFile.Header };
            var start = new LocalDate(2026, 11, 29).AtStartOfDayInZone(zone).ToInstant();
            foreach (var queue in new[] { "chat-bn", "voice-bn" })
            {
                // a staffing run over two days: the second day lies outside the one-day horizon and is passed over.
                for (var i = 0; i < 192; i++)
                {
                    var at = (start + Duration.FromMinutes(15 * i)).InZone(zone).ToOffsetDateTime();
                    var agents = queue == "voice-bn" ? i : 100 + i;
                    lines.Add($"{queue},{at:uuuu-MM-dd'T'HH:mm:sso<+HH:mm>},15,1.5,180,{agents},{agents + 2},0.8,20,0.7,,Erlang C");
                }
            }

            File.WriteAllLines(Path.Combine(dir.FullName, "requirements.csv"), lines);
            var json = ScenarioSamples.With(ScenarioSamples.With(Valid, "requirements", null), "requirementsFile", "\"requirements.csv\"");
            File.WriteAllText(Path.Combine(dir.FullName, "scenario.json"), json);

            var scenario = ScenarioJson.Load(Path.Combine(dir.FullName, "scenario.json"));

            Assert.Equal(Enumerable.Range(0, 96), scenario.Requirements["voice-bn"]);
            Assert.Equal(Enumerable.Range(100, 96), scenario.Requirements["chat-bn"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(15, "absent.csv", "does not exist")] // the file must be there, beside the scenario
    [InlineData(30, "req.csv", "15-minute grid")] // the staffing CSV is in quarter-hours, so only a 15-minute grid
    public void Read_RequirementsFileUnusable_NamesRequirementsFile(int intervalMinutes, string file, string reason)
    {
        var json = ScenarioSamples.With(ScenarioSamples.With(Valid, "requirements", null), "requirementsFile", $"\"{file}\"");
        json = ScenarioSamples.With(json, "horizon.intervalMinutes", intervalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var errors = Assert.Throws<ImportException>(() => ScenarioJson.Read(json, Path.Combine(Path.GetTempPath(), "scenario.json"))).Errors;

        Assert.Contains(errors, e => e.Field == "$.requirementsFile" && e.Reason.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_RequirementsFileMissingRows_NamesCsvAndSkill()
    {
        var dir = Directory.CreateTempSubdirectory("scenario-test");
        try
        {
            File.WriteAllLines(Path.Combine(dir.FullName, "req.csv"), [RequirementsFile.Header, "voice-bn,2026-11-29T00:00:00+06:00,15,1,180,3,4,0.8,20,0.7,,Erlang C", "fax,2026-11-29T00:00:00+06:00,15,1,180,3,4,0.8,20,0.7,,Erlang C"]);
            var json = ScenarioSamples.With(ScenarioSamples.With(Valid, "requirements", null), "requirementsFile", "\"req.csv\"");
            File.WriteAllText(Path.Combine(dir.FullName, "scenario.json"), json);

            var errors = Assert.Throws<ImportException>(() => ScenarioJson.Load(Path.Combine(dir.FullName, "scenario.json"))).Errors;

            Assert.Contains(errors, e => e is { File: "req.csv", Line: 3, Field: "queue" });
            Assert.Contains(errors, e => e.File == "req.csv" && e.Reason.StartsWith("skill 'voice-bn' has no row for 2026-11-29T00:15:00+06:00 and 94 more", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.File == "req.csv" && e.Reason.StartsWith("skill 'chat-bn' has no row for 2026-11-29T00:00:00+06:00 and 95 more", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
