namespace Scheduler.Domain.Curtois;

/// <summary>A broken hard rule of the benchmark: which rule, whose, where, and why.</summary>
public sealed record CurtoisViolation(string Rule, string Employee, int? Day, string Description)
{
    public override string ToString() => Day is { } d ? $"{Rule}: {Employee} day {d}: {Description}" : $"{Rule}: {Employee}: {Description}";
}

/// <summary>One priced item of the penalty: the rule, where it falls, and what it costs.</summary>
public sealed record CurtoisCost(string Rule, string Where, long Cost);

/// <summary>What the validator found: hard-rule violations, and the penalty recomputed term by term.</summary>
public sealed record CurtoisReport(IReadOnlyList<CurtoisViolation> Violations, IReadOnlyList<CurtoisCost> Costs)
{
    public bool Feasible => Violations.Count == 0;

    public long Penalty => Costs.Sum(c => c.Cost);

    /// <summary>Penalty per rule, largest first.</summary>
    public IReadOnlyList<(string Rule, long Cost)> ByRule =>
        [.. Costs.GroupBy(c => c.Rule).Select(g => (g.Key, g.Sum(c => c.Cost))).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal)];
}

/// <summary>
/// Checks a roster against the benchmark's rules from the roster alone (it never calls a solver): the ten hard
/// rules, and the penalty (requests and cover) recomputed from scratch.
/// </summary>
public static class CurtoisValidator
{
    public const string OneShiftPerDay = "one shift per day";
    public const string ShiftRotation = "shift rotation";
    public const string MaxShifts = "maximum shifts per type";
    public const string MaxTotalMinutes = "maximum total minutes";
    public const string MinTotalMinutes = "minimum total minutes";
    public const string MaxConsecutiveShifts = "maximum consecutive shifts";
    public const string MinConsecutiveShifts = "minimum consecutive shifts";
    public const string MinConsecutiveDaysOff = "minimum consecutive days off";
    public const string MaxWeekends = "maximum weekends";
    public const string DaysOff = "days off";
    public const string ShiftOnRequest = "shift-on request";
    public const string ShiftOffRequest = "shift-off request";
    public const string UnderCover = "under-cover";
    public const string OverCover = "over-cover";

    public static CurtoisReport Validate(CurtoisInstance instance, CurtoisRoster roster)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(roster);
        var violations = new List<CurtoisViolation>();
        var costs = new List<CurtoisCost>();
        var days = instance.Days;
        if (roster.Employees != instance.Employees.Count || roster.Days != days)
        {
            violations.Add(new CurtoisViolation(OneShiftPerDay, "*", null, $"the roster has {roster.Employees} employees x {roster.Days} days; the instance {instance.Employees.Count} x {days}"));
            return new CurtoisReport(violations, costs);
        }

