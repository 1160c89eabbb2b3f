using NodaTime;

namespace Scheduler.Domain.Rostering;

/// <summary>The validator's hard rules for one agent, in the order of <see cref="RuleNames"/>.</summary>
internal static class HardRules
{
    public static void Check(ShiftCatalog catalog, RosterAgent agent, IReadOnlyList<(RosterAgent Agent, ShiftAssignment Shift, ShiftOption Option)> shifts, List<Violation> violations)
    {
        var scenario = catalog.Scenario;
        foreach (var (_, _, option) in shifts)
        {
            if (ShiftCatalog.Refusal(agent, option) is { } reason)
            {
                violations.Add(new Violation(RuleNames.AllowedShift, agent.Id, option.Date, reason));
            }
        }

        foreach (var day in shifts.GroupBy(s => s.Option.Date).Where(g => g.Count() > 1))
        {
            violations.Add(new Violation(RuleNames.OneShiftPerDay, agent.Id, day.Key, $"{agent.Name} has {day.Count()} shifts on {day.Key:ddd d MMM}"));
        }

        var previousEnd = agent.PreviousShiftEnd;
        foreach (var (_, _, option) in shifts)
        {
            if (previousEnd is { } end && option.StartInstant - end < scenario.Rules.MinRest)
            {
                var rest = option.StartInstant - end;
                violations.Add(new Violation(RuleNames.MinRest, agent.Id, option.Date, $"{agent.Name} rests {rest.TotalHours:0.##} h before {option.Date:ddd d MMM} {option.LocalStart:HH:mm}; {scenario.Rules.MinRest.TotalHours:0.#} h needed"));
            }

            previousEnd = previousEnd is { } p && p > option.EndInstant ? p : option.EndInstant;
        }

        for (var block = 0; block < catalog.WeekBlocks; block++)
        {
            var (_, first, days, min, max) = catalog.WeekBlock(agent, block * 7);
            var paid = shifts.Where(s => DayIndex(scenario, s.Option.Date) is var d && d >= first && d < first + days)
                .Aggregate(Duration.Zero, (sum, s) => sum + s.Option.Paid);
            if (paid < min || paid > max)
            {
                violations.Add(new Violation(RuleNames.PaidHours, agent.Id, scenario.FirstDate.PlusDays(first), $"{agent.Name} is paid {paid.TotalHours:0.##} h in the week from {scenario.FirstDate.PlusDays(first):d MMM}; the contract allows {min.TotalHours:0.##}-{max.TotalHours:0.##} h"));
            }
        }

        var worked = Worked(scenario, shifts);
        var run = agent.ConsecutiveDaysBefore;
        for (var d = 0; d < scenario.Days; d++)
        {
            run = worked[d] ? run + 1 : 0;
            if (run == agent.Contract.MaxConsecutiveDays + 1)
            {
                violations.Add(new Violation(RuleNames.MaxConsecutiveDays, agent.Id, scenario.FirstDate.PlusDays(d), $"{agent.Name} works {run} days in a row up to {scenario.FirstDate.PlusDays(d):ddd d MMM}; at most {agent.Contract.MaxConsecutiveDays}"));
            }
        }

        for (var d = 0; d + 7 <= scenario.Days; d++)
        {
            var days = Enumerable.Range(d, 7).Count(i => worked[i]);
            if (days > 7 - agent.Contract.MinDaysOffPerWeek)
            {
                violations.Add(new Violation(RuleNames.DaysOff, agent.Id, scenario.FirstDate.PlusDays(d), $"{agent.Name} works {days} of the 7 days from {scenario.FirstDate.PlusDays(d):d MMM}; {agent.Contract.MinDaysOffPerWeek} day(s) off needed"));
            }
        }

        foreach (var (_, shift, option) in shifts)
        {
            if (BreakProblem(scenario, shift, option) is { } problem)
            {
                violations.Add(new Violation(RuleNames.Breaks, agent.Id, option.Date, $"{agent.Name} on {option.Date:ddd d MMM}: {problem}"));
            }
        }

        foreach (var locked in agent.Locked)
        {
            if (!shifts.Any(s => s.Option.Date == locked.Date && s.Option.TemplateId == locked.TemplateId && s.Option.LocalStart == locked.Start && s.Option.Length == locked.Length))
            {
                violations.Add(new Violation(RuleNames.Locked, agent.Id, locked.Date, $"{agent.Name}'s locked {locked.TemplateId} shift at {locked.Start:HH:mm} on {locked.Date:ddd d MMM} is missing"));
            }
        }
    }

    public static int DayIndex(RosterScenario scenario, LocalDate date) => Period.Between(scenario.FirstDate, date, PeriodUnits.Days).Days;

    public static bool[] Worked(RosterScenario scenario, IEnumerable<(RosterAgent Agent, ShiftAssignment Shift, ShiftOption Option)> shifts)
    {
        var worked = new bool[scenario.Days];
        foreach (var s in shifts)
        {
            worked[DayIndex(scenario, s.Option.Date)] = true;
        }

        return worked;
    }

    private static string? BreakProblem(RosterScenario scenario, ShiftAssignment shift, ShiftOption option)
    {
        foreach (var rule in option.Breaks)
        {
            var taken = shift.Breaks.Where(b => b.Name == rule.Name).ToList();
            if (taken.Count != 1)
            {
                return $"{taken.Count} '{rule.Name}' breaks; exactly one is required";
            }

            var b = taken[0];
            var offset = b.Start - option.StartInstant;
            if (b.End - b.Start != rule.Length || b.Paid != rule.Paid || !option.BreakOffsets(rule, scenario.IntervalLength).Contains(offset))
            {
                return $"'{rule.Name}' break at +{offset.TotalMinutes:0} min for {(b.End - b.Start).TotalMinutes:0} min is outside {rule.EarliestStart.TotalHours:0.##}-{rule.LatestEnd.TotalHours:0.##} h or not {rule.Length.TotalMinutes:0} min on the interval grid";
            }
        }

        if (shift.Breaks.Count != option.Breaks.Count)
        {
            return $"{shift.Breaks.Count} breaks where the template has {option.Breaks.Count}";
        }

        var ordered = shift.Breaks.OrderBy(b => b.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Start < ordered[i - 1].End)
            {
                return $"breaks '{ordered[i - 1].Name}' and '{ordered[i].Name}' overlap";
            }
        }

        return null;
    }
}
