using System.Text.Json;
using Microsoft.Data.Sqlite;
using Scheduler.Cli;
using Scheduler.Domain.Demo;

namespace Scheduler.Cli.Tests;

/// <summary>The CLI as a user runs it: real files, real SQLite, exit codes and output.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Erlang_TextbookPoint_PrintsOneJsonObject()
    {
        var (code, output, _) = await Run("erlang", "--calls", "100", "--aht", "180", "--interval", "1800", "--target", "20", "--sl", "0.8");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(14, json.RootElement.GetProperty("agents").GetInt32()); // 10 Erlangs at 80/20: 13 agents give 0.796 in 20 s, 14 give 0.888.
        Assert.InRange(json.RootElement.GetProperty("serviceLevel").GetDouble(), 0.8, 1);
        Assert.True(json.RootElement.TryGetProperty("asa", out _));
        Assert.True(json.RootElement.TryGetProperty("occupancy", out _));
        Assert.False(json.RootElement.TryGetProperty("abandonment", out _));
    }

    [Fact]
    public async Task Erlang_WithPatience_ReportsAbandonment()
    {
        var (code, output, _) = await Run("erlang", "--calls", "100", "--aht", "180", "--interval", "1800", "--target", "20", "--sl", "0.8", "--patience", "120");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.InRange(json.RootElement.GetProperty("abandonment").GetDouble(), 0, 0.2);
        Assert.True(json.RootElement.GetProperty("agents").GetInt32() <= 14, "callers who give up lighten the load");
    }

    [Theory]
    [InlineData("--calls", "-5")] // negative calls.
    [InlineData("--sl", "80")] // a percentage instead of a fraction.
    [InlineData("--aht", "abc")] // not a number.
    public async Task Erlang_BadInput_ExitsTwoWithoutStackTrace(string option, string value)
    {
        string[] args = ["erlang", "--calls", "100", "--aht", "180", "--interval", "1800", "--target", "20", "--sl", "0.8"];
        var index = Array.IndexOf(args, option);
        args[index + 1] = value;

        var (code, output, error) = await Run(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(option, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Backtest_BankCalls_WritesJsonRowsAndMeetsTarget()
    {
        var json = Path.Combine(_folder, "rows.json");

        var (code, output, _) = await Run("forecast", "backtest", "--history", Shared("bank_calls_fpp3", "bank_calls.csv"), "--format", "bank-calls", "--json", json);

        Assert.Equal(0, code);
        Assert.Contains("top-down", output);
        using var rows = JsonDocument.Parse(File.ReadAllText(json));
        var wmape = rows.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("method").GetString()!, r => r.GetProperty("wmape").GetDouble());
        Assert.True(wmape["top-down"] <= 0.9 * wmape["mean-last-4-same-weekdays"]);
    }

    [Fact]
    public async Task Import_MalformedCsv_StoresNothingAndNamesTheLine()
    {
        var db = Path.Combine(_folder, "history.db");
        var good = Path.Combine(_folder, "good.csv");
        var bad = Path.Combine(_folder, "bad.csv");
        const string header = "queue,interval_start,offered,answered,abandoned,handle_seconds\n";
        File.WriteAllText(good, header + "voice-bn,2026-11-02T09:00:00+06:00,10,9,1,1620\n");
        File.WriteAllText(bad, header + "voice-bn,2026-11-02T09:15:00+06:00,10,9,1,1620\nvoice-bn,2026-11-02T09:30:00+06:00,ten,9,1,1620\n");

        var (okCode, _, _) = await Run("import", "--history", good, "--db", db);
        var (code, _, error) = await Run("import", "--history", bad, "--db", db);

        Assert.Equal(0, okCode);
        Assert.Equal(2, code);
        Assert.Contains("bad.csv:3: offered", error);
        Assert.Equal(1, CountRows(db)); // the good file's row only: the bad file's valid line 2 was not stored either.
    }

    [Fact]
    public async Task Forecast_WithHolidays_LowersVictoryDayAndRefusesAYearWithoutMovingDates()
    {
        var history = Path.Combine(_folder, "history.csv");
        await using (var writer = new StreamWriter(history))
        {
            DemoCentre.WriteHistory(DemoCentre.DataFolder(), writer);
        }

        var calendar = Path.Combine(DemoCentre.DataFolder(), "holidays", "bangladesh.csv");
        var plain = Path.Combine(_folder, "plain.csv");
        var withHolidays = Path.Combine(_folder, "holidays.csv");
        var (plainCode, _, plainError) = await Run("forecast", "--history", history, "--start", "2026-12-13", "--out", plain);
        var (code, output, error) = await Run("forecast", "--history", history, "--start", "2026-12-13", "--out", withHolidays, "--holidays", calendar);
        var (laterCode, _, laterError) = await Run("forecast", "--history", history, "--start", "2029-01-07", "--out", Path.Combine(_folder, "later.csv"), "--holidays", calendar);

        Assert.True(plainCode == 0, plainError);
        Assert.True(code == 0, error);
        Assert.Contains("2026-12-16 Victory Day: factor 0.70, entered by hand", output, StringComparison.Ordinal);
        static double Day(string file, string date) => File.ReadLines(file).Skip(1).Where(l => l.Split(',')[1].StartsWith(date, StringComparison.Ordinal)).Sum(l => double.Parse(l.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture));
        // Durga Puja (20 Oct) is left out of the history the model learns from, so normal days move a little too.
        Assert.InRange(Day(withHolidays, "2026-12-16") / Day(plain, "2026-12-16"), 0.69, 0.71);
        Assert.InRange(Day(withHolidays, "2026-12-17") / Day(plain, "2026-12-17"), 0.99, 1.01);
        Assert.NotEqual(0, laterCode);
        Assert.Contains("bangladesh.csv:0: date: no moving holiday has a date in 2029", laterError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForecastThenStaff_DemoConfig_WritesRequirements()
    {
        var history = Path.Combine(_folder, "history.csv");
        await using (var writer = new StreamWriter(history))
        {
            DemoCentre.WriteHistory(DemoCentre.DataFolder(), writer);
        }

        var forecast = Path.Combine(_folder, "forecast.csv");
        var requirements = Path.Combine(_folder, "requirements.csv");
        var (forecastCode, _, forecastError) = await Run("forecast", "--history", history, "--start", "2026-11-29", "--weeks", "1", "--out", forecast);
        var (staffCode, _, staffError) = await Run("staff", "--forecast", forecast, "--config", Path.Combine(DemoCentre.DataFolder(), "demo", "staffing.json"), "--out", requirements);

        Assert.True(forecastCode == 0, forecastError);
        Assert.True(staffCode == 0, staffError);
        var lines = File.ReadAllLines(requirements);
        Assert.Equal(1 + (4 * 7 * 96), lines.Length); // 4 queues, 7 days of 96 quarter-hours (Dhaka has no DST).
        Assert.Contains(lines, l => l.StartsWith("voice-bn,2026-11-29T10:00:00+06:00,", StringComparison.Ordinal) && l.EndsWith("Erlang A", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_BadConfig_ExitsTwoAndWritesNothing()
    {
        var config = Path.Combine(_folder, "staffing.json");
        var forecast = Path.Combine(_folder, "forecast.csv");
        var output = Path.Combine(_folder, "requirements.csv");
        File.WriteAllText(config, """{ "site": { "name": "x", "zone": "Asia/Dhaka" }, "queues": [ { "id": "q", "channel": "voice", "target": { "serviceLevel": 2, "thresholdSeconds": 20 } } ] }""");
        File.WriteAllText(forecast, "queue,interval_start,interval_minutes,contacts,aht_seconds\nq,2026-11-29T09:00:00+06:00,15,10,180\n");

        var (code, _, error) = await Run("staff", "--forecast", forecast, "--config", config, "--out", output);

        Assert.Equal(2, code);
        Assert.Contains("$.queues[0].target.serviceLevel", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task ScenarioSolveValidate_RoundTrip_ExplainsAndChecks()
    {
        var scenario = Path.Combine(_folder, "week.json");
        var roster = Path.Combine(_folder, "roster.json");

        var (generate, _, generateError) = await Run("scenario", "generate", "--agents", "8", "--skills", "2", "--days", "3", "--seed", "2", "--out", scenario);
        var (solve, solveOutput, solveError) = await Run("solve", "--scenario", scenario, "--time-limit", "5", "--workers", "2", "--out", roster);
        var (validate, validateOutput, _) = await Run("validate", "--scenario", scenario, "--roster", roster);

        Assert.True(generate == 0, generateError);
        Assert.True(solve == 0, solveError);
        Assert.Contains("Cost by rule", solveOutput);
        Assert.Contains("objective", solveError); // the progress bar reports on stderr
        Assert.Equal(0, validate);
        Assert.Contains("Valid; total cost", validateOutput);

        // Drop every break: the validator must now fail the roster.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(roster))!;
        foreach (var shift in json["shifts"]!.AsArray())
        {
            shift!["breaks"] = new System.Text.Json.Nodes.JsonArray();
        }

        File.WriteAllText(roster, json.ToJsonString());
        var (broken, brokenOutput, _) = await Run("validate", "--scenario", scenario, "--roster", roster);
        Assert.Equal(1, broken);
        Assert.Contains("VIOLATION breaks inside their windows", brokenOutput);
    }

    [Fact]
    public async Task Solve_BadScenario_ExitsTwoNamingTheJsonPath()
    {
        var scenario = Path.Combine(_folder, "bad.json");
        File.WriteAllText(scenario, """{ "zone": "Asia/Dhaka", "horizon": { "firstDate": "2026-11-29", "days": 0, "intervalMinutes": 15 }, "skills": [], "requirements": {}, "templates": [], "agents": [] }""");

        var (code, _, error) = await Run("solve", "--scenario", scenario, "--time-limit", "5", "--out", Path.Combine(_folder, "r.json"));

        Assert.Equal(2, code);
        Assert.Contains("$.horizon.days", error);
    }

    [Fact]
    public async Task Demo_RunsTheWholeChain()
    {
        var (code, output, error) = await Run("demo", "--out", Path.Combine(_folder, "demo"));

        Assert.True(code == 0, error);
        Assert.Contains("Dhaka customer care", output);
        Assert.Contains("voice-bn", output);
        Assert.True(File.Exists(Path.Combine(_folder, "demo", "requirements.csv")));
        Assert.True(File.Exists(Path.Combine(_folder, "demo", "demo.db")));
    }

    [Fact]
    public async Task Curtois_SolveThenValidate_WritesAFeasibleRosterCsv()
    {
        var instance = Path.Combine(_folder, "Tiny.txt");
        await File.WriteAllTextAsync(instance, Scheduler.Tests.Curtois.TinyCurtois.Text);
        var roster = Path.Combine(_folder, "Tiny.csv");

        var (code, output, error) = await Run("curtois", "solve", "--instance", instance, "--time-limit", "10", "--out", roster);
        Assert.True(code == 0, error + output);
        Assert.StartsWith("employee,day,shift", await File.ReadAllTextAsync(roster), StringComparison.Ordinal);

        var (validated, report, _) = await Run("curtois", "validate", "--instance", instance, "--roster", roster);
        Assert.Equal(0, validated);
        Assert.Contains("feasible", report);
    }

    [Fact]
    public async Task Curtois_ValidateABrokenRoster_ExitsOneNamingTheRule()
    {
        var instance = Path.Combine(_folder, "Tiny.txt");
        await File.WriteAllTextAsync(instance, Scheduler.Tests.Curtois.TinyCurtois.Text);
        var roster = Path.Combine(_folder, "broken.csv");
        await File.WriteAllTextAsync(roster, "employee,day,shift\nB,0,E\nB,1,E\nA,0,E\nA,1,E\nA,2,E\n"); // B works its hard day off

        var (code, output, _) = await Run("curtois", "validate", "--instance", instance, "--roster", roster);

        Assert.Equal(1, code);
        Assert.Contains("days off: B day 0", output);
    }

    [Fact]
    public async Task Curtois_MalformedRoster_ExitsTwoNamingFileLineAndField()
    {
        var instance = Path.Combine(_folder, "Tiny.txt");
        await File.WriteAllTextAsync(instance, Scheduler.Tests.Curtois.TinyCurtois.Text);
        var roster = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(roster, "employee,day,shift\nA,0,E\nA,seven,E\n");

        var (code, _, error) = await Run("curtois", "validate", "--instance", instance, "--roster", roster);

        Assert.Equal(2, code);
        Assert.Contains("bad.csv:3: day", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Theory]
    [InlineData("0")] // instances are numbered from 1.
    [InlineData("20-25")] // there are 24.
    [InlineData("7-3")] // a range backwards.
    public async Task BenchCurtois_BadInstanceRange_ExitsTwo(string range)
    {
        var (code, _, error) = await Run("bench", "curtois", "--instances", range, "--out", Path.Combine(_folder, "c.md"));

        Assert.Equal(2, code);
        Assert.Contains("--instances", error);
    }

    private static string Shared(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", "datasets", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"shared/datasets/{string.Join('/', parts)} not found beside the repository");
    }

    private static long CountRows(string db)
    {
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM IntervalObservations";
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
