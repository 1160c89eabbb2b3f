using System.Globalization;
using System.Text.Json;
using Scheduler.Cli;
using Scheduler.Domain.Demo;

namespace Scheduler.Cli.Tests;

/// <summary>
/// The demo centre's files made the way a user makes them: demo history → <c>forecast</c> → <c>staff</c> → a one-day
/// scenario on that requirements file → <c>solve</c> (checked by <c>validate</c>). Made once for the simulate tests.
/// </summary>
public sealed class SimulationFiles : IAsyncLifetime
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("scheduler-simulate-").FullName;

    public string Forecast => Path.Combine(Folder, "forecast.csv");

    public string Config => Path.Combine(DemoCentre.DataFolder(), "demo", "staffing.json");

    public string Scenario => Path.Combine(Folder, "scenario.json");

    public string Roster => Path.Combine(Folder, "roster.json");

    public async Task InitializeAsync()
    {
        var history = Path.Combine(Folder, "history.csv");
        await using (var writer = new StreamWriter(history))
        {
            DemoCentre.WriteHistory(DemoCentre.DataFolder(), writer);
        }

        await Expect(0, "forecast", "--history", history, "--start", "2026-11-29", "--weeks", "1", "--out", Forecast);
        await Expect(0, "staff", "--forecast", Forecast, "--config", Config, "--out", Path.Combine(Folder, "requirements.csv"));
        var mixes = new[] { "\"voice-bn\", \"chat-bn\"", "\"voice-bn\"", "\"voice-bn\", \"voice-en\"", "\"voice-bn\", \"chat-bn\", \"email-en\"", "\"email-en\", \"voice-en\"", "\"chat-bn\", \"email-en\"" };
        var agents = string.Join(",\n", Enumerable.Range(0, 30).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""    { "id": "a{{i + 1:00}}", "skills": [{{mixes[i % mixes.Length]}}], "nightConsent": true, "contract": { "minHoursPerWeek": 0, "maxHoursPerWeek": 48, "maxConsecutiveDays": 6, "minDaysOffPerWeek": 0 } }""")));
        await File.WriteAllTextAsync(Scenario, $$"""
            {
              "zone": "Asia/Dhaka",
              "horizon": { "firstDate": "2026-11-29", "days": 1, "intervalMinutes": 15 },
              "skills": ["voice-bn", "voice-en", "chat-bn", "email-en"],
              "requirementsFile": "requirements.csv",
              "templates": [
                { "id": "ft8", "starts": ["00:00", "02:00", "04:00", "06:00", "08:00", "10:00", "12:00", "14:00", "16:00"], "lengthsHours": [8],
                  "breaks": [ { "name": "meal", "minutes": 30, "paid": false, "earliestStartHours": 3, "latestEndHours": 5 } ] }
              ],
              "agents": [
            {{agents}}
              ],
              "rules": { "weekendDays": ["Friday", "Saturday"] }
            }
            """);
        await Expect(0, "solve", "--scenario", Scenario, "--time-limit", "5", "--workers", "2", "--out", Roster);
        await Expect(0, "validate", "--scenario", Scenario, "--roster", Roster);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task Expect(int code, params string[] args)
    {
        var (actual, output, error) = await SimulateCommandTests.Run(args);
        if (actual != code)
        {
            throw new InvalidOperationException($"scheduler {string.Join(' ', args)} exited {actual}: {error}{output}");
        }
    }
}

/// <summary><c>scheduler simulate</c>: a solved roster played contact by contact, its JSON, and refused input.</summary>
public sealed class SimulateCommandTests(SimulationFiles files) : IClassFixture<SimulationFiles>
{
    [Fact]
    public async Task Simulate_SolvedDemoDay_PrintsTheTablesAndWritesJsonAnIndependentReaderUnderstands()
    {
        var json = Path.Combine(files.Folder, "simulation.json");

        var (code, output, error) = await Run([.. Args(), "--replications", "20", "--json", json]);

        Assert.True(code == 0, error);
        Assert.Contains("SL Erlang", output);
        Assert.Contains("events per second", output);
        Assert.Contains("20/20 replications", error); // progress on stderr
        Assert.Contains("voice-bn, chat-bn", output); // a group of the occupancy table

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = document.RootElement;
        Assert.Equal("scheduler-simulation/1", root.GetProperty("format").GetString());
        Assert.Equal("2026-11-28T18:00:00Z", root.GetProperty("start").GetString()); // Dhaka midnight
        Assert.Equal(96, root.GetProperty("intervals").GetInt32());
        Assert.Equal(20, root.GetProperty("run").GetProperty("replications").GetInt32());
        Assert.True(root.GetProperty("run").GetProperty("events").GetInt64() > 0);
        var forecast = ForecastDay();
        var queues = root.GetProperty("queues").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!);
        Assert.Equal(["chat-bn", "email-en", "voice-bn", "voice-en"], queues.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, queue) in queues)
        {
            var week = queue.GetProperty("week");
            var intervals = queue.GetProperty("intervals");
            var starts = intervals.GetProperty("start").EnumerateArray().Select(s => s.GetString()).ToList();
            Assert.Equal(96, starts.Count);
            Assert.Equal("2026-11-28T18:15:00Z", starts[1]);
            var offered = intervals.GetProperty("offered").EnumerateArray().Sum(v => v.GetDouble());
            Assert.Equal(week.GetProperty("offered").GetDouble(), offered, 6);
            Assert.InRange(offered, 0.9 * forecast[id], 1.1 * forecast[id]); // Poisson arrivals around the forecast
            var sl = week.GetProperty("serviceLevel");
            Assert.InRange(sl.GetProperty("mean").GetDouble(), 0, 1);
            Assert.True(sl.GetProperty("halfWidth").GetDouble() >= 0);
            Assert.Equal(sl.GetProperty("mean").GetDouble() - sl.GetProperty("halfWidth").GetDouble(), sl.GetProperty("low").GetDouble(), 9);
            Assert.Equal(96, intervals.GetProperty("erlangAgents").GetArrayLength());
            if (id == "email-en")
            {
                Assert.Equal(JsonValueKind.Null, week.GetProperty("erlangServiceLevel").ValueKind); // email has no per-interval projection
            }
            else
            {
                Assert.InRange(week.GetProperty("erlangServiceLevel").GetDouble(), 0, 1);
                Assert.Contains(intervals.GetProperty("erlangAgents").EnumerateArray(), a => a.GetInt32() > 0);
            }
        }

        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(30, groups.Sum(g => g.GetProperty("agents").GetInt32()));
        // 30 agents for a day that needs up to 60: every group is nearly always busy, never more than its time on duty.
        // (1e-9 over 1: busy seconds summed in floating point came to 1.0000000000000002 of the time on duty once.)
        Assert.All(groups, g => Assert.InRange(g.GetProperty("occupancy").GetDouble(), 0.5, 1.0 + 1e-9));
    }

    [Fact]
    public async Task Simulate_SameSeed_SameFigures_OtherSeed_OtherFigures()
    {
        string Queues(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.GetProperty("queues").GetRawText();
        var a = Path.Combine(files.Folder, "a.json");
        var b = Path.Combine(files.Folder, "b.json");
        var c = Path.Combine(files.Folder, "c.json");

        await Run([.. Args(), "--replications", "10", "--seed", "7", "--json", a]);
        await Run([.. Args(), "--replications", "10", "--seed", "7", "--json", b]);
        await Run([.. Args(), "--replications", "10", "--seed", "8", "--json", c]);

        Assert.Equal(Queues(a), Queues(b));
        Assert.NotEqual(Queues(a), Queues(c));
    }

    [Fact]
    public async Task Simulate_HalfWidth_StopsBeforeTheMostReplications()
    {
        var json = Path.Combine(files.Folder, "early.json");

        var (code, _, error) = await Run([.. Args(), "--replications", "5000", "--half-width", "0.05", "--json", json]);

        Assert.True(code == 0, error);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var replications = document.RootElement.GetProperty("run").GetProperty("replications").GetInt32();
        Assert.InRange(replications, 10, 4990);
        Assert.True(document.RootElement.GetProperty("serviceLevel").GetProperty("halfWidth").GetDouble() <= 0.05);
    }

    [Fact]
    public async Task Simulate_Improve_ShowsEveryRoundAndWritesTheBestRosterTheValidatorAccepts()
    {
        var improved = Path.Combine(files.Folder, "improved.json");

        var (code, output, error) = await Run([.. Args(), "--replications", "10", "--improve", "2", "--time-limit", "3", "--out", improved]);

        Assert.True(code == 0, error + output);
        Assert.Contains("round", output);
        Assert.Contains("(best)", output);
        Assert.Matches("Round \\d+ (meets every service-level target|comes closest)|No round meets every target", output);
        // The improved roster is plain roster JSON (read here without our reader) that the validator accepts.
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(improved));
        Assert.NotEmpty(document.RootElement.GetProperty("shifts").EnumerateArray());
        var (valid, validation, validationError) = await Run("validate", "--scenario", files.Scenario, "--roster", improved);
        Assert.True(valid == 0, validationError + validation);
    }

    [Theory]
    [InlineData("--improve", "11", "--improve must be 0 to 10")]
    [InlineData("--improve", "2", "--improve needs --out")]
    public async Task Simulate_ImproveOutOfRangeOrWithoutOut_ExitsTwo(string option, string value, string message)
    {
        var (code, output, error) = await Run([.. Args(), option, value]);

        AssertRefused(code, output, error, message);
    }

    [Fact]
    public async Task Simulate_RosterThatDoesNotFitItsScenario_ExitsTwoNamingTheShift()
    {
        var roster = Path.Combine(files.Folder, "moved.json");
        var json = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(files.Roster))!;
        json["shifts"]![0]!["start"] = "07:15"; // not a start of the template
        await File.WriteAllTextAsync(roster, json.ToJsonString());

        var (code, output, error) = await Run("simulate", "--scenario", files.Scenario, "--roster", roster, "--forecast", files.Forecast, "--config", files.Config);

        AssertRefused(code, output, error, "moved.json: Shift 1 (agent");
        Assert.Contains("does not allow this start", error);
    }

    [Fact]
    public async Task Simulate_EmptyRoster_ExitsTwoSayingThereAreNoAgents()
    {
        var roster = Path.Combine(files.Folder, "empty.json");
        await File.WriteAllTextAsync(roster, """{ "shifts": [] }""");

        var (code, output, error) = await Run("simulate", "--scenario", files.Scenario, "--roster", roster, "--forecast", files.Forecast, "--config", files.Config);

        AssertRefused(code, output, error, "empty.json: $.shifts is empty: there are no agents to simulate");
    }

    [Fact]
    public async Task Simulate_QueueWithContactsAndNoHandleTime_ExitsTwoNamingQueueIntervalAndField()
    {
        var forecast = Path.Combine(files.Folder, "no-aht.csv");
        var lines = await File.ReadAllLinesAsync(files.Forecast);
        var index = Array.FindIndex(lines, l => l.StartsWith("chat-bn,2026-11-29T12:00:00+06:00,", StringComparison.Ordinal));
        var fields = lines[index].Split(',');
        fields[4] = "0";
        lines[index] = string.Join(',', fields);
        await File.WriteAllLinesAsync(forecast, lines);

        var (code, output, error) = await Run("simulate", "--scenario", files.Scenario, "--roster", files.Roster, "--forecast", forecast, "--config", files.Config);

        AssertRefused(code, output, error, "no-aht.csv: aht_seconds: queue 'chat-bn' at 2026-11-29T06:00:00Z");
    }

    [Fact]
    public async Task Simulate_DecreasingConcurrencyCurve_ExitsTwoNamingTheField()
    {
        var config = Path.Combine(files.Folder, "decreasing.json");
        var text = await File.ReadAllTextAsync(files.Config);
        Assert.Contains("[1.0, 1.3, 1.7]", text);
        await File.WriteAllTextAsync(config, text.Replace("[1.0, 1.3, 1.7]", "[1.0, 1.7, 1.3]", StringComparison.Ordinal));

        var (code, output, error) = await Run("simulate", "--scenario", files.Scenario, "--roster", files.Roster, "--forecast", files.Forecast, "--config", config);

        AssertRefused(code, output, error, "$.queues[2].concurrency");
    }

    [Fact]
    public async Task Simulate_MissingFile_ExitsTwoNamingIt()
    {
        var missing = Path.Combine(files.Folder, "nowhere.csv");

        var (code, output, error) = await Run("simulate", "--scenario", files.Scenario, "--roster", files.Roster, "--forecast", missing, "--config", files.Config);

        AssertRefused(code, output, error, $"file '{missing}' does not exist");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public async Task Simulate_ReplicationsOutOfRange_ExitsTwo(string replications)
    {
        var (code, output, error) = await Run([.. Args(), "--replications", replications]);

        AssertRefused(code, output, error, "--replications must be 1 to 100,000");
    }

    [Theory]
    [InlineData("--cases", "demo,huge", "--cases")]
    [InlineData("--repeat", "0", "--repeat")]
    [InlineData("--replications", "0", "--replications")]
    public async Task BenchSimulate_BadOption_ExitsTwoBeforeAnyWork(string option, string value, string named)
    {
        var output = Path.Combine(files.Folder, "bench.md");

        var (code, _, error) = await Run("bench", "simulate", option, value, "--out", output);

        Assert.Equal(2, code);
        Assert.Contains(named, error);
        Assert.DoesNotContain("   at ", error);
        Assert.False(File.Exists(output));
    }

    internal static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static void AssertRefused(int code, string output, string error, string expected)
    {
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("replications", output);
    }

    private string[] Args() => ["simulate", "--scenario", files.Scenario, "--roster", files.Roster, "--forecast", files.Forecast, "--config", files.Config];

    /// <summary>The forecast's contacts per queue on the scenario's day (Dhaka 2026-11-29), read from the CSV directly.</summary>
    private Dictionary<string, double> ForecastDay() => File.ReadLines(files.Forecast).Skip(1)
        .Select(l => l.Split(','))
        .Where(f => f[1].StartsWith("2026-11-29T", StringComparison.Ordinal))
        .GroupBy(f => f[0])
        .ToDictionary(g => g.Key, g => g.Sum(f => double.Parse(f[3], CultureInfo.InvariantCulture)));
}
