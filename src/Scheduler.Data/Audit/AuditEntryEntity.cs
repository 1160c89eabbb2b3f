using NodaTime;

namespace Scheduler.Data.Audit;

/// <summary>
/// One row of the append-only audit log: who changed what, when, and what it was before, in short form. Rows are only
/// ever added, in the same transaction as the change they record; the context refuses to update or delete one, and so
/// do database triggers (SQLite and PostgreSQL).
/// </summary>
public sealed class AuditEntryEntity
{
    public long Id { get; set; }

    public Instant At { get; set; }

    /// <summary>The user name of the person, or "rule: ..." for an automatic rule, "system" for start-up work.</summary>
    public required string Actor { get; set; }

    /// <summary>What was done, as "area.verb": "account.create", "agent.edit", "roster.publish", "request.approve".</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to: "user tanvir", "agent a003", "roster 2026-12-06 v3", "queue voice-bn".</summary>
    public required string Subject { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}
