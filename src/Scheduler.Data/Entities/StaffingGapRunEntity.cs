using NodaTime;

namespace Scheduler.Data.Entities;

public enum StaffingGapRunStatus
{
    /// <summary>Waiting for a free slot of the job scheduler (its Quartz trigger is in the job store).</summary>
    Queued,

    /// <summary>Being solved on <see cref="StaffingGapRunEntity.Instance"/>.</summary>
    Running,

    /// <summary>Ended with a suggestion (<see cref="StaffingGapRunEntity.ResultJson"/>).</summary>
    Done,

    /// <summary>Ended without one: the reason is in <see cref="StaffingGapRunEntity.Error"/>.</summary>
    Failed,
}

/// <summary>
/// A row of the StaffingGapRuns table: one hiring suggestion ("staffing gap") for one roster version, asked for by a
/// supervisor and solved as a Quartz.NET job. The row holds the request, its state and the suggestion as JSON (the
/// format of docs/formats/hiring-json.md), so any instance shows it and it outlives a restart.
/// </summary>
public sealed class StaffingGapRunEntity
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

    /// <summary>How long the solver searches, in seconds.</summary>
    public int TimeLimitSeconds { get; set; }

    public StaffingGapRunStatus Status { get; set; }

    /// <summary>The scheduler instance running it (or that ran it last).</summary>
    public string? Instance { get; set; }

    public int Attempts { get; set; }

    public Instant? StartedAt { get; set; }

    public Instant? FinishedAt { get; set; }

    /// <summary>The run's own time once it has ended (a wait in the queue is not counted).</summary>
    public Duration? Elapsed { get; set; }

    /// <summary>The suggestion: hires grouped by profile, short agent-intervals and coverage before and after, what stays short and why.</summary>
    public string? ResultJson { get; set; }

    /// <summary>Why a failed run has no suggestion, in words.</summary>
    public string? Error { get; set; }
}
