using NodaTime;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Domain.Rostering;

/// <summary>What an offer asks of an agent: extra paid hours when the week is short, or unpaid hours off when it is over.</summary>
public enum OfferKind
{
    /// <summary>A shift made longer (earlier start or later end) or an extra shift on a free day.</summary>
    Overtime,

    /// <summary>Voluntary time off: a shift made shorter, or released whole.</summary>
    VoluntaryTimeOff,
}

/// <summary>Hours each agent already worked as overtime, and took as voluntary time off, this month: the fairness key.</summary>
public sealed record OfferHistory(IReadOnlyDictionary<string, Duration> Overtime, IReadOnlyDictionary<string, Duration> TimeOff)
{
    public static readonly OfferHistory None = new(new Dictionary<string, Duration>(), new Dictionary<string, Duration>());
}

/// <summary>
/// One proposed offer: <paramref name="Before"/> (the agent's shift that day, or null for an extra shift) becomes
/// <paramref name="After"/> (null when a shift is released), checked by the <see cref="RosterValidator"/> on the whole
/// roster with the change applied.
/// </summary>
/// <param name="Hours">Paid hours added (overtime) or given up (voluntary time off).</param>
/// <param name="CoverageUnits">Agent-intervals of under-coverage filled (overtime), or of over-staffing removed (time off).</param>
/// <param name="CoverageValue">The same weighted as the validator weighs them (the roster's cost that goes away).</param>
/// <param name="MonthSoFar">The agent's overtime (or time off) hours this month before this offer: fewer ranks first.</param>
/// <param name="Money">What the overtime costs (hours × wage × premium), or what the time off saves (hours × wage).</param>
public sealed record OvertimeProposal(
    OfferKind Kind,
    string AgentId,
    string AgentName,
    LocalDate Date,
    ShiftAssignment? Before,
    ShiftAssignment? After,
    Duration Hours,
    long CoverageUnits,
    long CoverageValue,
    Duration MonthSoFar,
    decimal Money,
    string Description)
{
    /// <summary>The roster with this offer taken, or null when <see cref="Before"/> is no longer the agent's shift that
    /// day (the week changed since the offer was made).</summary>
    public Roster? ApplyTo(Roster roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        var current = roster.Shifts.FirstOrDefault(s => s.AgentId == AgentId && s.Date == Date);
        if (!SameShift(current, Before))
        {
            return null;
        }

        var shifts = roster.Shifts.Where(s => !ReferenceEquals(s, current)).ToList();
        if (After is not null)
        {
            shifts.Add(After);
        }

        return new Roster([.. shifts.OrderBy(s => s.Date).ThenBy(s => s.Start).ThenBy(s => s.AgentId, StringComparer.Ordinal)]);
    }

    private static bool SameShift(ShiftAssignment? a, ShiftAssignment? b) =>
        (a is null && b is null) || (a is not null && b is not null && a.TemplateId == b.TemplateId && a.Start == b.Start && a.Length == b.Length && a.Overtime == b.Overtime);
}

/// <summary>
/// Proposes overtime where a roster is short and voluntary time off where it is over-staffed, each change checked by the
/// <see cref="RosterValidator"/> on the whole roster (every hard rule, the overtime cap among them), ranked by the
/// coverage cost it removes, then by fairness (fewer such hours this month first), then by money. Used for a published
/// or draft week on the roster page, and by any caller holding a scenario and a roster (a sick call's re-solved week).
/// </summary>
/// <remarks>
/// Overtime is offered only to agents who agreed to it and have cap left: an extension keeps the shift's template and
/// takes another of its lengths that contains the shift (earlier start, later end, or both); an extra shift is any shift
/// the agent may work on a day they have none. Time off needs no consent (the agent accepts or not) and must keep the
/// contract's weekly minimum and lose no coverage. Of the options for one agent and day only the best is proposed, so
/// the list offers different people and days. Candidates are pre-sorted by the short (or over-staffed) intervals they
/// touch and judged by the validator in that order until three pass (at most twelve per agent and day), which keeps a
/// week of 30-60 agents to a second or two.
/// </remarks>
public static class OvertimeProposer
{
    /// <summary>Options judged by the validator at most per agent and day, best first by the intervals they touch.</summary>
    private const int JudgedPerDay = 12;

    /// <summary>Valid options compared per agent and day before the best is kept.</summary>
    private const int KeptPerDay = 3;

