using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;
using Scheduler.Solver.Activities;

namespace Scheduler.Solver.Tests.Activities;

public sealed class ActivityPlacerTests
{
    private static readonly BreakRule Meal = new("meal", Duration.FromMinutes(30), false, Duration.FromHours(3), Duration.FromHours(5));
    private static readonly LocalDate Day = Tiny.Sunday;

    /// <summary>Three agents and a coach on day shifts with a meal break; the requirement steps up and down so
    /// some quarter-hours cost more to leave than others.</summary>
    private static (RosterScenario Scenario, Roster Roster) CoachedDay(bool coachWorks = true)
    {
        var tiny = new Tiny().Template("day8", 8, Meal).Agent("a").Agent("b").Agent("c").Agent("coach")
            .Need(2, 8, 2).Need(3, 10, 2).Need(1, 12, 2).Need(2, 14, 4);
        var scenario = tiny.Build();
        var catalog = new ShiftCatalog(scenario);
        ShiftAssignment Shift(string agent, int hour) =>
            catalog.Find("day8", Day, new LocalTime(hour, 0), Duration.FromHours(8))!.Assign(agent, scenario.IntervalLength);
        List<ShiftAssignment> shifts = [Shift("a", 8), Shift("b", 9), Shift("c", 10)];
        if (coachWorks)
        {
            shifts.Add(Shift("coach", 8));
        }

        return (scenario, new Roster(shifts));
    }

    private static ActivityRequest Coaching(string? coach = "coach", LocalTime? from = null, LocalTime? to = null, ActivityRecurrence recurrence = ActivityRecurrence.Weekly, string id = "coaching") =>
        new(id, ActivityKind.Coaching, "Weekly coaching", ActivityAttendees.Named("a", "b", "c"), Duration.FromMinutes(30), Day, Day,
            from ?? new LocalTime(9, 0), to ?? new LocalTime(13, 0), recurrence, Together: false, CoachId: coach);

    /// <summary>Runs the validator (which never calls the solver) on the placement's roster, and checks the model's
    /// cost equals the validator's: every placement test ends here.</summary>
    private static ValidationReport Validate(RosterScenario scenario, ActivityPlacement placement)
    {
        var report = RosterValidator.Validate(scenario, placement.Roster);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        Assert.Equal(placement.AddedCost, placement.ModelCost);
        return report;
    }

    [Fact]
    public void Place_CoachingForEveryAgent_InsideShiftsOutsideBreaksWhereCoverageSuffersLeast()
    {
        var (scenario, roster) = CoachedDay();

        var placement = ActivityPlacer.Place(scenario, roster, [Coaching()]);

        Validate(scenario, placement);
        Assert.Empty(placement.Unplaced);
        Assert.True(placement.Optimal);
        Assert.Equal(["a", "b", "c"], placement.Placed.SelectMany(p => p.AgentIds).Order());
        foreach (var activity in placement.Placed)
        {
            var shift = roster.Shifts.Single(s => s.AgentId == activity.AgentIds[0]);
            var option = new ShiftCatalog(scenario).Find(shift)!;
            Assert.InRange(activity.Start, option.StartInstant, option.EndInstant - Duration.FromMinutes(30));
            Assert.DoesNotContain(shift.Breaks, b => activity.Overlaps(b.Start, b.End));
            Assert.Equal("coach", activity.CoachId);
        }

        // Brute force: every way to give a, b and c their 30 minutes (each on duty, with the coach on duty and free,
        // nobody twice at once), costed by the validator. None costs less coverage than the placement found.
        var before = ActivityPlacer.CoverageCost(RosterValidator.Validate(scenario, roster));
        var starts = new[] { "a", "b", "c" }.Select(agent => FreeStarts(scenario, roster, agent, placement.Placed[0].Start.InZone(scenario.Zone).Date)).ToList();
        var best = long.MaxValue;
        var worst = long.MinValue;
        var combinations = 0;
        foreach (var sa in starts[0])
        {
            foreach (var sb in starts[1].Where(s => s != sa))
            {
                foreach (var sc in starts[2].Where(s => s != sa && s != sb))
                {
                    var trial = roster with { Activities = [Session("a", sa), Session("b", sb), Session("c", sc)] };
                    var report = RosterValidator.Validate(scenario, trial);
                    if (report.IsValid)
                    {
                        combinations++;
                        best = Math.Min(best, ActivityPlacer.CoverageCost(report));
                        worst = Math.Max(worst, ActivityPlacer.CoverageCost(report));
                    }
                }
            }
        }

        Assert.True(combinations > 100, $"only {combinations} placements to compare");
        Assert.True(worst > best, "some placements must cost more coverage than others, or the case proves nothing");
        Assert.Equal(best - before, placement.AddedCost);
    }

