using NodaTime;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Tests.Planning;

public sealed class PlanningFormatTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    private const string Config = """
        {
          "site": { "id": "dhaka", "name": "Dhaka care", "zone": "Asia/Dhaka" },
          "queues": [
            { "id": "voice-bn", "channel": "voice", "language": "bn", "target": { "serviceLevel": 0.8, "thresholdSeconds": 20 }, "patienceSeconds": 120, "shrinkage": { "breaks": 0.2 } },
            { "id": "chat-bn", "channel": "chat", "language": "bn", "target": { "serviceLevel": 0.85, "thresholdSeconds": 60 }, "concurrency": [1.0, 1.3, 1.7] },
            { "id": "email-en", "channel": "email", "language": "en", "target": { "responseHours": 2 } }
          ]
        }
        """;

    [Fact]
    public void ForecastFile_RoundTrip_KeepsInstantsAndValues()
    {
        var start = new LocalDateTime(2026, 11, 29, 9, 0).InZoneStrictly(Dhaka).ToInstant();
        ForecastInterval[] forecast = [new("voice-bn", start, Duration.FromMinutes(15), 12.5, 181.2), new("voice-bn", start + Duration.FromMinutes(15), Duration.FromMinutes(15), 0, 0)];
        var writer = new StringWriter();

        ForecastFile.Write(writer, forecast, Dhaka);
        var read = ForecastFile.Read(new StringReader(writer.ToString()), "forecast.csv");

        Assert.Contains("2026-11-29T09:00:00+06:00", writer.ToString());
        Assert.Equal(forecast, read);
    }

    [Fact]
    public void ForecastFile_BadLines_AreAllReportedWithLineAndField()
    {
        const string text = "queue,interval_start,interval_minutes,contacts,aht_seconds\n"
            + "voice-bn,2026-11-29T09:00:00+06:00,15,-1,180\n" // negative contacts
            + "voice-bn,2026-11-29 09:15,15,3,180\n" // no offset
            + "voice-bn,2026-11-29T09:30:00+06:00,10,3,180\n"; // not a planning length

        var errors = Assert.Throws<ImportException>(() => ForecastFile.Read(new StringReader(text), "forecast.csv")).Errors;

        Assert.Equal([(2, "contacts"), (3, "interval_start"), (4, "interval_minutes")], errors.Select(e => (e.Line, e.Field)));
        Assert.All(errors, e => Assert.Equal("forecast.csv", e.File));
    }

    [Fact]
    public void StaffingConfig_Valid_BuildsPolicies()
    {
        var config = StaffingConfig.Parse(Config, "staffing.json");

        Assert.Equal("Asia/Dhaka", config.Site.Zone.Id);
        Assert.Equal(Duration.FromSeconds(120), config.Find("voice-bn")!.Policy.MeanPatience);
        Assert.Equal(3, config.Find("chat-bn")!.Policy.Concurrency!.MaxConcurrency);
        Assert.IsType<ServiceTarget.ResponseWithin>(config.Find("email-en")!.Queue.Target);
    }

    [Theory]
    [InlineData("\"serviceLevel\": 0.8,", "\"serviceLevel\": 1.2,", "$.queues[0].target.serviceLevel")] // a fraction above 1.
    [InlineData("\"zone\": \"Asia/Dhaka\"", "\"zone\": \"Asia/Dhakka\"", "$.site.zone")] // not a tz id.
    [InlineData("\"channel\": \"chat\"", "\"channel\": \"fax\"", "$.queues[1].channel")] // unknown channel.
    [InlineData("[1.0, 1.3, 1.7]", "[1.0, 0.9]", "$.queues[1].concurrency")] // handle time cannot shrink with more chats.
    [InlineData("{ \"responseHours\": 2 }", "{ \"serviceLevel\": 0.8, \"thresholdSeconds\": 20 }", "$.queues[2].target")] // email needs a deadline.
    public void StaffingConfig_BadValue_NamesTheJsonPath(string good, string bad, string path)
    {
        var json = Config.Replace(good, bad, StringComparison.Ordinal);
        Assert.NotEqual(Config, json);

        var error = Assert.Single(Assert.Throws<ImportException>(() => StaffingConfig.Parse(json, "staffing.json")).Errors);

        Assert.Equal(("staffing.json", path), (error.File, error.Field));
    }

    [Fact]
    public void StaffingConfig_NotJson_NamesTheLine()
    {
        var error = Assert.Single(Assert.Throws<ImportException>(() => StaffingConfig.Parse("{\n  \"site\": ,\n}", "staffing.json")).Errors);

        Assert.Equal(2, error.Line);
    }

    [Fact]
    public void Plan_EveryChannel_GetsARequirementPerInterval()
    {
        var config = StaffingConfig.Parse(Config, "staffing.json");
        var start = new LocalDateTime(2026, 11, 29, 0, 0).InZoneStrictly(Dhaka).ToInstant();
        var forecast = new List<ForecastInterval>();
        foreach (var queue in new[] { "voice-bn", "chat-bn", "email-en" })
        {
            for (var i = 0; i < 96; i++)
            {
                var contacts = i is >= 36 and < 72 ? 40 : 4;
                forecast.Add(new ForecastInterval(queue, start + Duration.FromMinutes(15 * i), Duration.FromMinutes(15), contacts, 200));
            }
        }

        var plan = RequirementPlanner.Plan(forecast, config);

        Assert.Equal(3 * 96, plan.Count);
        var voice = plan.Where(r => r.QueueId == "voice-bn").ToList();
        Assert.All(voice.Where(r => r.Forecast.Contacts > 0), r => Assert.True(r.Staffing.ServiceLevel >= 0.8));
        Assert.All(voice, r => Assert.True(r.Staffing.ScheduledAgents >= r.Staffing.Agents / 0.8 - 1e-9));
        var email = plan.Where(r => r.QueueId == "email-en").Select(r => r.Staffing.Agents).ToList();
        var chat = plan.Where(r => r.QueueId == "chat-bn").Select(r => r.Staffing.Agents).ToList();
        Assert.True(email.Max() < voice.Max(r => r.Staffing.Agents), "email work spreads over its 2-hour deadline");
        Assert.True(chat.Max() < voice.Max(r => r.Staffing.Agents), "chat agents hold several chats at once");
    }

    [Fact]
    public void Plan_QueueMissingFromConfig_Throws()
    {
        var config = StaffingConfig.Parse(Config, "staffing.json");
        ForecastInterval[] forecast = [new("voice-xx", Instant.FromUtc(2026, 11, 29, 0, 0), Duration.FromMinutes(15), 3, 180)];

        var e = Assert.Throws<ArgumentException>(() => RequirementPlanner.Plan(forecast, config));

        Assert.Contains("voice-xx", e.Message);
    }

    [Fact]
    public void SpecialDayFile_BadRows_NameLineAndField()
    {
        const string text = "date,name,volume_factor,shape_like\n2027-03-20,Eid,0.45,Friday\n2027-03-21,After Eid,lots,\n2027-03-22,X,1,Funday\n";

        var errors = Assert.Throws<ImportException>(() => SpecialDayFile.Read(new StringReader(text), "special.csv")).Errors;

        Assert.Equal([(3, "volume_factor"), (4, "shape_like")], errors.Select(e => (e.Line, e.Field)));
    }
}