    public static IReadOnlyList<OvertimeProposal> Propose(RosterScenario scenario, Roster roster, OfferHistory? history = null, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(roster);
        history ??= OfferHistory.None;
        var judge = new Judge(scenario, roster);
        var proposals = new List<OvertimeProposal>();
        proposals.AddRange(OvertimeOffers(judge, history));
        proposals.AddRange(TimeOffOffers(judge, history));
        return [.. proposals
            .OrderBy(p => p.Kind)
            .ThenByDescending(p => p.CoverageValue)
            .ThenBy(p => p.MonthSoFar)
            .ThenBy(p => p.Kind == OfferKind.Overtime ? p.Money : -p.Money)
            .ThenBy(p => p.AgentId, StringComparer.Ordinal)
            .ThenBy(p => p.Date)
            .Take(limit)];
    }

    /// <summary>
    /// Judges an offer again on <paramref name="roster"/> (the latest version of its week): the roster with it taken, or
    /// why it no longer fits (the agent's shift changed, a rule would break, or it no longer helps coverage).
    /// </summary>
    public static (Roster? Changed, string? Refusal) Recheck(RosterScenario scenario, Roster roster, OvertimeProposal offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var judge = new Judge(scenario, roster);
        if (offer.ApplyTo(roster) is not { } changed)
        {
            return (null, $"{offer.AgentName}'s shift on {offer.Date:ddd d MMM} changed after the offer was made");
        }

        var (violations, under, over, _) = judge.Measure(changed);
        if (violations.Count > 0)
        {
            return (null, string.Join("; ", violations.Select(v => v.Description)));
        }

        if (offer.Kind == OfferKind.Overtime && under >= judge.Under)
        {
            return (null, "the week is no longer short when this overtime would be worked");
        }

        if (offer.Kind == OfferKind.VoluntaryTimeOff && (under > judge.Under || over >= judge.Over))
        {
            return (null, under > judge.Under ? "the week would now be short without these hours" : "the week is no longer over-staffed then");
        }

        return (changed, null);
    }

    private static IEnumerable<OvertimeProposal> OvertimeOffers(Judge judge, OfferHistory history)
    {
        var scenario = judge.Scenario;
        if (judge.Under == 0)
        {
            yield break;
        }

        foreach (var agent in scenario.Agents.Where(a => a.OvertimeConsent && a.OvertimeCapPerWeek > Duration.Zero))
        {
            var shifts = judge.Roster.For(agent.Id).ToList();
            foreach (var date in scenario.Dates)
            {
                var existing = shifts.FirstOrDefault(s => s.Date == date);
                var from = existing is null ? null : judge.Catalog.Find(existing);
                if (existing is not null && from is null)
                {
                    continue;
                }

                var left = agent.OvertimeCapPerWeek - OvertimeTerms.InBlock(scenario, shifts, scenario.DayIndex(date) / 7);
                var options = existing is null
                    ? judge.Catalog.Allowed(agent, date)
                    : judge.Catalog.Options.Where(o => o.Date == date && o.TemplateId == from!.TemplateId && o.StartInstant <= from.StartInstant
                        && o.EndInstant >= from.EndInstant && o.Paid > from.Paid && ShiftCatalog.Refusal(agent, o) is null);
                var best = Best(options
                    .Select(o => (Option: o, Added: o.Paid - (from?.Paid ?? Duration.Zero), Touches: judge.ShortTouched(agent, o, from)))
                    .Where(x => x.Touches > 0 && x.Added <= left)
                    .OrderByDescending(x => x.Touches).ThenBy(x => x.Added)
                    .Select(x => Judged(judge, agent, existing, x.Option.Assign(agent.Id, scenario.IntervalLength) with { Overtime = (existing?.Overtime ?? Duration.Zero) + x.Added }, x.Added, OfferKind.Overtime, history)));
                if (best is not null)
                {
                    yield return best;
                }
            }
        }
    }

