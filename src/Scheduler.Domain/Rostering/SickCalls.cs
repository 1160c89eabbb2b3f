using NodaTime;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Domain.Rostering;

/// <summary>An agent absent (sick) from <see cref="From"/> until <see cref="Until"/> (exclusive).</summary>
public sealed record Absence(string AgentId, Instant From, Instant Until);

/// <summary>Why an absence cannot be entered: the form field and the reason.</summary>
public sealed record AbsenceRefusal(string Field, string Reason);

/// <summary>
/// The re-solve of a sick call: the scenario to solve (the baseline's, with the absence as leave, the shifts already
/// started locked and the absent agent's started shift cut), and what was locked and cut, for the page and the tests.
/// </summary>
/// <param name="LockedBefore">Every baseline shift starting before this instant is kept as it was (the later of the
/// absence start and the moment the sick call was entered).</param>
/// <param name="Cut">The absent agent's shift that had begun when the absence began, as the part worked; null when none had.</param>
public sealed record SickCallPlan(RosterScenario Scenario, Absence Absence, Instant LockedBefore, IReadOnlyList<ShiftAssignment> Locked, ShiftAssignment? Cut, IReadOnlyList<LocalDate> LeaveDays);

/// <summary>
/// A sick call re-planned on the roster's own terms. The absence becomes approved time off on the days it touches; a
/// shift the agent had begun is cut at the absence start; every shift already begun (by anyone) is locked, and no shift
/// starting before that moment may be added (<see cref="RosterAgent.KeptUntil"/>); the
/// baseline goes to the solver as the base roster, so the <see cref="ShiftChanges"/> cost keeps every other shift
/// unless changing it pays.
/// </summary>
/// <remarks>
/// The part worked of a cut shift is a one-off template (<see cref="ShiftTemplate.OnlyFor"/> the agent and the date)
/// with the shift's start, the length worked, and only the breaks already taken, each with a window that fits exactly
/// where it was taken: the validator accepts it like any shift, its paid hours count toward the week, and no one else
/// is ever offered it. Its day is leave too (the rest of it is sick time, and leave lowers the week's minimum like any
/// leave day); locked shifts are kept on leave days (<see cref="ShiftRule"/>).
/// </remarks>
public static class SickCalls
{
    /// <summary>Why <paramref name="absence"/> cannot be planned on <paramref name="baseline"/>, or null when it can.</summary>
    public static AbsenceRefusal? Refusal(RosterScenario scenario, Roster baseline, Absence absence, Instant now)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(absence);
        var zone = scenario.Zone;
        var agent = scenario.Agents.FirstOrDefault(a => a.Id == absence.AgentId);
        if (agent is null)
        {
            return new AbsenceRefusal("agent", $"'{absence.AgentId}' is not an agent of this roster");
        }

        var first = scenario.FirstDate.AtStartOfDayInZone(zone).ToInstant();
        var end = scenario.LastDate.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        if (absence.From < first || absence.From >= end)
        {
            return new AbsenceRefusal("from", $"{Local(zone, absence.From)} is outside the roster's horizon {scenario.FirstDate:d MMM}-{scenario.LastDate:d MMM yyyy}");
        }

        if (absence.Until <= absence.From)
        {
            return new AbsenceRefusal("until", $"the absence ends ({Local(zone, absence.Until)}) before it starts ({Local(zone, absence.From)})");
        }

        if (absence.Until > end)
        {
            return new AbsenceRefusal("until", $"{Local(zone, absence.Until)} is after the roster's last day {scenario.LastDate:ddd d MMM yyyy}; enter the days after in the next roster");
        }

        var offset = absence.From - scenario.Grid.Intervals[0].Start;
        if (offset.TotalTicks % scenario.IntervalLength.TotalTicks != 0)
        {
            return new AbsenceRefusal("from", $"{Local(zone, absence.From)} is not on the {scenario.IntervalLength.TotalMinutes:0}-minute grid");
        }

        var catalog = new ShiftCatalog(scenario);
        foreach (var shift in baseline.For(agent.Id))
        {
            if (catalog.Find(shift) is { } option && option.EndInstant <= now && option.EndInstant > absence.From)
            {
                return new AbsenceRefusal("from", $"{agent.Name} already worked the shift {Local(zone, option.StartInstant)}-{option.EndInstant.InZone(zone):HH:mm}, which ended before this sick call; the absence starts after it");
            }
        }

