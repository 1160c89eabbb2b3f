using NodaTime;

namespace Scheduler.Domain.Rostering;

/// <summary>
/// What a change to a roster does, judged by the roster validator: the hard rules it would break (for every agent it
/// touches), and its effect on coverage, interval by interval and skill by skill.
/// </summary>
/// <param name="Violations">Hard rules the changed roster breaks that the original did not; empty means allowed.</param>
/// <param name="ShortBefore">Agent-intervals short of the requirement over the horizon, before the change.</param>
/// <param name="ShortAfter">The same after the change.</param>
/// <param name="Changes">Every interval and skill whose covered count changes.</param>
public sealed record TradeEffect(IReadOnlyList<Violation> Violations, long CostBefore, long CostAfter, int ShortBefore, int ShortAfter, IReadOnlyList<CoverageChange> Changes)
{
    public bool IsAllowed => Violations.Count == 0;

    /// <summary>More agent-intervals short after the change than before it.</summary>
    public bool LowersCoverage => ShortAfter > ShortBefore;

    /// <summary>Per skill, covered quarter-hours gained (positive) or lost (negative).</summary>
    public IReadOnlyDictionary<string, int> BySkill => Changes.GroupBy(c => c.Skill).ToDictionary(g => g.Key, g => g.Sum(c => c.After - c.Before));
}

/// <summary>One interval of one skill whose covered count changes, against its requirement.</summary>
public sealed record CoverageChange(int Interval, Instant Start, string Skill, int Required, int Before, int After);

/// <summary>A colleague who could take a shift without breaking any rule, and why they rank where they do.</summary>
/// <param name="PaidHours">Paid hours the colleague already has in that shift's week.</param>
/// <param name="SameKind">Nights (for a night shift) or weekend days (for a weekend shift) they already work that week.</param>
public sealed record TakeCandidate(RosterAgent Agent, TradeEffect Effect, double PaidHours, int SameKind);

/// <summary>
/// Changes agents ask for after a roster is published: a shift handed to a colleague (give-away or pick-up), with one
/// of the colleague's shifts handed back for a swap, and shifts removed for approved time off. Each is judged by the
/// same <see cref="RosterValidator"/> as the solver's rosters; nothing here calls the solver.
/// </summary>
public static class ShiftTrade
{
    /// <summary>
    /// <paramref name="giverId"/>'s shift on <paramref name="date"/> goes to <paramref name="takerId"/>, with its breaks; with
    /// <paramref name="returnDate"/>, the taker's shift on that date goes back to the giver (a swap).
    /// </summary>
    /// <exception cref="ArgumentException">A named shift does not exist, or the two agents are the same.</exception>
    public static Roster Apply(Roster roster, string giverId, LocalDate date, string takerId, LocalDate? returnDate = null)
    {
        if (giverId == takerId)
        {
            throw new ArgumentException("A shift cannot be handed to the agent who already has it.", nameof(takerId));
        }

        var given = roster.Shifts.FirstOrDefault(s => s.AgentId == giverId && s.Date == date)
            ?? throw new ArgumentException($"{giverId} has no shift on {date:ddd d MMM yyyy}.", nameof(date));
        ShiftAssignment? back = null;
        if (returnDate is { } r)
        {
            back = roster.Shifts.FirstOrDefault(s => s.AgentId == takerId && s.Date == r)
                ?? throw new ArgumentException($"{takerId} has no shift on {r:ddd d MMM yyyy} to give back.", nameof(returnDate));
        }

        return new Roster([.. roster.Shifts.Select(s =>
            ReferenceEquals(s, given) ? s with { AgentId = takerId }
            : ReferenceEquals(s, back) ? s with { AgentId = giverId }
            : s)]);
    }

    /// <summary>
    /// Approved time off: the agent's shifts on <paramref name="dates"/> are removed, and the dates become time off in the
    /// scenario (so the week's minimum paid hours shrink by a fifth of the weekly minimum per day, as for any leave).
    /// </summary>
    public static (RosterScenario Scenario, Roster Roster) Leave(RosterScenario scenario, Roster roster, string agentId, IReadOnlyCollection<LocalDate> dates)
    {
        var inHorizon = dates.Where(d => d >= scenario.FirstDate && d <= scenario.LastDate).ToHashSet();
        var agents = scenario.Agents.Select(a => a.Id != agentId ? a : a with { TimeOff = a.TimeOff.Union(inHorizon).ToHashSet() }).ToList();
        return (scenario with { Agents = agents }, new Roster([.. roster.Shifts.Where(s => s.AgentId != agentId || !inHorizon.Contains(s.Date))]));
    }

