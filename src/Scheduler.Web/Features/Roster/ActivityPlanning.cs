using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;
using Scheduler.Solver.Activities;

namespace Scheduler.Web.Features.Roster;

/// <summary>What "Place activities" did: the version that holds them (null when nothing was saved) and the placement.</summary>
public sealed record ActivityPlanResult(RosterEntity? Saved, ActivityPlacement Placement);

/// <summary>A hand move of one activity, checked before it is saved: the roster after it and what it breaks.</summary>
public sealed record ActivityMovePreview(int Index, Domain.Rostering.Roster Edited, ValidationReport Report, long CostBefore)
{
    public bool CanSave => Report.IsValid;

    public long CostChange => Report.TotalCost - CostBefore;
}

/// <summary>
/// Training, coaching and meetings on a roster version: places the site's activity requests (the placement pass,
/// docs/decisions/013-activities.md) and saves the result as the draft or the next draft, like a hand edit; moves
/// one activity by hand, checked by the validator and refused whole with the rule's words.
/// </summary>
public sealed class ActivityPlanning(RosterStore store, ActivityRequestStore requests, ILogger<ActivityPlanning> logger)
{
    /// <summary>How long the placement may search: it proves its optimum in seconds on a centre's week.</summary>
    public static readonly TimeSpan PlacementTime = TimeSpan.FromSeconds(20);

    public async Task<ActivityPlanResult> PlaceAsync(StoredRoster stored, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var asked = await requests.ListAsync(stored.Entity.SiteId, ct);
        // The placement is a CP-SAT solve of a few seconds: off the caller's thread (a Blazor circuit).
        var placement = await Task.Run(() => ActivityPlacer.Place(stored.Scenario, stored.Roster, asked, new ActivityPlacementOptions { TimeLimit = PlacementTime }, ct), ct);
        if (placement.Refused || asked.Count == 0 || (placement.Placed.Count == 0 && stored.Roster.Activities.Count == 0))
        {
            return new ActivityPlanResult(null, placement);
        }

        var reason = $"activities placed: {placement.Placed.Count}, {placement.Unplaced.Count} not placed, coverage cost {placement.AddedCost:+#,0;-#,0;0}";
        var saved = await store.SaveEditAsync(stored.Entity.Id, stored.Entity.Version, placement.Roster, by, "roster.activities", "activities placed", ct);
        logger.LogInformation("Placed {Placed} activities on roster {RosterId} ({Unplaced} not placed, optimal {Optimal}, {Seconds:0.0} s): {Reason}",
            placement.Placed.Count, saved.Id, placement.Unplaced.Count, placement.Optimal, placement.Elapsed.TotalSeconds, reason);
        return new ActivityPlanResult(saved, placement);
    }

    /// <summary>The roster with activity <paramref name="index"/> moved to start at <paramref name="date"/> <paramref name="start"/> (site time), judged.</summary>
    public static ActivityMovePreview PreviewMove(StoredRoster stored, int index, LocalDate date, LocalTime start, ValidationReport? before = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var activities = stored.Roster.Activities;
        if (index < 0 || index >= activities.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"This version has {activities.Count} activities.");
        }

        var a = activities[index];
        // Strictly: a start that does not exist (or exists twice) on the site's clock is refused, not guessed.
        var at = date.At(start).InZoneStrictly(stored.Scenario.Zone).ToInstant();
        var moved = a with { Start = at, End = at + (a.End - a.Start) };
        var edited = stored.Roster with { Activities = [.. activities.Select((x, i) => i == index ? moved : x)] };
        before ??= RosterValidator.Validate(stored.Scenario, stored.Roster);
        return new ActivityMovePreview(index, edited, RosterValidator.Validate(stored.Scenario, edited), before.TotalCost);
    }

    /// <summary>Saves a previewed move as the draft or the next draft; refused whole if it breaks a rule or someone saved first.</summary>
    public Task<RosterEntity> SaveMoveAsync(StoredRoster stored, ActivityMovePreview preview, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(preview);
        return store.SaveEditAsync(stored.Entity.Id, stored.Entity.Version, preview.Edited, by, "roster.activities", "activity moved", ct);
    }
}
