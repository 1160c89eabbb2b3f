using Scheduler.Domain.Curtois;
using Scheduler.Domain.History;
using Scheduler.Tests.Curtois;

namespace Scheduler.Domain.Tests.Curtois;

public sealed class CurtoisValidatorTests
{
    private readonly CurtoisInstance _tiny = TinyCurtois.Instance();

    [Fact]
    public void Validate_HandCheckedRoster_ReproducesTheHandCountedPenalty()
    {
        var report = CurtoisValidator.Validate(_tiny, TinyCurtois.HandRoster(_tiny));

        Assert.True(report.Feasible, string.Join("; ", report.Violations));
        Assert.Equal(TinyCurtois.HandRosterPenalty, report.Penalty);
        var byRule = report.ByRule.ToDictionary(r => r.Rule, r => r.Cost);
        Assert.Equal(700, byRule[CurtoisValidator.UnderCover]);
        Assert.Equal(4, byRule[CurtoisValidator.ShiftOffRequest]); // A's L on day 2 (3), B's E on day 5 (1)
        Assert.Equal(1, byRule[CurtoisValidator.ShiftOnRequest]); // B wanted E on day 3
        Assert.False(byRule.ContainsKey(CurtoisValidator.OverCover));
    }

    [Fact]
    public void Validate_OverCover_CostsOnePerExtraPerson()
    {
        // Day 6 L wants nobody; B cannot work L, so over-cover comes from E on day 1 (A and B both on E, 1 wanted).
        var report = CurtoisValidator.Validate(_tiny, TinyCurtois.Roster(_tiny, "EEL----", "-EE-EE-"));

        Assert.Contains(report.Costs, c => c.Rule == CurtoisValidator.OverCover && c.Where.StartsWith("day 1 E", StringComparison.Ordinal) && c.Cost == 1);
    }

    public static TheoryData<string, string, string> Rules => new()
    {
        // rule, a roster that keeps it (A, B), a roster that breaks it (A, B): each pair differs only where the rule bites.
        { CurtoisValidator.ShiftRotation, "ELL----|-EE-EE-", "ELLE---|-EE-EE-" }, // E the day after L; A then works 4 in a row too
        { CurtoisValidator.MaxShifts, "ELL----|-EE-EE-", "ELL----|-EL-EE-" }, // B may work no L
        { CurtoisValidator.MaxTotalMinutes, "ELL----|-EE-EE-", "ELL----|-EEEEE-" }, // B: 5 shifts, 2,400 > 1,920 minutes
        { CurtoisValidator.MinTotalMinutes, "ELL----|-EE-EE-", "EL-----|-EE-EE-" }, // A: 2 shifts, 960 < 1,440 minutes
        { CurtoisValidator.MaxConsecutiveShifts, "ELL----|-EE-EE-", "EEEE---|-EE-EE-" }, // A: 4 days in a row, at most 3
        { CurtoisValidator.MinConsecutiveShifts, "--EEL--|-EE-EE-", "--E-EE-|-EE-EE-" }, // A: a lone working day inside the week
        { CurtoisValidator.MinConsecutiveDaysOff, "EEL----|-EE-EE-", "EE-EE--|-EE-EE-" }, // A: a lone day off between runs
        { CurtoisValidator.MaxWeekends, "ELL----|-EE-EE-", "---EEL-|-EE-EE-" }, // A works Saturday, allowed no weekend
        { CurtoisValidator.DaysOff, "ELL----|-EE-EE-", "ELL----|EEE-EE-" }, // B on day 0, a hard day off
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Validate_EachHardRule_HoldsOrBreaks(string rule, string keeps, string breaks)
    {
        var good = CurtoisValidator.Validate(_tiny, TinyCurtois.Roster(_tiny, keeps.Split('|')));
        var bad = CurtoisValidator.Validate(_tiny, TinyCurtois.Roster(_tiny, breaks.Split('|')));

        Assert.DoesNotContain(good.Violations, v => v.Rule == rule);
        Assert.Contains(bad.Violations, v => v.Rule == rule);
    }

    [Fact]
    public void Validate_RunsTouchingTheEdges_AreExemptFromTheMinimums()
    {
        // A works one day at the very start and rests one day at the very end: both runs touch an edge.
        var report = CurtoisValidator.Validate(_tiny, TinyCurtois.Roster(_tiny, "E--EEL-", "-EE-EE-"));

        Assert.DoesNotContain(report.Violations, v => v.Rule is CurtoisValidator.MinConsecutiveShifts);
        Assert.DoesNotContain(report.Violations, v => v.Rule is CurtoisValidator.MinConsecutiveDaysOff);
    }

    [Fact]
    public void RosterCsv_RoundTrips_AndBadLinesNameLineAndField()
    {
        var roster = TinyCurtois.HandRoster(_tiny);
        var csv = roster.ToCsv(_tiny);

        var back = CurtoisRoster.ReadCsv(_tiny, new StringReader(csv), "tiny.csv");
        Assert.Equal(TinyCurtois.HandRosterPenalty, CurtoisValidator.Validate(_tiny, back).Penalty);
        Assert.StartsWith("employee,day,shift\n", csv, StringComparison.Ordinal);

        var error = Assert.Throws<ImportException>(() => CurtoisRoster.ReadCsv(_tiny, new StringReader("employee,day,shift\nA,0,E\nA,0,L\nB,x,E\nC,1,E\n"), "bad.csv"));
        Assert.Equal([(3, "day"), (4, "day"), (5, "employee")], error.Errors.Select(e => (e.Line, e.Field)));
    }
}
