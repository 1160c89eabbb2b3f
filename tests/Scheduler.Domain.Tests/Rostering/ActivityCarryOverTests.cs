using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Domain.Tests.Rostering;

/// <summary>A change built from shifts (a swap, time off, overtime, a rebase, a sick call) keeps the activities that still fit.</summary>
public sealed class ActivityCarryOverTests
{
    private static readonly BreakRule Meal = new("meal", Duration.FromMinutes(30), false, Duration.FromHours(3), Duration.FromHours(5));
    private static readonly LocalDate Day = Tiny.Sunday;
    private static readonly RosterScenario Scenario = new Tiny().Template("day8", 8, Meal).Agent("a").Agent("b").Agent("coach").Need(3, 8, 8).Build();

    private static ShiftAssignment Shift(string agent, int hour) =>
        new ShiftCatalog(Scenario).Find("day8", Day, new LocalTime(hour, 0), Duration.FromHours(8))!.Assign(agent, Scenario.IntervalLength);

    private static Instant At(int hour, int minute = 0) => Day.At(new LocalTime(hour, minute)).InZoneStrictly(Scenario.Zone).ToInstant();

    private static PlacedActivity Coaching(string agent, int hour, string? coach = "coach") =>
        new("coaching", ActivityKind.Coaching, "Weekly coaching", [agent], coach, At(hour), At(hour) + Duration.FromMinutes(30));

    [Fact]
    public void Keep_ActivitiesWhoseShiftsStay_AreKept_AndOnesWhoseAgentLostTheShift_AreDropped()
    {
        var before = new[] { Coaching("a", 9), Coaching("b", 10) };

        // b gave the day away: a and the coach still work 08:00-16:00.
        var changed = ActivityCarryOver.Keep(Scenario, new Roster([Shift("a", 8), Shift("coach", 8)]), before);

        Assert.Equal([before[0]], changed.Activities);
        Assert.DoesNotContain(RosterValidator.Validate(Scenario, changed).Violations, v => v.Rule == RuleNames.Activities);
    }

    [Fact]
    public void Keep_AnActivityTheMovedShiftNoLongerHolds_IsDropped()
    {
        var before = new[] { Coaching("a", 9, coach: null) };

        // a's shift moved to 10:00-18:00: the 09:00 session lies outside it now.
        var changed = ActivityCarryOver.Keep(Scenario, new Roster([Shift("a", 10)]), before);

        Assert.Empty(changed.Activities);
    }

    [Fact]
    public void Keep_AnActivityOnTheNewShiftsBreak_IsDropped()
    {
        var shift = Shift("a", 8);
        var meal = shift.Breaks[0];
        var onBreak = new PlacedActivity("coaching", ActivityKind.Coaching, "Weekly coaching", ["a"], null, meal.Start, meal.Start + Duration.FromMinutes(30));

        Assert.Empty(ActivityCarryOver.Keep(Scenario, new Roster([shift]), [onBreak]).Activities);
    }
}
