using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scheduler.Data;

namespace Scheduler.Web.Features.Security;

/// <summary>
/// /health: the database answers a query on the migration history. A SQLite file that has gone is unhealthy even while
/// pooled connections still hold the deleted file open (they would answer from it).
/// </summary>
internal sealed class DatabaseHealthCheck(IDbContextFactory<SchedulerDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (db.Database.IsSqlite() && new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
                && !file.StartsWith(':') && !file.Contains("mode=memory", StringComparison.OrdinalIgnoreCase) && !File.Exists(file))
            {
                return HealthCheckResult.Unhealthy("The SQLite database file is missing.");
            }

            var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
            return applied.Any() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The database has no migrations applied.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}
