using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Solver.Activities;

/// <summary>
/// One session to place: a request's occurrence for its attendees (all of <see cref="Candidates"/>, or
/// <see cref="Needed"/> of them), with its coach. A "together" request is one session for the whole group; otherwise
/// each agent has a session of their own (or, for "N of a group", N sessions of one agent each, no agent twice).
/// </summary>
internal sealed record ActivitySession(ActivityRequest Request, int Occurrence, IReadOnlyList<LocalDate> Dates, IReadOnlyList<RosterAgent> Candidates, int Needed, RosterAgent? Coach, int Intervals, string? OncePerAgentKey)
{
    public bool EveryoneAttends => Needed == Candidates.Count;

    /// <summary>The session's people when everyone attends; otherwise the placement chooses <see cref="Needed"/>.</summary>
    public string Label => Candidates.Count == 1 ? Candidates[0].Name : $"{Needed} of {Candidates.Count} agents";

    public static IReadOnlyList<ActivitySession> Expand(RosterScenario scenario, IReadOnlyList<ActivityRequest> requests)
    {
        var sessions = new List<ActivitySession>();
        foreach (var r in requests)
        {
            var group = r.Who.Group(scenario);
            var coach = r.CoachId is null ? null : scenario.Agents.FirstOrDefault(a => a.Id == r.CoachId);
            var intervals = checked((int)(r.Length / scenario.IntervalLength));
            var occurrences = r.Occurrences();
            for (var o = 0; o < occurrences.Count; o++)
            {
                var dates = occurrences[o].Where(d => d >= scenario.FirstDate && d <= scenario.LastDate).ToList();
                if (dates.Count == 0)
                {
                    continue; // an occurrence outside the horizon belongs to another week's roster
                }

                var needed = r.Who.Count ?? group.Count;
                if (r.Together)
                {
                    sessions.Add(new ActivitySession(r, o, dates, group, needed, coach, intervals, null));
                }
                else if (r.Who.Count is null)
                {
                    sessions.AddRange(group.Select(a => new ActivitySession(r, o, dates, [a], 1, coach, intervals, null)));
                }
                else
                {
                    var key = $"{r.Id}#{o}";
                    sessions.AddRange(Enumerable.Range(0, needed).Select(_ => new ActivitySession(r, o, dates, group, 1, coach, intervals, key)));
                }
            }
        }

        return sessions;
    }
}
