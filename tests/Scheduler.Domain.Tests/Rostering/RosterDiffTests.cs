using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Domain.Tests.Rostering;

/// <summary>The difference between two rosters per agent and day, and a draft's own changes re-applied on a later version.</summary>
public sealed class RosterDiffTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);

    private static ShiftAssignment Shift(string agent, int day, int hour) => new(agent, Sunday.PlusDays(day), "ft8", new LocalTime(hour, 0), Duration.FromHours(8), []);

    [Fact]
    public void Between_NamesEachAddedRemovedAndMovedAgentDay()
    {
        var before = new Roster([Shift("a1", 0, 9), Shift("a1", 1, 9), Shift("a2", 0, 9)]);
        var after = new Roster([Shift("a1", 0, 9), Shift("a1", 1, 10), Shift("a2", 2, 9)]); // a1 Monday moved, a2 Sunday -> Tuesday

        var diff = RosterDiff.Between(before, after);

        Assert.Equal("1 added, 1 removed, 1 moved", diff.Summary);
        Assert.Equal(
            [("a1", Sunday.PlusDays(1), ShiftChangeKind.Moved), ("a2", Sunday, ShiftChangeKind.Removed), ("a2", Sunday.PlusDays(2), ShiftChangeKind.Added)],
            diff.Changes.Select(c => (c.AgentId, c.Date, c.Kind)));
        Assert.Equal("no shift changed", RosterDiff.Between(before, before).Summary);
    }

    [Fact]
    public void ApplyTo_ReappliesTheDraftsChanges_AndKeepsTheLaterVersionWhereBothChangedTheSameAgentDay()
    {
        var basis = new Roster([Shift("a1", 0, 9), Shift("a2", 1, 9)]);
        var draft = new Roster([Shift("a1", 0, 9), Shift("a2", 1, 11), Shift("a3", 5, 9)]); // a2 Monday moved, a3 Friday added
        var latest = new Roster([Shift("a1", 0, 9), Shift("a2", 1, 10)]); // an approved change moved a2 Monday too

        var (result, applied, kept) = RosterDiff.Between(basis, draft).ApplyTo(latest, RosterDiff.Between(basis, latest));

        Assert.Equal(1, applied); // a3's Friday
        Assert.Equal(("a2", Sunday.PlusDays(1)), (Assert.Single(kept).AgentId, kept[0].Date));
        Assert.Equal(new LocalTime(10, 0), result.Shifts.Single(s => s.AgentId == "a2").Start); // the later version's
        Assert.Contains(result.Shifts, s => s.AgentId == "a3" && s.Date == Sunday.PlusDays(5));
        Assert.Equal(3, result.Shifts.Count);
    }
}
