using System.Diagnostics;
using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Solver.Activities;

/// <summary>How long the placement may search, on how many workers.</summary>
public sealed record ActivityPlacementOptions
{
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(30);

    public int Workers { get; init; } = 2;

    public int Seed { get; init; } = 1;
}

/// <summary>
/// What the placement did: the roster with the activities placed (those of other requests kept), what it could not
/// place and why, and the coverage cost the activities add (the validator's under-, over- and idle-staffing costs
/// after, less before). <see cref="Optimal"/> when CP-SAT proved no placement adds less.
/// </summary>
public sealed record ActivityPlacement(
    Roster Roster,
    IReadOnlyList<PlacedActivity> Placed,
    IReadOnlyList<UnplacedActivity> Unplaced,
    IReadOnlyList<ActivityRequestProblem> Problems,
    long AddedCost,
    long ModelCost,
    bool Optimal,
    TimeSpan Elapsed)
{
    /// <summary>Whether the requests were refused before anything was placed (see <see cref="Problems"/>).</summary>
    public bool Refused => Problems.Count > 0;
}

/// <summary>
/// Places training, coaching and meetings inside the shifts of a solved roster, outside breaks and other activities,
/// where the coverage cost is least: a CP-SAT model of its own after the shift solve (docs/decisions/013-activities.md).
/// </summary>
/// <remarks>
/// The model: per session and allowed start, a choice; per person and interval, at most one session; per interval a
/// session could touch, the agents on duty per skill group (those of the roster less those away) and a flow of them
/// to the skills they have, as <see cref="Domain.Rostering.Rules.Skills.Cover"/> counts it. The objective is the
/// validator's under-coverage (weight × agents short), over-coverage and idle-staffing costs of those intervals, plus
/// a penalty larger than any coverage difference for each session left out, so a session is left out only when no
/// time is left for it. Minimising the under-coverage makes the flow a maximum flow, so the objective is exact.
/// </remarks>
public static class ActivityPlacer
{
    public static ActivityPlacement Place(RosterScenario scenario, Roster roster, IReadOnlyList<ActivityRequest> requests, ActivityPlacementOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(requests);
        options ??= new ActivityPlacementOptions();
        var clock = Stopwatch.StartNew();
        var problems = ActivityRequestCheck.Problems(requests, scenario.Agents, scenario.IntervalLength);
        if (problems.Count > 0)
        {
            return new ActivityPlacement(roster, [], [], problems, 0, 0, false, clock.Elapsed);
        }

        var ids = requests.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var kept = roster.Activities.Where(a => !ids.Contains(a.RequestId)).ToList();
        var map = new OnDutyMap(scenario, roster, kept);
        var sessions = ActivitySession.Expand(scenario, requests);
        var unplaced = new List<UnplacedActivity>();
        var starts = new List<(ActivitySession Session, List<(int Start, List<RosterAgent> Free)> Starts)>();
        foreach (var session in sessions)
        {
            var found = Starts(scenario, map, session);
            if (found.Count == 0)
            {
                unplaced.Add(Unplaced(session, session.Candidates, ActivityReasons.Why(scenario, map, session)));
            }
            else
            {
                starts.Add((session, found));
            }
        }

        var before = RosterValidator.Validate(scenario, roster with { Activities = kept });
        var model = new PlacementModel(scenario, map, starts);
        var solver = new CpSolver
        {
            StringParameters = FormattableString.Invariant($"max_time_in_seconds:{options.TimeLimit.TotalSeconds:0.###},num_workers:{options.Workers},random_seed:{options.Seed}"),
        };
        using var registration = ct.Register(solver.StopSearch);
        var status = solver.Solve(model.Cp);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // Every session may be left out, so the model is never infeasible; no solution means no time to find one.
            unplaced.AddRange(starts.Select(s => Unplaced(s.Session, s.Session.Candidates, $"no placement found in {options.TimeLimit.TotalSeconds:0} s ({status})")));
            return new ActivityPlacement(roster with { Activities = kept }, [], unplaced, [], 0, 0, false, clock.Elapsed);
        }

        var placed = new List<PlacedActivity>();
        foreach (var (session, choice) in model.Sessions)
        {
            var chosen = choice.Starts.FirstOrDefault(c => solver.BooleanValue(c.Chosen));
            if (chosen.Chosen is null)
            {
                unplaced.Add(Unplaced(session, session.Candidates, "every allowed time clashes with other activities of the same agents or coach"));
                continue;
            }

            var attendees = chosen.Attend.Where(a => solver.BooleanValue(a.Var)).Select(a => a.Agent.Id).ToList();
            var grid = scenario.Grid;
            placed.Add(new PlacedActivity(session.Request.Id, session.Request.Kind, session.Request.Name, attendees, session.Coach?.Id,
                grid.Intervals[chosen.Start].Start, grid.Intervals[chosen.Start + session.Intervals - 1].End));
        }

        var result = roster with { Activities = [.. kept, .. placed.OrderBy(p => p.Start)] };
        var after = RosterValidator.Validate(scenario, result);
        var modelCost = checked((long)Math.Round(solver.ObjectiveValue) - (model.UnplacedPenalty * (unplaced.Count - (sessions.Count - starts.Count))) + model.Constant);
        return new ActivityPlacement(result, placed, unplaced, [], CoverageCost(after) - CoverageCost(before), modelCost, status == CpSolverStatus.Optimal, clock.Elapsed);
    }

    /// <summary>The validator's coverage costs: the terms an activity can change.</summary>
    public static long CoverageCost(ValidationReport report) => report.Costs
        .Where(c => c.Rule is RuleNames.UnderCoverage or RuleNames.OverCoverage or RuleNames.IdleStaffing).Sum(c => c.Cost);

    private static UnplacedActivity Unplaced(ActivitySession s, IReadOnlyList<RosterAgent> agents, string reason) =>
        new(s.Request.Id, s.Request.Name, [.. agents.Select(a => a.Id)], s.Dates, reason);

    /// <summary>Each interval a session may start at (inside an allowed date's window, the coach and enough attendees
    /// on duty in one shift for its whole length), with the attendees free then.</summary>
    private static List<(int Start, List<RosterAgent> Free)> Starts(RosterScenario scenario, OnDutyMap map, ActivitySession session)
    {
        var found = new List<(int, List<RosterAgent>)>();
        var grid = scenario.Grid;
        foreach (var t in WindowStarts(scenario, session))
        {
            if (session.Coach is { } coach && !map.FreeFor(coach.Id, t, session.Intervals))
            {
                continue;
            }

            var free = session.Candidates.Where(a => map.FreeFor(a.Id, t, session.Intervals)).ToList();
            if (free.Count >= session.Needed)
            {
                found.Add((t, free));
            }
        }

        return found;
    }

    /// <summary>The interval starts whose session lies inside the local window of an allowed date.</summary>
    internal static IEnumerable<int> WindowStarts(RosterScenario scenario, ActivitySession session)
    {
        var grid = scenario.Grid;
        var r = session.Request;
        for (var t = 0; t + session.Intervals <= grid.Count; t++)
        {
            var first = grid.Intervals[t];
            if (!session.Dates.Contains(first.Date) || first.LocalStart < r.WindowStart)
            {
                continue;
            }

            var end = grid.Intervals[t + session.Intervals - 1].End.InZone(scenario.Zone).LocalDateTime;
            if (end <= first.Date.At(r.WindowEnd))
            {
                yield return t;
            }
        }
    }
}