    /// <summary>Hands a shift over (and one back, for a swap) and judges the result, skills included.</summary>
    public static TradeEffect Judge(RosterScenario scenario, Roster roster, ValidationReport report, string giverId, LocalDate date, string takerId, LocalDate? returnDate = null)
    {
        var after = Apply(roster, giverId, date, takerId, returnDate);
        var handed = new List<(ShiftAssignment, string)> { (roster.Shifts.First(s => s.AgentId == giverId && s.Date == date), takerId) };
        if (returnDate is { } r)
        {
            handed.Add((roster.Shifts.First(s => s.AgentId == takerId && s.Date == r), giverId));
        }

        return Compare(scenario, report, scenario, after, handed);
    }

    /// <summary>Judges <paramref name="after"/> against the validated original: new violations, cost and coverage change.</summary>
    /// <param name="handed">Each shift handed over (as it was) and its taker: the taker must have a skill it serves.</param>
    public static TradeEffect Compare(RosterScenario scenario, ValidationReport before, RosterScenario afterScenario, Roster after, IEnumerable<(ShiftAssignment Shift, string TakerId)>? handed = null)
    {
        var report = RosterValidator.Validate(afterScenario, after);
        var existing = before.Violations.ToHashSet();
        var violations = report.Violations.Where(v => !existing.Contains(v)).ToList();
        foreach (var (shift, takerId) in handed ?? [])
        {
            if (Rules.Skills.TradeProblem(scenario, shift, takerId) is { } problem)
            {
                violations.Add(problem);
            }
        }

        var changes = new List<CoverageChange>();
        for (var t = 0; t < report.Coverage.Count && t < before.Coverage.Count; t++)
        {
            var b = before.Coverage[t];
            var a = report.Coverage[t];
            foreach (var skill in scenario.Skills)
            {
                var was = b.Covered.GetValueOrDefault(skill);
                var now = a.Covered.GetValueOrDefault(skill);
                if (was != now)
                {
                    changes.Add(new CoverageChange(t, a.Start, skill, a.Required.GetValueOrDefault(skill), was, now));
                }
            }
        }

        return new TradeEffect(violations, before.TotalCost, report.TotalCost, before.Coverage.Sum(c => c.Short), report.Coverage.Sum(c => c.Short), changes);
    }

    /// <summary>
    /// "Who could take this shift?": every colleague who could take <paramref name="giverId"/>'s shift on
    /// <paramref name="date"/> without breaking a rule, best first: the least coverage lost, then the fewest nights or
    /// weekend days of that kind already that week (fairness), then the fewest paid hours that week.
    /// </summary>
    public static IReadOnlyList<TakeCandidate> WhoCouldTake(RosterScenario scenario, Roster roster, ValidationReport report, string giverId, LocalDate date, int take = 10)
    {
        var shift = roster.Shifts.FirstOrDefault(s => s.AgentId == giverId && s.Date == date)
            ?? throw new ArgumentException($"{giverId} has no shift on {date:ddd d MMM yyyy}.", nameof(date));
        var catalog = new ShiftCatalog(scenario);
        var option = catalog.Find(shift) ?? throw new ArgumentException($"{giverId}'s shift on {date} is not a shift of the scenario.", nameof(date));
        var weekend = scenario.Rules.WeekendDays.Contains(date.DayOfWeek);
        var block = catalog.WeekBlock(scenario.Agent(giverId), scenario.DayIndex(date));
        var candidates = new List<TakeCandidate>();
        foreach (var agent in scenario.Agents.Where(a => a.Id != giverId))
        {
            // A cheap screen first: the colleague's own rules with the shift added, on a scenario of them alone.
            var theirs = roster.For(agent.Id).Append(shift with { AgentId = agent.Id }).ToList();
            if (Rules.Skills.TradeProblem(scenario, shift, agent.Id) is not null
                || !RosterValidator.Validate(scenario with { Agents = [agent] }, new Roster(theirs)).IsValid)
            {
                continue;
            }

            var effect = Compare(scenario, report, scenario, Apply(roster, giverId, date, agent.Id), [(shift, agent.Id)]);
            if (!effect.IsAllowed)
            {
                continue;
            }

            var week = roster.For(agent.Id).Select(s => catalog.Find(s)).OfType<ShiftOption>()
                .Where(o => scenario.DayIndex(o.Date) is var d && d >= block.FirstDay && d < block.FirstDay + block.Days).ToList();
            var sameKind = option.IsNight ? week.Count(o => o.IsNight) : weekend ? week.Count(o => scenario.Rules.WeekendDays.Contains(o.Date.DayOfWeek)) : 0;
            candidates.Add(new TakeCandidate(agent, effect, week.Sum(o => o.Paid.TotalHours), sameKind));
        }

        return [.. candidates.OrderBy(c => c.Effect.ShortAfter).ThenBy(c => c.SameKind).ThenBy(c => c.PaidHours).ThenBy(c => c.Agent.Id, StringComparer.Ordinal).Take(take)];
    }
}
