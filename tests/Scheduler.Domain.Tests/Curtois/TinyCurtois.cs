using Scheduler.Domain.Curtois;

namespace Scheduler.Tests.Curtois;

/// <summary>
/// A hand-made one-week instance in the benchmark's format, small enough to check by hand, and a roster whose
/// penalty was counted by hand (<see cref="HandRosterPenalty"/>).
/// </summary>
internal static class TinyCurtois
{
    public const string Text = """
        # One week, two shift types; an early may not follow a late.
        SECTION_HORIZON
        7

        SECTION_SHIFTS
        E,480,
        L,480,E

        SECTION_STAFF
        # A: 3-5 shifts, runs of 2-3 days, at least 2 days off in a row, no weekend.
        A,E=7|L=7,2400,1440,3,2,2,0
        # B: earlies only, 2-4 shifts, runs of 1-4 days, 1 weekend.
        B,E=7|L=0,1920,960,4,1,1,1

        SECTION_DAYS_OFF
        A,6
        B,0

        SECTION_SHIFT_ON_REQUESTS
        A,0,E,2
        B,3,E,1

        SECTION_SHIFT_OFF_REQUESTS
        A,2,L,3
        B,5,E,1

        SECTION_COVER
        0,E,1,100,1
        0,L,1,100,1
        1,E,1,100,1
        1,L,1,100,1
        2,E,1,100,1
        2,L,1,100,1
        3,E,1,100,1
        3,L,1,100,1
        4,E,1,100,1
        4,L,1,100,1
        5,E,2,100,1
        5,L,1,100,1
        6,E,1,100,1
        6,L,0,100,1
        """;

    /// <summary>
    /// A: E L L - - - -, B: - E E - E E -. Hand count: requests 3 (A's unwanted L on day 2) + 1 (B's wanted E on day 3
    /// not given) + 1 (B's unwanted E on day 5) = 5; under-cover: L on days 0, 3, 4, 5 and E on days 3, 5 (2 wanted, 1
    /// given) and 6 = 7 people short = 700; over-cover none. Total 705.
    /// </summary>
    public const long HandRosterPenalty = 705;

    public static CurtoisInstance Instance() => CurtoisReader.Read(new StringReader(Text), "tiny.txt", "Tiny");

    public static CurtoisRoster HandRoster(CurtoisInstance instance) => Roster(instance, "ELL----", "-EE-EE-");

    /// <summary>A roster from one string per employee: E, L or - (off) per day.</summary>
    public static CurtoisRoster Roster(CurtoisInstance instance, params string[] rows)
    {
        var roster = new CurtoisRoster(instance.Employees.Count, instance.Days);
        for (var e = 0; e < rows.Length; e++)
        {
            for (var d = 0; d < rows[e].Length; d++)
            {
                roster[e, d] = rows[e][d] == '-' ? CurtoisRoster.Off : instance.ShiftIndex(rows[e][d].ToString());
            }
        }

        return roster;
    }
}
