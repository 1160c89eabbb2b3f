using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Domain.Tests.Rostering;

/// <summary>The validator's rule for activities (inside a shift, off its breaks, one at a time, coach on shift), the
/// coverage it takes away, and the roster file's "activities" field.</summary>
public sealed class ActivitiesInShiftsTests
{
    private static readonly BreakRule Meal = new("meal", Duration.FromMinutes(30), false, Duration.FromHours(3), Duration.FromHours(5));
    private static readonly LocalDate Day = Tiny.Sunday;

    private static readonly RosterScenario Scenario = new Tiny().Template("day8", 8, Meal).Agent("a").Agent("b").Agent("coach").Need(3, 8, 8).Build();

    /// <summary>a and the coach 08:00-16:00 with the meal at 11:45-12:15 (the middle of its window); b has no shift.</summary>
    private static readonly Roster Shifts = new(
    [
        new ShiftCatalog(Scenario).Find("day8", Day, new LocalTime(8, 0), Duration.FromHours(8))!.Assign("a", Scenario.IntervalLength),
        new ShiftCatalog(Scenario).Find("day8", Day, new LocalTime(8, 0), Duration.FromHours(8))!.Assign("coach", Scenario.IntervalLength),
    ]);

    private static Instant At(int hour, int minute = 0) => Day.At(new LocalTime(hour, minute)).InZoneStrictly(Scenario.Zone).ToInstant();

    private static PlacedActivity Coaching(string agent, int hour, int minute = 0, int minutes = 30, string? coach = "coach") =>
        new("coaching", ActivityKind.Coaching, "Weekly coaching", [agent], coach, At(hour, minute), At(hour, minute) + Duration.FromMinutes(minutes));

    private static IReadOnlyList<Violation> Breaches(params PlacedActivity[] activities) =>
        [.. RosterValidator.Validate(Scenario, Shifts with { Activities = activities }).Violations.Where(v => v.Rule == RuleNames.Activities)];

    [Fact]
    public void Check_InsideTheShiftOffTheBreakWithTheCoachFree_Holds() =>
        Assert.Empty(Breaches(Coaching("a", 10))); // 10:00-10:30: both on shift, the meal is at 11:45

    [Fact]
    public void Check_OutsideTheAgentsShift_Breaks()
    {
        var breach = Assert.Single(Breaches(Coaching("a", 16, coach: null))); // 16:00: the shift has ended

        Assert.Equal("a: 'Weekly coaching' Sun 29 Nov 16:00-16:30 lies outside every shift of theirs", breach.Description);
    }

    [Fact]
    public void Check_OnABreak_Breaks()
    {
        var breaches = Breaches(Coaching("a", 12)); // 12:00-12:30 overlaps the 11:45-12:15 meal of both

        Assert.Equal(2, breaches.Count);
        Assert.Contains(breaches, b => b.Description.EndsWith("overlaps the 'meal' break 11:45-12:15", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_CoachWithNoShift_Breaks()
    {
        var breach = Assert.Single(Breaches(Coaching("coach", 10, coach: "b")));

        Assert.Equal("b", breach.AgentId);
        Assert.StartsWith("b (coach):", breach.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TwoSessionsOfOneCoachAtOnce_Break()
    {
        var breach = Assert.Single(Breaches(Coaching("a", 10), new PlacedActivity("team", ActivityKind.Meeting, "Team meeting", ["coach"], null, At(10, 15), At(10, 45))));

        Assert.Equal("coach", breach.AgentId);
        Assert.Contains("overlaps 'Weekly coaching'", breach.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OffTheIntervalGrid_Breaks() =>
        Assert.Contains("interval grid", Assert.Single(Breaches(Coaching("a", 10, 5, coach: null))).Description, StringComparison.Ordinal);

    [Fact]
    public void Cover_AgentsOnAnActivity_AreNotOnDuty()
    {
        var without = RosterValidator.Validate(Scenario, Shifts);
        var with = RosterValidator.Validate(Scenario, Shifts with { Activities = [Coaching("a", 10)] });

        var at = with.Coverage.Single(c => c.Start == At(10));
        Assert.Equal(2, without.Coverage.Single(c => c.Start == At(10)).OnDuty);
        Assert.Equal(0, at.OnDuty); // a and the coach are both away
        Assert.Equal(2, with.Coverage.Single(c => c.Start == At(10, 30)).OnDuty); // back at 10:30
        Assert.Equal(without.TotalCost + (2 * 2 * Scenario.Rules.UnderCoverage), with.TotalCost); // two agents short for two quarter-hours
    }

    [Fact]
    public void RosterJson_Activities_WrittenReadBackAndReadByAnIndependentParser()
    {
        var roster = Shifts with { Activities = [Coaching("a", 10), new PlacedActivity("team", ActivityKind.Meeting, "Team meeting", ["a", "coach"], null, At(14), At(15))] };

        var json = RosterJson.Write(roster);
        var read = RosterJson.Read(json, "roster.json");

        Assert.Equal(roster.Activities, read.Activities, (x, y) => x.RequestId == y.RequestId && x.Kind == y.Kind && x.Name == y.Name && x.AgentIds.SequenceEqual(y.AgentIds) && x.CoachId == y.CoachId && x.Start == y.Start && x.End == y.End);
        Assert.Equal(json, RosterJson.Write(read));
        var node = JsonNode.Parse(json)!["activities"]!.AsArray();
        Assert.Equal("coaching", (string)node[0]!["kind"]!);
        Assert.Equal("coach", (string)node[0]!["coach"]!);
        Assert.Equal("2026-11-29T04:00:00Z", (string)node[0]!["start"]!); // 10:00 in Dhaka (UTC+6)
        Assert.Equal(["a", "coach"], node[1]!["agents"]!.AsArray().Select(n => (string)n!));
        Assert.Null(node[1]!["coach"]);
    }

    [Fact]
    public void RosterJson_WithoutActivities_WritesNoActivitiesField() =>
        Assert.Null(JsonNode.Parse(RosterJson.Write(Shifts))!["activities"]);

    [Fact]
    public void RosterJson_BadActivity_NamedByPath()
    {
        var json = """
            { "shifts": [], "activities": [
              { "request": "c", "kind": "lunch", "name": "x", "agents": [], "start": "2026-11-29T04:00:00Z", "end": "2026-11-29T03:00:00Z" } ] }
            """;

        var error = Assert.Throws<ImportException>(() => RosterJson.Read(json, "roster.json"));

        var text = string.Join("\n", error.Errors.Select(e => $"{e.Field}: {e.Reason}"));
        Assert.Contains("$.activities[0].kind: 'lunch' is not one of training, coaching, meeting", text, StringComparison.Ordinal);
        Assert.Contains("$.activities[0].end: must be after start", text, StringComparison.Ordinal);
    }
}
