using Microsoft.EntityFrameworkCore;
using Scheduler.Data.Accounts;

namespace Scheduler.Data;

public static class SchedulerDatabase
{
    /// <summary>Creates the database if needed, applies every pending migration, then moves data an older version left behind.</summary>
    public static async Task MigrateAsync(this IDbContextFactory<SchedulerDbContext> contextFactory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        await HashLegacyCalendarTokensAsync(db, ct);
    }

    /// <summary>
    /// Calendar-feed secrets were kept in clear before; keep each feed URL working, but store only its hash from now on.
    /// SQLite has no SHA-256 in SQL, so this is code, run once (later runs find nothing to do).
    /// </summary>
    private static async Task HashLegacyCalendarTokensAsync(SchedulerDbContext db, CancellationToken ct)
    {
        var legacy = await db.Agents.Where(a => a.LegacyCalendarToken != null).ToListAsync(ct);
        foreach (var agent in legacy)
        {
            agent.CalendarTokenHash = Secrets.Hash(agent.LegacyCalendarToken!);
            agent.LegacyCalendarToken = null;
        }

        if (legacy.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }
}