        for (var e = 0; e < instance.Employees.Count; e++)
        {
            var employee = instance.Employees[e];
            var id = employee.Id;
            var perType = new int[instance.ShiftTypes.Count];
            var minutes = 0L;
            for (var d = 0; d < days; d++)
            {
                var s = roster[e, d];
                if (s == CurtoisRoster.Off)
                {
                    continue;
                }

                if (s < 0 || s >= instance.ShiftTypes.Count)
                {
                    violations.Add(new CurtoisViolation(OneShiftPerDay, id, d, $"shift index {s} is not a shift type"));
                    continue;
                }

                perType[s]++;
                minutes += instance.ShiftTypes[s].Minutes;
                if (employee.DaysOff.Contains(d))
                {
                    violations.Add(new CurtoisViolation(DaysOff, id, d, $"works {instance.ShiftTypes[s].Id} on a day off"));
                }

                if (d + 1 < days && roster[e, d + 1] is var next && next >= 0 && next < instance.ShiftTypes.Count && instance.ShiftTypes[s].CannotFollow.Contains(next))
                {
                    violations.Add(new CurtoisViolation(ShiftRotation, id, d, $"{instance.ShiftTypes[next].Id} on day {d + 1} may not follow {instance.ShiftTypes[s].Id}"));
                }
            }

            for (var s = 0; s < perType.Length; s++)
            {
                if (perType[s] > employee.MaxShifts[s])
                {
                    violations.Add(new CurtoisViolation(MaxShifts, id, null, $"{perType[s]} x {instance.ShiftTypes[s].Id}, at most {employee.MaxShifts[s]}"));
                }
            }

            if (minutes > employee.MaxTotalMinutes)
            {
                violations.Add(new CurtoisViolation(MaxTotalMinutes, id, null, $"{minutes} minutes, at most {employee.MaxTotalMinutes}"));
            }

            if (minutes < employee.MinTotalMinutes)
            {
                violations.Add(new CurtoisViolation(MinTotalMinutes, id, null, $"{minutes} minutes, at least {employee.MinTotalMinutes}"));
            }

            // Runs of working days and of days off; a run touching either edge of the horizon is exempt from the minimums.
            var start = 0;
            while (start < days)
            {
                var working = roster.Works(e, start);
                var end = start;
                while (end + 1 < days && roster.Works(e, end + 1) == working)
                {
                    end++;
                }

                var length = end - start + 1;
                var inside = start > 0 && end < days - 1;
                if (working && length > employee.MaxConsecutiveShifts)
                {
                    violations.Add(new CurtoisViolation(MaxConsecutiveShifts, id, start, $"{length} working days in a row from day {start}, at most {employee.MaxConsecutiveShifts}"));
                }

                if (working && inside && length < employee.MinConsecutiveShifts)
                {
                    violations.Add(new CurtoisViolation(MinConsecutiveShifts, id, start, $"{length} working days in a row from day {start}, at least {employee.MinConsecutiveShifts}"));
                }

                if (!working && inside && length < employee.MinConsecutiveDaysOff)
                {
                    violations.Add(new CurtoisViolation(MinConsecutiveDaysOff, id, start, $"{length} days off in a row from day {start}, at least {employee.MinConsecutiveDaysOff}"));
                }

                start = end + 1;
            }

            var weekends = Enumerable.Range(0, instance.Weeks).Count(k => roster.Works(e, (7 * k) + 5) || roster.Works(e, (7 * k) + 6));
            if (weekends > employee.MaxWeekends)
            {
                violations.Add(new CurtoisViolation(MaxWeekends, id, null, $"{weekends} weekends worked, at most {employee.MaxWeekends}"));
            }
        }

        foreach (var r in instance.OnRequests)
        {
            if (roster[r.Employee, r.Day] != r.Shift)
            {
                costs.Add(new CurtoisCost(ShiftOnRequest, $"{instance.Employees[r.Employee].Id} day {r.Day} {instance.ShiftTypes[r.Shift].Id}", r.Weight));
            }
        }

        foreach (var r in instance.OffRequests)
        {
            if (roster[r.Employee, r.Day] == r.Shift)
            {
                costs.Add(new CurtoisCost(ShiftOffRequest, $"{instance.Employees[r.Employee].Id} day {r.Day} {instance.ShiftTypes[r.Shift].Id}", r.Weight));
            }
        }

        foreach (var c in instance.Cover)
        {
            var assigned = 0;
            for (var e = 0; e < instance.Employees.Count; e++)
            {
                if (roster[e, c.Day] == c.Shift)
                {
                    assigned++;
                }
            }

            var where = $"day {c.Day} {instance.ShiftTypes[c.Shift].Id}";
            if (assigned < c.Required)
            {
                costs.Add(new CurtoisCost(UnderCover, $"{where}: {c.Required - assigned} short of {c.Required}", (long)(c.Required - assigned) * c.WeightUnder));
            }
            else if (assigned > c.Required)
            {
                costs.Add(new CurtoisCost(OverCover, $"{where}: {assigned - c.Required} above {c.Required}", (long)(assigned - c.Required) * c.WeightOver));
            }
        }

        return new CurtoisReport(violations, [.. costs.Where(c => c.Cost != 0).OrderByDescending(c => c.Cost)]);
    }
}