    private static IEnumerable<OvertimeProposal> TimeOffOffers(Judge judge, OfferHistory history)
    {
        var scenario = judge.Scenario;
        if (judge.Over == 0)
        {
            yield break;
        }

        foreach (var agent in scenario.Agents)
        {
            foreach (var shift in judge.Roster.For(agent.Id))
            {
                if (judge.Catalog.Find(shift) is not { } from)
                {
                    continue;
                }

                // Cheap pre-check of the contract's weekly minimum (the validator judges again): most full-time weeks have no slack.
                var (_, first, days, min, _) = judge.Catalog.WeekBlock(agent, scenario.DayIndex(shift.Date));
                var contracted = judge.Roster.For(agent.Id).Where(s => scenario.DayIndex(s.Date) is var d && d >= first && d < first + days)
                    .Sum(s => judge.Catalog.Find(s) is { } o ? (o.Paid - s.Overtime).TotalMinutes : 0);
                var slack = Duration.FromMinutes(contracted) - min + shift.Overtime;
                var shorter = judge.Catalog.Options.Where(o => o.Date == shift.Date && o.TemplateId == from.TemplateId && o.StartInstant >= from.StartInstant
                    && o.EndInstant <= from.EndInstant && o.Paid < from.Paid)
                    .Select(o => (After: (ShiftOption?)o, Given: from.Paid - o.Paid));
                var best = Best(shorter.Append((After: null, Given: from.Paid))
                    .Select(x => (x.After, x.Given, Touches: judge.OverTouched(from, x.After)))
                    .Where(x => x.Touches > 0 && x.Given <= slack)
                    .OrderByDescending(x => x.Touches).ThenBy(x => x.Given)
                    .Select(x => Judged(judge, agent, shift, x.After is { } o ? o.Assign(agent.Id, scenario.IntervalLength) with { Overtime = Min(shift.Overtime, o.Paid) } : null, x.Given, OfferKind.VoluntaryTimeOff, history)));
                if (best is not null)
                {
                    yield return best;
                }
            }
        }
    }

    private static Duration Min(Duration a, Duration b) => a < b ? a : b;

    /// <summary>
    /// Of one agent's options for one day, pre-sorted by the intervals they touch, the best proposal among the first
    /// <see cref="KeptPerDay"/> the validator accepts, judging at most <see cref="JudgedPerDay"/> (a rested agent's
    /// first option usually passes; one whose best options break the rest rule tries the next ones).
    /// </summary>
    private static OvertimeProposal? Best(IEnumerable<OvertimeProposal?> judged) =>
        judged.Take(JudgedPerDay).OfType<OvertimeProposal>().Take(KeptPerDay)
            .OrderByDescending(p => p.CoverageValue).ThenBy(p => p.Hours).FirstOrDefault();

    /// <summary>The validator's verdict on one change: a proposal when it breaks no new rule and helps coverage.</summary>
    private static OvertimeProposal? Judged(Judge judge, RosterAgent agent, ShiftAssignment? before, ShiftAssignment? after, Duration hours, OfferKind kind, OfferHistory history)
    {
        var scenario = judge.Scenario;
        var shifts = judge.Roster.Shifts.Where(s => !ReferenceEquals(s, before)).ToList();
        if (after is not null)
        {
            shifts.Add(after);
        }

        var (violations, under, over, overCost) = judge.Measure(new Roster(shifts));
        if (violations.Count > 0)
        {
            return null;
        }

        long units, value;
        if (kind == OfferKind.Overtime)
        {
            units = judge.Under - under;
            value = units * scenario.Rules.UnderCoverage;
        }
        else
        {
            if (under > judge.Under)
            {
                return null;
            }

            units = judge.Over - over;
            value = judge.OverCost - overCost;
        }

        if (units <= 0)
        {
            return null;
        }

        var wage = agent.HourlyCost * (decimal)hours.TotalHours;
        var money = kind == OfferKind.Overtime ? wage * scenario.Rules.OvertimePremiumPercent / 100m : wage;
        var soFar = (kind == OfferKind.Overtime ? history.Overtime : history.TimeOff).GetValueOrDefault(agent.Id);
        var date = (before ?? after)!.Date;
        return new OvertimeProposal(kind, agent.Id, agent.Name, date, before, after, hours, units, value, soFar, decimal.Round(money, 2),
            Describe(judge.Catalog, agent, before, after, hours, kind, units));
    }

