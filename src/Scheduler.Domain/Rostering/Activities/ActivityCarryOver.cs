namespace Scheduler.Domain.Rostering.Activities;

/// <summary>
/// Keeps the activities of an earlier version that still fit a changed roster: a swap, time off, an accepted overtime
/// offer, a rebase or a sick call's re-solve changes some shifts and leaves the training, coaching and meetings placed
/// in the others where they were. An activity stays when every person in it still has a shift holding it, off that
/// shift's breaks, and it overlaps no activity of theirs already kept; the others are dropped (placing them again is
/// the roster page's "Place activities").
/// </summary>
public static class ActivityCarryOver
{
    /// <summary><paramref name="changed"/> with those of <paramref name="previous"/> that still fit it, in their order.</summary>
    public static Roster Keep(RosterScenario scenario, Roster changed, IEnumerable<PlacedActivity> previous)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(previous);
        var catalog = new ShiftCatalog(scenario);
        var spans = new Dictionary<string, List<(NodaTime.Instant Start, NodaTime.Instant End, IReadOnlyList<BreakAssignment> Breaks)>>(StringComparer.Ordinal);
        foreach (var s in changed.Shifts)
        {
            if (catalog.Find(s) is not { } option)
            {
                continue;
            }

            if (!spans.TryGetValue(s.AgentId, out var list))
            {
                spans[s.AgentId] = list = [];
            }

            list.Add((option.StartInstant, option.EndInstant, s.Breaks));
        }

        var kept = new List<PlacedActivity>();
        foreach (var a in previous)
        {
            var fits = a.People.All(p =>
                spans.TryGetValue(p, out var shifts)
                && shifts.Any(s => s.Start <= a.Start && a.End <= s.End && !s.Breaks.Any(b => a.Overlaps(b.Start, b.End)))
                && !kept.Any(k => k.Involves(p) && k.Overlaps(a.Start, a.End)));
            if (fits)
            {
                kept.Add(a);
            }
        }

        return changed with { Activities = kept };
    }
}
