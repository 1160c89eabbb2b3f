using NodaTime;

namespace Scheduler.Data.Entities;

public enum SolveJobStatus
{
    /// <summary>Waiting for a free solver slot (its Quartz trigger is in the job store).</summary>
    Queued,

    /// <summary>Planning or solving on <see cref="SolveJobEntity.Instance"/>.</summary>
    Running,

    /// <summary>Ended with a roster saved as a draft (<see cref="SolveJobEntity.RosterId"/>), or with no roster and why.</summary>
    Done,

    /// <summary>Ended with an error (<see cref="SolveJobEntity.Message"/>): no forecast, no agents, a rule conflict.</summary>
    Failed,

    /// <summary>Stopped on someone's word; the best roster found before, if any, is saved.</summary>
    Cancelled,
}

/// <summary>
/// A row of the SolveJobs table: one roster solve asked for by a supervisor, with its options, its state and its
/// progress. Quartz.NET runs it (its own tables, QRTZ_*, sit in the same database); this row is what every app
/// instance reads to show the job, and what a resumed run starts from (<see cref="CheckpointJson"/>).
/// </summary>
public sealed class SolveJobEntity
{
    public Guid Id { get; set; }

    public required string SiteId { get; set; }

    public LocalDate FirstDate { get; set; }

    public int Days { get; set; }

    public required string RequestedBy { get; set; }

    public Instant RequestedAt { get; set; }

    public int TimeLimitSeconds { get; set; }

    public int Workers { get; set; }

    public int Seed { get; set; }

    public SolveJobStatus Status { get; set; }

    /// <summary>
    /// "site|first date" while the job is queued or running, null once it has ended: a unique index on it allows one
    /// active solve per site and week across every instance.
    /// </summary>
    public string? ActiveKey { get; set; }

    /// <summary>The Quartz instance id running it (or that last ran it).</summary>
    public string? Instance { get; set; }

    /// <summary>How many times a run began: above 1 when a run was resumed after a restart or a crash.</summary>
    public int Attempts { get; set; }

    public Instant? StartedAt { get; set; }

    public Instant? FinishedAt { get; set; }

    /// <summary>Last sign of life from the running instance.</summary>
    public Instant? HeartbeatAt { get; set; }

    public long? BestObjective { get; set; }

    public long? Bound { get; set; }

    public double? Gap { get; set; }

    /// <summary>Seconds solved, over every attempt.</summary>
    public double ElapsedSeconds { get; set; }

    public int Solutions { get; set; }

    /// <summary>The best roster so far (roster JSON, docs/formats/roster.md): a resumed run starts from it.</summary>
    public string? CheckpointJson { get; set; }

    public long? CheckpointObjective { get; set; }

    /// <summary>The latest published version when the job was asked for; its draft remembers it.</summary>
    public long? BasedOnId { get; set; }

    public bool CancelRequested { get; set; }

    public string? CancelledBy { get; set; }

    /// <summary>The draft the job saved.</summary>
    public long? RosterId { get; set; }

    public string? Message { get; set; }
}
