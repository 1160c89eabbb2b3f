using NodaTime;

namespace Scheduler.Data.Entities;

/// <summary>A row of the RosterActivities table: training, coaching or a meeting placed in one roster version.</summary>
public sealed class RosterActivityEntity
{
    public long Id { get; set; }

    public long RosterId { get; set; }

    /// <summary>The activity request it was placed for (<see cref="ActivityRequestEntity.Key"/>).</summary>
    public required string RequestId { get; set; }

    /// <summary>training, coaching or meeting (as the roster file spells it).</summary>
    public required string Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>The attendees' agent ids, attending together.</summary>
    public List<string> AgentIds { get; set; } = [];

    public string? CoachId { get; set; }

    public Instant Start { get; set; }

    public Instant End { get; set; }
}

/// <summary>A row of the ActivityRequests table: one site's standing request for training, coaching or a meeting.</summary>
public sealed class ActivityRequestEntity
{
    public long Id { get; set; }

    public required string SiteId { get; set; }

    /// <summary>The request's id as rosters name it ("coaching"), unique per site.</summary>
    public required string Key { get; set; }

    public required string Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>Named attendees; empty when <see cref="Skill"/> names the group.</summary>
    public List<string> AgentIds { get; set; } = [];

    public string? Skill { get; set; }

    /// <summary>Only this many of the group, or null for all of them.</summary>
    public int? Count { get; set; }

    public Duration Length { get; set; }

    public LocalDate FromDate { get; set; }

    public LocalDate ToDate { get; set; }

    public LocalTime WindowStart { get; set; }

    public LocalTime WindowEnd { get; set; }

    /// <summary>once or weekly.</summary>
    public required string Recurrence { get; set; }

    public bool Together { get; set; }

    public string? CoachId { get; set; }

    public Instant UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
