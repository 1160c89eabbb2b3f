using Microsoft.EntityFrameworkCore;

namespace Scheduler.Data;

public static class SchedulerDatabase
{
    /// <summary>Creates the database if needed and applies every pending migration.</summary>
    public static async Task MigrateAsync(this IDbContextFactory<SchedulerDbContext> contextFactory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