    private static string Describe(ShiftCatalog catalog, RosterAgent agent, ShiftAssignment? before, ShiftAssignment? after, Duration hours, OfferKind kind, long units)
    {
        static string Span(ShiftCatalog catalog, ShiftAssignment s) =>
            catalog.Find(s) is { } o ? $"{o.LocalStart:HH:mm}-{o.EndInstant.InZone(catalog.Scenario.Zone).TimeOfDay:HH:mm}" : $"{s.Start:HH:mm}";
        var day = (before ?? after)!.Date;
        var what = (before, after) switch
        {
            (null, { } a) => $"extra shift {Span(catalog, a)} on {day:ddd d MMM}",
            ({ } b, null) => $"{day:ddd d MMM} off instead of {Span(catalog, b)}",
            ({ } b, { } a) when kind == OfferKind.Overtime => $"{day:ddd d MMM} {Span(catalog, b)} extended to {Span(catalog, a)}",
            ({ } b, { } a) => $"{day:ddd d MMM} {Span(catalog, b)} shortened to {Span(catalog, a)}",
            _ => string.Empty,
        };
        var effect = kind == OfferKind.Overtime ? $"fills {units} short quarter-hour(s)" : $"removes {units} over-staffed quarter-hour(s)";
        var intervalWord = catalog.Scenario.IntervalLength == Duration.FromMinutes(15) ? effect : effect.Replace("quarter-hour", "interval", StringComparison.Ordinal);
        return $"{agent.Name}: {what} ({hours.TotalHours:0.##} h {(kind == OfferKind.Overtime ? "overtime" : "off")}); {intervalWord}";
    }

    /// <summary>The roster being offered on, as the validator judged it, and how a change is measured against it.</summary>
    private sealed class Judge
    {
        private readonly HashSet<(string Rule, string? Agent, LocalDate? Date, string Description)> _known;
        private readonly bool[][] _shortBySkill; // per skill index, per interval
        private readonly bool[] _over;
        private readonly Dictionary<string, int> _skillIndex;

        public Judge(RosterScenario scenario, Roster roster)
        {
            Scenario = scenario;
            Roster = roster;
            Catalog = new ShiftCatalog(scenario);
            var report = RosterValidator.Validate(scenario, roster);
            _known = [.. report.Violations.Select(Key)];
            (Under, Over, OverCost) = Totals(report);
            _skillIndex = scenario.Skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
            _shortBySkill = [.. scenario.Skills.Select(s => report.Coverage.Select(c => c.Required[s] > c.Covered[s]).ToArray())];
            _over = [.. report.Coverage.Select(c => c.Required.Values.Sum() is var total && c.OnDuty > total)];
        }

        public RosterScenario Scenario { get; }

        public Roster Roster { get; }

        public ShiftCatalog Catalog { get; }

        /// <summary>Agent-intervals short (under-coverage units) of the roster.</summary>
        public long Under { get; }

        /// <summary>Agent-intervals over-staffed (over-coverage and idle-staffing units) of the roster.</summary>
        public long Over { get; }

        /// <summary>The over-staffing cost of the roster (over-coverage and idle staffing).</summary>
        public long OverCost { get; }

        /// <summary>New hard-rule breaches of <paramref name="changed"/> (those the roster did not already have), and its totals.</summary>
        public (IReadOnlyList<Violation> Violations, long Under, long Over, long OverCost) Measure(Roster changed)
        {
            var report = RosterValidator.Validate(Scenario, changed);
            var (under, over, overCost) = Totals(report);
            return ([.. report.Violations.Where(v => !_known.Contains(Key(v)))], under, over, overCost);
        }

        /// <summary>Intervals <paramref name="option"/> covers beyond <paramref name="from"/> where a skill of the agent is short.</summary>
        public int ShortTouched(RosterAgent agent, ShiftOption option, ShiftOption? from)
        {
            var skills = agent.Skills.Where(_skillIndex.ContainsKey).Select(s => _skillIndex[s]).ToList();
            var count = 0;
            for (var t = Math.Max(0, option.FirstInterval); t < option.FirstInterval + option.IntervalCount; t++)
            {
                if ((from is null || !from.Covers(t)) && skills.Any(k => _shortBySkill[k][t]))
                {
                    count++;
                }
            }

            return count;
        }

        /// <summary>Over-staffed intervals <paramref name="from"/> covers that <paramref name="after"/> (null: nothing) gives up.</summary>
        public int OverTouched(ShiftOption from, ShiftOption? after)
        {
            var count = 0;
            for (var t = Math.Max(0, from.FirstInterval); t < from.FirstInterval + from.IntervalCount; t++)
            {
                if ((after is null || !after.Covers(t)) && _over[t])
                {
                    count++;
                }
            }

            return count;
        }

        private static (string, string?, LocalDate?, string) Key(Violation v) => (v.Rule, v.AgentId, v.Date, v.Description);

        private static (long Under, long Over, long OverCost) Totals(ValidationReport report)
        {
            var under = report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units);
            var over = report.Costs.Where(c => c.Rule is RuleNames.OverCoverage or RuleNames.IdleStaffing).ToList();
            return (under, over.Sum(c => c.Units), over.Sum(c => c.Cost));
        }
    }
}
