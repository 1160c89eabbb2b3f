using NodaTime;

namespace Scheduler.Domain.Rostering;

public enum ShiftChangeKind
{
    Added,
    Removed,
    Moved,
}

/// <summary>One agent's day that differs between two rosters: a shift added, removed, or moved (another start, length, template or breaks).</summary>
public sealed record ShiftChange(string AgentId, LocalDate Date, ShiftChangeKind Kind, ShiftAssignment? Before, ShiftAssignment? After)
{
    public string Describe() => Kind switch
    {
        ShiftChangeKind.Added => $"{AgentId} {Date:ddd d MMM}: + {Label(After!)}",
        ShiftChangeKind.Removed => $"{AgentId} {Date:ddd d MMM}: - {Label(Before!)}",
        _ => $"{AgentId} {Date:ddd d MMM}: {Label(Before!)} → {Label(After!)}",
    };

    private static string Label(ShiftAssignment s) => $"{s.Start:HH:mm}+{s.Length.TotalHours:0.##}h";
}

/// <summary>
/// The difference between two rosters of one horizon, per agent and site-local day (one shift a day is a hard rule, so
/// the day is the shift's identity). The roster history shows it, and a rebase re-applies a draft's own changes with it.
/// </summary>
public sealed record RosterDiff(IReadOnlyList<ShiftChange> Changes)
{
    public int Added => Changes.Count(c => c.Kind == ShiftChangeKind.Added);

    public int Removed => Changes.Count(c => c.Kind == ShiftChangeKind.Removed);

    public int Moved => Changes.Count(c => c.Kind == ShiftChangeKind.Moved);

    public string Summary => Changes.Count == 0 ? "no shift changed" : $"{Added} added, {Removed} removed, {Moved} moved";

    public static RosterDiff Between(Roster before, Roster after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = Index(before);
        var now = Index(after);
        var changes = new List<ShiftChange>();
        foreach (var key in old.Keys.Union(now.Keys).OrderBy(k => k.AgentId, StringComparer.Ordinal).ThenBy(k => k.Date))
        {
            old.TryGetValue(key, out var a);
            now.TryGetValue(key, out var b);
            if (a is null)
            {
                changes.Add(new ShiftChange(key.AgentId, key.Date, ShiftChangeKind.Added, null, b));
            }
            else if (b is null)
            {
                changes.Add(new ShiftChange(key.AgentId, key.Date, ShiftChangeKind.Removed, a, null));
            }
            else if (!Same(a, b))
            {
                changes.Add(new ShiftChange(key.AgentId, key.Date, ShiftChangeKind.Moved, a, b));
            }
        }

        return new RosterDiff(changes);
    }

    /// <summary>
    /// This diff (a draft's changes against its base) applied to <paramref name="latest"/>: each changed agent-day takes
    /// the draft's shift (or none), except where <paramref name="theirs"/> (latest against the same base) changed that
    /// agent-day too; there the latest version's shift stays, because it was agreed after the draft began.
    /// </summary>
    public (Roster Result, int Applied, IReadOnlyList<ShiftChange> Kept) ApplyTo(Roster latest, RosterDiff theirs)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(theirs);
        var taken = theirs.Changes.Select(c => (c.AgentId, c.Date)).ToHashSet();
        var shifts = Index(latest);
        var applied = 0;
        var kept = new List<ShiftChange>();
        foreach (var change in Changes)
        {
            var key = (change.AgentId, change.Date);
            if (taken.Contains(key))
            {
                kept.Add(change);
                continue;
            }

            if (change.After is null)
            {
                shifts.Remove(key);
            }
            else
            {
                shifts[key] = change.After;
            }

            applied++;
        }

        return (new Roster([.. shifts.Values.OrderBy(s => s.Date).ThenBy(s => s.AgentId, StringComparer.Ordinal)]), applied, kept);
    }

    private static Dictionary<(string AgentId, LocalDate Date), ShiftAssignment> Index(Roster roster)
    {
        var index = new Dictionary<(string, LocalDate), ShiftAssignment>();
        foreach (var s in roster.Shifts)
        {
            index[(s.AgentId, s.Date)] = s;
        }

        return index;
    }

    private static bool Same(ShiftAssignment a, ShiftAssignment b) =>
        a.Start == b.Start && a.Length == b.Length && a.TemplateId == b.TemplateId && a.Breaks.SequenceEqual(b.Breaks);
}
