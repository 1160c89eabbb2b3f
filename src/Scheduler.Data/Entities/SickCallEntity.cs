using NodaTime;

namespace Scheduler.Data.Entities;

/// <summary>
/// A row of the SickCalls table: an agent absent from <see cref="From"/> until <see cref="Until"/> (exclusive), entered
/// by a supervisor, and the re-solve it asked for: the published version it starts from and the solve job that plans
/// the rest of the horizon around it (its draft is the job's <see cref="SolveJobEntity.RosterId"/>).
/// </summary>
public sealed class SickCallEntity
{
    public long Id { get; set; }

    public required string SiteId { get; set; }

    public required string AgentId { get; set; }

    public Instant From { get; set; }

    public Instant Until { get; set; }

    /// <summary>The site's zone when it was entered: the local times the supervisor typed are read in it.</summary>
    public required string ZoneId { get; set; }

    /// <summary>The horizon's first date (the roster the absence falls in).</summary>
    public LocalDate RosterFirstDate { get; set; }

    /// <summary>The published version re-solved: its shifts are the baseline, its scenario the starting point.</summary>
    public long BaseRosterId { get; set; }

    public Guid SolveJobId { get; set; }

    public required string EnteredBy { get; set; }

    /// <summary>When it was entered: every shift begun by then (or by <see cref="From"/>, the later) is kept.</summary>
    public Instant EnteredAt { get; set; }
}