        return null;
    }

    /// <summary>The scenario to re-solve for <paramref name="absence"/> against <paramref name="baseline"/>, entered at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">The absence is refused (<see cref="Refusal"/>).</exception>
    public static SickCallPlan Plan(RosterScenario scenario, Roster baseline, Absence absence, Instant now)
    {
        if (Refusal(scenario, baseline, absence, now) is { } refusal)
        {
            throw new ArgumentException($"{refusal.Field}: {refusal.Reason}", nameof(absence));
        }

        var zone = scenario.Zone;
        var catalog = new ShiftCatalog(scenario);
        var lockedBefore = absence.From > now ? absence.From : now;
        var templates = scenario.Templates.ToList();
        var locked = new List<ShiftAssignment>();
        var lockedByAgent = new Dictionary<string, List<LockedShift>>();
        ShiftAssignment? cut = null;
        foreach (var shift in baseline.Shifts)
        {
            var option = catalog.Find(shift);
            if (option is null)
            {
                continue; // the validator reports it; nothing to lock
            }

            if (shift.AgentId == absence.AgentId)
            {
                if (option.EndInstant <= absence.From)
                {
                    locked.Add(shift); // worked in full before the absence
                }
                else if (option.StartInstant < absence.From)
                {
                    cut = CutAt(scenario, shift, option, absence.From, templates);
                    locked.Add(cut);
                }

                continue; // shifts starting in the absence are dropped: those days are leave
            }

            if (option.StartInstant < lockedBefore)
            {
                locked.Add(shift);
            }
        }

        foreach (var shift in locked)
        {
            if (!lockedByAgent.TryGetValue(shift.AgentId, out var list))
            {
                lockedByAgent[shift.AgentId] = list = [];
            }

            list.Add(new LockedShift(shift.Date, shift.TemplateId, shift.Start, shift.Length));
        }

        var leaveDays = new List<LocalDate>();
        for (var date = absence.From.InZone(zone).Date; date <= scenario.LastDate && date.AtStartOfDayInZone(zone).ToInstant() < absence.Until; date = date.PlusDays(1))
        {
            var worked = locked.Any(s => s.AgentId == absence.AgentId && s.Date == date && !ReferenceEquals(s, cut));
            if (!worked)
            {
                leaveDays.Add(date);
            }
        }

        var agents = scenario.Agents.Select(a =>
        {
            var mine = lockedByAgent.GetValueOrDefault(a.Id) ?? [];
            var keep = a.Locked.Where(l => !mine.Any(m => m.Date == l.Date));
            if (a.Id == absence.AgentId)
            {
                keep = keep.Where(l => !leaveDays.Contains(l.Date)); // agreed shifts inside the absence go
                return a with { Locked = [.. keep, .. mine], TimeOff = a.TimeOff.Union(leaveDays).ToHashSet(), KeptUntil = lockedBefore };
            }

            return a with { Locked = [.. keep, .. mine], KeptUntil = lockedBefore };
        }).ToList();
        return new SickCallPlan(scenario with { Templates = templates, Agents = agents }, absence, lockedBefore, locked, cut, leaveDays);
    }

    /// <summary>
    /// <paramref name="solved"/> with every locked shift carrying its baseline breaks: a break already taken is history,
    /// and the solver only fixes which shift is worked, not where its breaks lie.
    /// </summary>
    public static Roster KeepWorked(SickCallPlan plan, Roster solved)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(solved);
        var locked = plan.Locked.ToDictionary(s => (s.AgentId, s.Date));
        return new Roster([.. solved.Shifts.Select(s =>
            locked.TryGetValue((s.AgentId, s.Date), out var was) && was.TemplateId == s.TemplateId && was.Start == s.Start && was.Length == s.Length
                ? s with { Breaks = was.Breaks }
                : s)]);
    }

    /// <summary>The draft's reason: "sick call: Tanvir from Thu 3 Dec 11:00".</summary>
    public static string Reason(RosterScenario scenario, Absence absence) =>
        $"sick call: {scenario.Agents.FirstOrDefault(a => a.Id == absence.AgentId)?.Name ?? absence.AgentId} from {Local(scenario.Zone, absence.From)}";

    private static ShiftAssignment CutAt(RosterScenario scenario, ShiftAssignment shift, ShiftOption option, Instant at, List<ShiftTemplate> templates)
    {
        var zone = scenario.Zone;
        var localLength = Period.Between(shift.Date.At(shift.Start), at.InZone(zone).LocalDateTime, PeriodUnits.Minutes).Minutes;
        var taken = shift.Breaks.Where(b => b.End <= at).ToList();
        var rules = taken.Select(b =>
        {
            var rule = option.Breaks.First(r => r.Name == b.Name);
            var offset = b.Start - option.StartInstant;
            return rule with { EarliestStart = offset, LatestEnd = offset + rule.Length };
        }).ToList();
        var id = $"{shift.TemplateId} worked by {shift.AgentId} {shift.Date:yyyy-MM-dd}";
        templates.RemoveAll(t => t.Id == id);
        templates.Add(new ShiftTemplate(id, [shift.Start], [Duration.FromMinutes(localLength)], rules, new TemplateScope(shift.AgentId, shift.Date)));
        return new ShiftAssignment(shift.AgentId, shift.Date, id, shift.Start, Duration.FromMinutes(localLength), taken);
    }

    private static string Local(DateTimeZone zone, Instant instant) => instant.InZone(zone).ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
