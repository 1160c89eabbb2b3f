using NodaTime;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Tests.Planning;

/// <summary>Once activities are planned inside the shifts, the staffing step drops the flat training share of shrinkage.</summary>
public sealed class ActivitiesPlannedTests
{
    private const string Config = """
        {
          "site": { "id": "dhaka", "name": "Dhaka care", "zone": "Asia/Dhaka" },
          "queues": [
            { "id": "voice-bn", "channel": "voice", "language": "bn", "target": { "serviceLevel": 0.8, "thresholdSeconds": 20 }, "patienceSeconds": 120,
              "shrinkage": { "breaks": 0.1, "training": 0.2, "absence": 0.05 } }
          ]
        }
        """;

    [Fact]
    public void WithActivitiesPlanned_DropsOnlyTheTrainingShare()
    {
        var planned = new Shrinkage(0.1, 0.2, 0.05).WithActivitiesPlanned();

        Assert.Equal((0.1, 0.0, 0.05), (planned.Breaks, planned.Training, planned.Absence));
    }

    [Fact]
    public void Plan_ActivitiesPlanned_SchedulesForBreaksAndAbsenceOnly_AndTheOnLineRequirementStays()
    {
        var config = StaffingConfig.Parse(Config, "staffing.json");
        var start = new LocalDateTime(2026, 11, 29, 10, 0).InZoneStrictly(DateTimeZoneProviders.Tzdb["Asia/Dhaka"]).ToInstant();
        var forecast = new List<ForecastInterval> { new("voice-bn", start, Duration.FromMinutes(15), 60, 240) };

        var flat = Assert.Single(RequirementPlanner.Plan(forecast, config)).Staffing;
        var planned = Assert.Single(RequirementPlanner.Plan(forecast, config, activitiesPlanned: true)).Staffing;

        Assert.Equal(flat.Agents, planned.Agents); // agents needed on the phones do not change
        Assert.Equal((int)Math.Ceiling(flat.Agents / (1 - 0.35) - 1e-9), flat.ScheduledAgents); // breaks + training + absence
        Assert.Equal((int)Math.Ceiling(planned.Agents / (1 - 0.15) - 1e-9), planned.ScheduledAgents); // breaks + absence
        Assert.True(planned.ScheduledAgents < flat.ScheduledAgents);
    }
}
