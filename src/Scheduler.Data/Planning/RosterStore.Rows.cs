using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Data.Planning;

/// <summary>A roster's shifts and activities as table rows and back (instants and local terms side by side).</summary>
public sealed partial class RosterStore
{
    private static IEnumerable<RosterShiftEntity> Rows(RosterScenario scenario, Roster roster)
    {
        foreach (var s in roster.Shifts)
        {
            var start = s.Date.At(s.Start).InZoneLeniently(scenario.Zone).ToInstant();
            var end = s.Date.At(s.Start).PlusMinutes((long)s.Length.TotalMinutes).InZoneLeniently(scenario.Zone).ToInstant();
            yield return new RosterShiftEntity
            {
                AgentId = s.AgentId,
                Date = s.Date,
                TemplateId = s.TemplateId,
                LocalStart = s.Start,
                Length = s.Length,
                Start = start,
                End = end,
                Overtime = s.Overtime,
                Breaks = [.. s.Breaks.Select(b => $"{b.Name}|{b.Start.ToUnixTimeMilliseconds()}|{b.End.ToUnixTimeMilliseconds()}|{(b.Paid ? "paid" : "unpaid")}")],
            };
        }
    }

    /// <summary>The placed activities of a version's rows, by start.</summary>
    public static IReadOnlyList<PlacedActivity> ToActivities(IEnumerable<RosterActivityEntity> rows) =>
        [.. rows.OrderBy(a => a.Start).ThenBy(a => a.Id).Select(a => new PlacedActivity(a.RequestId, ActivityKindOf(a.Kind), a.Name, [.. a.AgentIds], a.CoachId, a.Start, a.End))];

    public static ActivityKind ActivityKindOf(string text) =>
        Enum.GetValues<ActivityKind>().First(k => RosterJson.KindText(k) == text);

    private static IEnumerable<RosterActivityEntity> ActivityRows(Roster roster) =>
        roster.Activities.Select(a => new RosterActivityEntity
        {
            RequestId = a.RequestId,
            Kind = RosterJson.KindText(a.Kind),
            Name = a.Name,
            AgentIds = [.. a.AgentIds],
            CoachId = a.CoachId,
            Start = a.Start,
            End = a.End,
        });

    /// <summary>For the audit entry: how many activities were added, removed or moved ("" when none changed).</summary>
    private static string ActivityChange(IReadOnlyList<PlacedActivity> before, IReadOnlyList<PlacedActivity> after)
    {
        static string Key(PlacedActivity a) => $"{a.RequestId}|{string.Join(',', a.AgentIds)}|{a.CoachId}|{a.Start}|{a.End}";
        var was = before.Select(Key).ToHashSet(StringComparer.Ordinal);
        var now = after.Select(Key).ToHashSet(StringComparer.Ordinal);
        var added = now.Count(k => !was.Contains(k));
        var removed = was.Count(k => !now.Contains(k));
        return added == 0 && removed == 0 ? string.Empty : $"; activities: {after.Count} ({added} placed or moved, {removed} removed or moved)";
    }

    public static BreakAssignment ParseBreak(string text)
    {
        var f = text.Split('|');
        return new BreakAssignment(f[0], Instant.FromUnixTimeMilliseconds(long.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)), Instant.FromUnixTimeMilliseconds(long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)), f[3] == "paid");
    }
}
