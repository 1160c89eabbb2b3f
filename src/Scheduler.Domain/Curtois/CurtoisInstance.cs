namespace Scheduler.Domain.Curtois;

/// <summary>
/// One instance of the Curtois &amp; Qu shift-scheduling benchmark: every employee gets one shift type or a day
/// off on each day of the horizon. The rules are those of the benchmark's README (../shared/benchmarks/curtois).
/// </summary>
/// <remarks>Shift types and employees are referred to by index everywhere below; their ids are for files and people.</remarks>
public sealed record CurtoisInstance(
    string Name,
    int Days,
    IReadOnlyList<CurtoisShiftType> ShiftTypes,
    IReadOnlyList<CurtoisEmployee> Employees,
    IReadOnlyList<CurtoisRequest> OnRequests,
    IReadOnlyList<CurtoisRequest> OffRequests,
    IReadOnlyList<CurtoisCover> Cover)
{
    /// <summary>Day <paramref name="day"/> belongs to weekend <c>day / 7</c> when it is a Saturday or Sunday (every instance starts on a Monday).</summary>
    public static bool IsWeekend(int day) => day % 7 >= 5;

    public int Weeks => Days / 7;

    public int ShiftIndex(string id)
    {
        for (var i = 0; i < ShiftTypes.Count; i++)
        {
            if (string.Equals(ShiftTypes[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public int EmployeeIndex(string id)
    {
        for (var i = 0; i < Employees.Count; i++)
        {
            if (string.Equals(Employees[i].Id, id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>A shift type: its length and the shift types that may not be worked the day after it.</summary>
public sealed record CurtoisShiftType(string Id, int Minutes, IReadOnlyList<int> CannotFollow);

/// <summary>An employee's contract and hard days off. <see cref="MaxShifts"/> is indexed by shift type.</summary>
public sealed record CurtoisEmployee(
    string Id,
    IReadOnlyList<int> MaxShifts,
    int MaxTotalMinutes,
    int MinTotalMinutes,
    int MaxConsecutiveShifts,
    int MinConsecutiveShifts,
    int MinConsecutiveDaysOff,
    int MaxWeekends,
    IReadOnlySet<int> DaysOff);

/// <summary>A wish to work (on-request) or not to work (off-request) a shift type on a day, with its weight.</summary>
public sealed record CurtoisRequest(int Employee, int Day, int Shift, int Weight);

/// <summary>How many employees are wanted on a shift type on a day, and what a person short or extra costs.</summary>
public sealed record CurtoisCover(int Day, int Shift, int Required, int WeightUnder, int WeightOver);