    [Fact]
    public void Place_GroupTrainingWithRequiredAttendance_OneTimeForAll()
    {
        var (scenario, roster) = CoachedDay();
        var training = new ActivityRequest("product", ActivityKind.Training, "New card product", ActivityAttendees.Named("a", "b", "c"), Duration.FromHours(1), Day, Day,
            new LocalTime(8, 0), new LocalTime(18, 0), Together: true);

        var placement = ActivityPlacer.Place(scenario, roster, [training]);

        var report = Validate(scenario, placement);
        var placed = Assert.Single(placement.Placed);
        Assert.Equal(["a", "b", "c"], placed.AgentIds.Order());
        Assert.Equal(Duration.FromHours(1), placed.End - placed.Start);
        Assert.True(placement.Optimal);
        // The three are off the queues together: the validator's coverage shows them missing at that time.
        var at = report.Coverage.Single(c => c.Start == placed.Start);
        var without = RosterValidator.Validate(scenario, roster).Coverage.Single(c => c.Start == placed.Start);
        Assert.Equal(without.OnDuty - 3, at.OnDuty);
    }

    [Fact]
    public void Place_TwoOfAGroupTogether_ChoosesTwoAgentsAtOneTime()
    {
        var (scenario, roster) = CoachedDay();
        var meeting = new ActivityRequest("huddle", ActivityKind.Meeting, "Team huddle", ActivityAttendees.WithSkill("voice", 2), Duration.FromMinutes(30), Day, Day,
            new LocalTime(8, 0), new LocalTime(18, 0), Together: true);

        var placement = ActivityPlacer.Place(scenario, roster, [meeting]);

        Validate(scenario, placement);
        Assert.Equal(2, Assert.Single(placement.Placed).AgentIds.Count);
    }

    [Fact]
    public void Place_CoachWithNoShift_ReportsEverySessionWithTheReason()
    {
        var (scenario, roster) = CoachedDay(coachWorks: false);

        var placement = ActivityPlacer.Place(scenario, roster, [Coaching()]);

        Validate(scenario, placement);
        Assert.Empty(placement.Placed);
        Assert.Equal(3, placement.Unplaced.Count);
        Assert.All(placement.Unplaced, u => Assert.Equal("the coach coach has no shift on Sun 29 Nov", u.Reason));
    }

    [Fact]
    public void Place_WindowOutsideEveryShift_ReportsWhy()
    {
        var (scenario, roster) = CoachedDay();

        var placement = ActivityPlacer.Place(scenario, roster, [Coaching(coach: null, from: new LocalTime(19, 0), to: new LocalTime(21, 0))]);

        Validate(scenario, placement);
        Assert.Empty(placement.Placed);
        var a = placement.Unplaced.Single(u => u.AgentIds.SequenceEqual(["a"]));
        Assert.Equal("the window 19:00-21:00 on Sun 29 Nov lies outside a's shifts or on their breaks for 30 min", a.Reason);
        Assert.Equal(placement.Roster.Shifts, roster.Shifts);
    }

    [Fact]
    public void Place_OverlappingRecurrences_RefusedWithTheFieldAndNothingPlaced()
    {
        var (scenario, roster) = CoachedDay();

        var placement = ActivityPlacer.Place(scenario, roster, [Coaching(), Coaching(id: "coaching-2")]);

        Assert.True(placement.Refused);
        var problem = Assert.Single(placement.Problems);
        Assert.Equal(("coaching-2", "recurrence"), (problem.RequestId, problem.Field));
        Assert.Contains("overlaps 'coaching'", problem.Reason, StringComparison.Ordinal);
        Assert.Same(roster, placement.Roster);
        Assert.True(RosterValidator.Validate(scenario, placement.Roster).IsValid);
    }

    [Fact]
    public void Place_CoachBusyWithEveryone_PlacesOneAtATime()
    {
        var (scenario, roster) = CoachedDay();

        var placement = ActivityPlacer.Place(scenario, roster, [Coaching()]);

        Validate(scenario, placement);
        var sessions = placement.Placed.OrderBy(p => p.Start).ToList();
        for (var i = 1; i < sessions.Count; i++)
        {
            Assert.True(sessions[i].Start >= sessions[i - 1].End, "the coach coaches one agent at a time");
        }
    }

    private static PlacedActivity Session(string agent, Instant start) =>
        new("coaching", ActivityKind.Coaching, "Weekly coaching", [agent], "coach", start, start + Duration.FromMinutes(30));

    /// <summary>Every quarter-hour start from 09:00 to 12:30 where the agent and the coach are on shift and off their breaks.</summary>
    private static List<Instant> FreeStarts(RosterScenario scenario, Roster roster, string agent, LocalDate date)
    {
        var found = new List<Instant>();
        for (var local = date.At(new LocalTime(9, 0)); local <= date.At(new LocalTime(12, 30)); local = local.PlusMinutes(15))
        {
            var start = local.InZoneStrictly(scenario.Zone).ToInstant();
            var session = Session(agent, start);
            if (RosterValidator.Validate(scenario, roster with { Activities = [session] }).IsValid)
            {
                found.Add(start);
            }
        }

        return found;
    }
}
