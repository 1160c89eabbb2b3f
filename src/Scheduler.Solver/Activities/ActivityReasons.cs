using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Activities;

/// <summary>Why a session has no allowed start, in the order a supervisor would check: shifts on the allowed dates,
/// the window against the shifts and breaks, the coach.</summary>
internal static class ActivityReasons
{
    public static string Why(RosterScenario scenario, OnDutyMap map, ActivitySession session)
    {
        var r = session.Request;
        var grid = scenario.Grid;
        var dates = DatesText(session);
        var dateIntervals = Enumerable.Range(0, grid.Count).Where(t => session.Dates.Contains(grid.Intervals[t].Date)).ToList();
        bool OnShiftThen(RosterAgent a) => dateIntervals.Any(t => map.ShiftAt(a.Id, t) >= 0);

        var withShift = session.Candidates.Where(OnShiftThen).ToList();
        if (withShift.Count < session.Needed)
        {
            return session.Candidates.Count == 1
                ? $"{session.Candidates[0].Name} has no shift on {dates}"
                : $"only {withShift.Count} of the {session.Candidates.Count} agents have a shift on {dates}; {session.Needed} must attend";
        }

        if (session.Coach is { } coach && !OnShiftThen(coach))
        {
            return $"the coach {coach.Name} has no shift on {dates}";
        }

        var window = $"{r.WindowStart:HH:mm}-{r.WindowEnd:HH:mm}";
        var starts = ActivityPlacer.WindowStarts(scenario, session).ToList();
        var attendable = starts.Where(t => session.Candidates.Count(a => map.FreeFor(a.Id, t, session.Intervals)) >= session.Needed).ToList();
        if (attendable.Count == 0)
        {
            return session.Needed == 1 && session.Candidates.Count == 1
                ? $"the window {window} on {dates} lies outside {session.Candidates[0].Name}'s shifts or on their breaks for {r.Length.TotalMinutes:0} min"
                : $"no {r.Length.TotalMinutes:0} min in the window {window} on {dates} when {session.Needed} of them are on shift and off their breaks together";
        }

        return session.Coach is { } c
            ? $"the coach {c.Name} is never on shift and free for {r.Length.TotalMinutes:0} min while {session.Label} can attend in the window {window} on {dates}"
            : $"no allowed start in the window {window} on {dates}";
    }

    private static string DatesText(ActivitySession s) => s.Dates.Count == 1
        ? $"{s.Dates[0]:ddd d MMM}"
        : $"{s.Dates[0]:ddd d MMM}-{s.Dates[^1]:ddd d MMM}";
}
