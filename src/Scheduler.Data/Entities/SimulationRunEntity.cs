using NodaTime;

namespace Scheduler.Data.Entities;

public enum SimulationRunStatus
{
    /// <summary>Waiting for a free slot of the job scheduler (its Quartz trigger is in the job store).</summary>
    Queued,

    /// <summary>Replications being played on <see cref="SimulationRunEntity.Instance"/>.</summary>
    Running,

    /// <summary>Ended with a result (<see cref="SimulationRunEntity.ResultJson"/>).</summary>
    Done,

    /// <summary>Ended without one: the reason is in <see cref="SimulationRunEntity.Message"/> (no forecast, no shifts...).</summary>
    Failed,
}

/// <summary>
/// A row of the SimulationRuns table: one "check by simulation" of one roster version, asked for by a supervisor or a
/// manager, played contact by contact as a Quartz.NET job. The row holds the request, its state and progress, and the
/// summary of the result as JSON, so any instance can show it and a later look at an older version still reads it.
/// </summary>
public sealed class SimulationRunEntity
{
    public Guid Id { get; set; }

    public required string SiteId { get; set; }

    public long RosterId { get; set; }

    /// <summary>The roster row's <see cref="RosterEntity.Version"/> when the run was asked for: a later save changes it.</summary>
    public Guid RosterVersion { get; set; }

    /// <summary>The roster's number (v1, v2...) and first date, kept for showing the run without joining.</summary>
    public int RosterNumber { get; set; }

    public LocalDate FirstDate { get; set; }

    public required string RequestedBy { get; set; }

    public Instant RequestedAt { get; set; }

    /// <summary>Replications asked for at most; the run stops earlier once the service level is known to ±0.5 point.</summary>
    public int Replications { get; set; }

    /// <summary>The seed of the random streams: the same seed on the same roster and forecast gives the same result.</summary>
    public long Seed { get; set; }

    public SimulationRunStatus Status { get; set; }

    /// <summary>Replications played so far.</summary>
    public int ReplicationsDone { get; set; }

    public string? Instance { get; set; }

    public int Attempts { get; set; }

    public Instant? StartedAt { get; set; }

    public Instant? FinishedAt { get; set; }

    /// <summary>The result's summary (per queue service level with its 95 % interval, ASA, abandonment, per hour...).</summary>
    public string? ResultJson { get; set; }

    public string? Message { get; set; }

    /// <summary>0: a check. 1-5: "improve by simulation", re-solving at most this many rounds; its result is an improvement summary.</summary>
    public int Rounds { get; set; }

    /// <summary>An improvement: the round it is in (0 while the roster itself is simulated).</summary>
    public int Round { get; set; }

    /// <summary>An improvement: "simulating" or "solving" while it runs.</summary>
    public string? Phase { get; set; }

    /// <summary>An improvement: each round's solve time limit, in seconds.</summary>
    public int TimeLimitSeconds { get; set; }

    /// <summary>An improvement: the draft its best round was saved as; null when the roster itself was best (or none yet).</summary>
    public long? DraftRosterId { get; set; }
}
