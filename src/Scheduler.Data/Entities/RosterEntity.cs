using NodaTime;

namespace Scheduler.Data.Entities;

public enum RosterStatus
{
    /// <summary>Being worked on: solved, edited by hand, not yet seen by agents.</summary>
    Draft,

    /// <summary>Frozen: agents see it. It never changes; an edit makes the next version.</summary>
    Published,
}

/// <summary>
/// A row of the Rosters table: one version of a site's roster for a horizon, the scenario it was planned for (as the
/// scenario JSON of docs/formats/scenario.md, so the validator can judge any edit later exactly as the solver saw
/// it), and its shifts.
/// </summary>
public sealed class RosterEntity
{
    public long Id { get; set; }

    public required string SiteId { get; set; }

    public LocalDate FirstDate { get; set; }

    public int Days { get; set; }

    /// <summary>1, 2, ... per (site, first date).</summary>
    public int Number { get; set; }

    public RosterStatus Status { get; set; }

    public required string ScenarioJson { get; set; }

    /// <summary>Penalty of the roster as the validator totals it.</summary>
    public long Cost { get; set; }

    /// <summary>The solver's proved lower bound, when it came from a solve.</summary>
    public long? Bound { get; set; }

    public Instant CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public Instant? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    /// <summary>
    /// The published version this one starts from: the one it edits, or for a solve the latest published version when
    /// the solve began (null when none was). Publishing is refused while a newer version has been published since.
    /// </summary>
    public long? BasedOnId { get; set; }

    /// <summary>Why this version exists, for the roster's history: "solve", "hand edit", "approved request 12", "rebased on v4".</summary>
    public string? Reason { get; set; }

    /// <summary>Changed on every save; a second supervisor saving an older copy gets a conflict, never an overwrite.</summary>
    public Guid Version { get; set; }

    public List<RosterShiftEntity> Shifts { get; set; } = [];

    /// <summary>Training, coaching and meetings placed in this version (none until placed).</summary>
    public List<RosterActivityEntity> Activities { get; set; } = [];
}

/// <summary>A row of the RosterShifts table: one agent's shift on one date, in local terms and as instants.</summary>
public sealed class RosterShiftEntity
{
    public long Id { get; set; }

    public long RosterId { get; set; }

    public required string AgentId { get; set; }

    /// <summary>The site-local date the shift starts on.</summary>
    public LocalDate Date { get; set; }

    public required string TemplateId { get; set; }

    public LocalTime LocalStart { get; set; }

    /// <summary>Length on the local clock (a 22:00-06:00 night is 8 h here even when it lasts 7 or 9 elapsed hours).</summary>
    public Duration Length { get; set; }

    public Instant Start { get; set; }

    public Instant End { get; set; }

    /// <summary>Paid time of the shift worked as overtime (from an accepted offer); zero for a contracted shift.</summary>
    public Duration Overtime { get; set; }

    /// <summary>Breaks as "name|startUnixMs|endUnixMs|paid" entries.</summary>
    public List<string> Breaks { get; set; } = [];
}
