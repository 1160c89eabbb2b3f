using NodaTime;

namespace Scheduler.Data.Audit;

/// <summary>Writes audit rows into the context of the change they record, so both are saved, or neither.</summary>
public static class AuditLog
{
    public const int ShortLength = 2000;

    /// <summary>Adds one entry to <paramref name="db"/>; it is stored by the caller's next SaveChanges.</summary>
    public static void Audit(this SchedulerDbContext db, Instant at, string actor, string action, string subject, string? before = null, string? after = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEntries.Add(new AuditEntryEntity
        {
            At = at,
            Actor = Clip(actor, StorageLimits.NameLength),
            Action = Clip(action, 64),
            Subject = Clip(subject, StorageLimits.NameLength),
            Before = before is null ? null : Clip(before, ShortLength),
            After = after is null ? null : Clip(after, ShortLength),
        });
    }

    /// <summary>"field: old → new" for each field that differs; null when nothing did.</summary>
    public static (string? Before, string? After) Changes(params (string Field, string? Before, string? After)[] fields)
    {
        var changed = fields.Where(f => !string.Equals(f.Before, f.After, StringComparison.Ordinal)).ToList();
        return changed.Count == 0
            ? (null, null)
            : (string.Join("; ", changed.Select(f => $"{f.Field}: {f.Before ?? "-"}")), string.Join("; ", changed.Select(f => $"{f.Field}: {f.After ?? "-"}")));
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
