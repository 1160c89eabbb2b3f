using NodaTime;

namespace Scheduler.Domain.Rostering.Activities;

/// <summary>
/// The checks a set of activity requests must pass before anything is placed or stored: each problem names the
/// request, the field and the reason. Nothing is placed while one remains.
/// </summary>
public static class ActivityRequestCheck
{
    /// <summary>Sessions longer than this belong in a shift template of their own (a training day), not inside a shift.</summary>
    public static readonly Duration LongestSession = Duration.FromHours(8);

    public static IReadOnlyList<ActivityRequestProblem> Problems(IReadOnlyList<ActivityRequest> requests, IReadOnlyList<RosterAgent> agents, Duration intervalLength)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(agents);
        var problems = new List<ActivityRequestProblem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var known = agents.ToDictionary(a => a.Id);
        foreach (var r in requests)
        {
            var id = string.IsNullOrWhiteSpace(r.Id) ? "(no id)" : r.Id;
            void Fail(string field, string reason) => problems.Add(new ActivityRequestProblem(id, field, reason));

            if (string.IsNullOrWhiteSpace(r.Id)) Fail("id", "is required");
            else if (!ids.Add(r.Id)) Fail("id", "is used by another activity request");
            if (string.IsNullOrWhiteSpace(r.Name)) Fail("name", "is required");
            if (r.Length <= Duration.Zero) Fail("length", "must be more than 0 minutes");
            else if (r.Length > LongestSession) Fail("length", $"must be at most {LongestSession.TotalHours:0} hours");
            else if (r.Length.BclCompatibleTicks % intervalLength.BclCompatibleTicks != 0) Fail("length", $"must be a whole number of {intervalLength.TotalMinutes:0}-minute intervals");
            if (r.To < r.From) Fail("to", $"{r.To:yyyy-MM-dd} is before the first allowed date {r.From:yyyy-MM-dd}");
            if (r.WindowEnd <= r.WindowStart) Fail("windowEnd", $"{r.WindowEnd:HH:mm} must be after the window's start {r.WindowStart:HH:mm} on the same day");
            else if (Period.Between(r.WindowStart, r.WindowEnd).ToDuration() < r.Length) Fail("windowEnd", $"the window {r.WindowStart:HH:mm}-{r.WindowEnd:HH:mm} is shorter than the session ({r.Length.TotalMinutes:0} min)");

            var who = r.Who;
            if (who.Skill is null == (who.AgentIds.Count == 0))
            {
                Fail("who", "name the agents or a skill, not both and not neither");
            }
            else
            {
                foreach (var agentId in who.AgentIds.Where(a => !known.ContainsKey(a)).Distinct())
                {
                    Fail("who", $"agent '{agentId}' is not on the site");
                }

                foreach (var twice in who.AgentIds.GroupBy(a => a).Where(g => g.Count() > 1))
                {
                    Fail("who", $"agent '{twice.Key}' is named twice");
                }

                var size = who.Skill is null ? who.AgentIds.Distinct().Count(known.ContainsKey) : agents.Count(a => a.Skills.Contains(who.Skill));
                if (who.Skill is not null && size == 0) Fail("who", $"no agent has the skill '{who.Skill}'");
                if (who.Count is { } n && (n < 1 || n > size)) Fail("count", $"{n} must be between 1 and the group's {size} agents");
            }

            if (r.CoachId is { } coach)
            {
                if (!known.ContainsKey(coach)) Fail("coach", $"'{coach}' is not on the site");
                else if (who.AgentIds.Contains(coach)) Fail("coach", $"'{coach}' cannot coach their own session");
            }
        }

        problems.AddRange(OverlappingRecurrences(requests, agents));
        return problems;
    }

    /// <summary>
    /// Two recurring requests of the same kind and name that share an agent and a date ask for the same sessions
    /// twice ("30 min coaching a week" entered twice would give 60): refused, naming the second request.
    /// </summary>
    private static IEnumerable<ActivityRequestProblem> OverlappingRecurrences(IReadOnlyList<ActivityRequest> requests, IReadOnlyList<RosterAgent> agents)
    {
        var recurring = requests.Where(r => r.Recurrence != ActivityRecurrence.Once && r.To >= r.From).ToList();
        for (var i = 0; i < recurring.Count; i++)
        {
            for (var j = i + 1; j < recurring.Count; j++)
            {
                var (a, b) = (recurring[i], recurring[j]);
                if (a.Kind != b.Kind || !string.Equals(a.Name.Trim(), b.Name.Trim(), StringComparison.OrdinalIgnoreCase) || b.From > a.To || a.From > b.To)
                {
                    continue;
                }

                var shared = Members(a, agents).Intersect(Members(b, agents)).FirstOrDefault();
                if (shared is not null)
                {
                    var from = a.From > b.From ? a.From : b.From;
                    yield return new ActivityRequestProblem(b.Id, "recurrence", $"overlaps '{a.Id}': both repeat '{b.Name}' for {shared} from {from:yyyy-MM-dd}; one recurrence per agent and activity");
                }
            }
        }
    }

    private static IEnumerable<string> Members(ActivityRequest r, IReadOnlyList<RosterAgent> agents) =>
        r.Who.Skill is null ? r.Who.AgentIds : agents.Where(x => x.Skills.Contains(r.Who.Skill)).Select(x => x.Id);
}
