using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Scheduler.Solver.Constraints;

namespace Scheduler.Solver.Curtois;

/// <summary>Hard: one shift type or a day off per employee and day (rule 1).</summary>
internal static class OneShiftPerDay
{
    public static void Add(CurtoisModel m)
    {
        for (var e = 0; e < m.X.Length; e++)
        {
            for (var d = 0; d < m.Instance.Days; d++)
            {
                m.Cp.AddExactlyOne(m.Shifts(e, d).Append(m.OffDay[e][d]));
            }
        }
    }
}

/// <summary>Hard: a shift type listed as "cannot follow" another may not be worked the day after it (rule 2).</summary>
internal static class ShiftRotation
{
    public static void Add(CurtoisModel m)
    {
        var types = m.Instance.ShiftTypes;
        for (var e = 0; e < m.X.Length; e++)
        {
            for (var d = 0; d + 1 < m.Instance.Days; d++)
            {
                for (var s = 0; s < types.Count; s++)
                {
                    if (m.X[e][d][s] is not { } today)
                    {
                        continue;
                    }

                    foreach (var t in types[s].CannotFollow)
                    {
                        if (m.X[e][d + 1][t] is { } tomorrow)
                        {
                            m.Cp.AddBoolOr([today.Not(), tomorrow.Not()]);
                        }
                    }
                }
            }
        }
    }
}

/// <summary>Hard: at most so many shifts of each type, and total minutes between the minimum and maximum (rules 3-5).</summary>
internal static class WorkLimits
{
    public static void Add(CurtoisModel m)
    {
        var instance = m.Instance;
        for (var e = 0; e < m.X.Length; e++)
        {
            var employee = instance.Employees[e];
            var minutes = LinearExpr.NewBuilder();
            for (var s = 0; s < instance.ShiftTypes.Count; s++)
            {
                var ofType = Enumerable.Range(0, instance.Days).Select(d => m.X[e][d][s]).OfType<BoolVar>().ToList();
                if (ofType.Count > employee.MaxShifts[s])
                {
                    m.Cp.Add(LinearExpr.Sum(ofType) <= employee.MaxShifts[s]);
                }

                foreach (var x in ofType)
                {
                    minutes.AddTerm(x, instance.ShiftTypes[s].Minutes);
                }
            }

            m.Cp.AddLinearConstraint(minutes, employee.MinTotalMinutes, employee.MaxTotalMinutes);
        }
    }
}

/// <summary>
/// Hard: working days in a row between the minimum and maximum, days off in a row at least the minimum (rules 6-8),
/// with the same <see cref="DaySequences"/> the roster engine uses; and at most so many weekends worked (rule 9).
/// </summary>
internal static class RunsAndWeekends
{
    public static void Add(CurtoisModel m)
    {
        var instance = m.Instance;
        for (var e = 0; e < m.X.Length; e++)
        {
            var employee = instance.Employees[e];
            var works = Enumerable.Range(0, instance.Days).Select(d => m.Works(e, d)).ToList();
            var worked = Enumerable.Range(0, instance.Days).Select(d => (LinearExpr)(1 - m.OffDay[e][d])).ToList();
            DaySequences.MaxRun(m.Cp, worked, employee.MaxConsecutiveShifts, workedBefore: 0, enforce: null);
            DaySequences.MinRun(m.Cp, works, employee.MinConsecutiveShifts);
            DaySequences.MinRun(m.Cp, [.. m.OffDay[e]], employee.MinConsecutiveDaysOff);

            var weekends = new List<BoolVar>();
            for (var k = 0; k < instance.Weeks; k++)
            {
                var weekend = m.Cp.NewBoolVar($"weekend[{employee.Id},{k}]");
                var saturday = m.Works(e, (7 * k) + 5);
                var sunday = m.Works(e, (7 * k) + 6);
                m.Cp.AddBoolOr([saturday, sunday]).OnlyEnforceIf(weekend);
                m.Cp.AddImplication(saturday, weekend);
                m.Cp.AddImplication(sunday, weekend);
                weekends.Add(weekend);
                m.WeekendVars.Add((e, k, weekend));
            }

            if (weekends.Count > employee.MaxWeekends)
            {
                m.Cp.Add(LinearExpr.Sum(weekends) <= employee.MaxWeekends);
            }
        }
    }
}

/// <summary>Soft: an on-request not granted costs its weight, an off-request granted costs its weight.</summary>
internal static class ShiftRequests
{
    public static void Add(CurtoisModel m)
    {
        foreach (var r in m.Instance.OnRequests)
        {
            var x = m.X[r.Employee][r.Day][r.Shift];
            m.Penalize(CurtoisValidator.ShiftOnRequest, x is null ? LinearExpr.Constant(1) : 1 - x, r.Weight);
        }

        foreach (var r in m.Instance.OffRequests)
        {
            if (m.X[r.Employee][r.Day][r.Shift] is { } x)
            {
                m.Penalize(CurtoisValidator.ShiftOffRequest, x, r.Weight);
            }
        }
    }
}

/// <summary>
/// Soft: per day and shift type, each person short of the requirement costs the under weight, each person above it
/// the over weight. Both are exact (max of 0 and the difference), so any roster's objective is its true penalty.
/// </summary>
internal static class Cover
{
    public static void Add(CurtoisModel m)
    {
        var instance = m.Instance;
        foreach (var c in instance.Cover)
        {
            var on = Enumerable.Range(0, m.X.Length).Select(e => m.X[e][c.Day][c.Shift]).OfType<BoolVar>().ToList();
            var assigned = LinearExpr.Sum(on);
            var name = $"{c.Day},{instance.ShiftTypes[c.Shift].Id}";
            // under >= required - assigned and over >= assigned - required: linear rows the LP relaxation can use for a
            // bound (a max-equality is not linearised at the default level). A roster found by the search may carry
            // slack above the true shortfall; CurtoisModel.Tighten sets it exact before the roster is used or reported.
            IntVar? under = null, over = null;
            if (c.Required > 0)
            {
                under = m.Cp.NewIntVar(0, c.Required, $"under[{name}]");
                m.Cp.Add(under + assigned >= c.Required);
                m.Penalize(CurtoisValidator.UnderCover, under, c.WeightUnder);
            }

            if (on.Count > c.Required)
            {
                over = m.Cp.NewIntVar(0, on.Count - c.Required, $"over[{name}]");
                m.Cp.Add(assigned - over <= c.Required);
                m.Penalize(CurtoisValidator.OverCover, over, c.WeightOver);
            }

            m.CoverSlacks.Add(new CoverSlack(c, [.. on.Select(x => x.GetIndex())], under?.GetIndex(), over?.GetIndex()));
        }
    }
}
