using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Scheduler.Data.History;

namespace Scheduler.Data;

public static class DataServiceCollectionExtensions
{
    public const string DefaultConnectionString = "Data Source=scheduler.db";

    /// <summary>
    /// Registers <see cref="IDbContextFactory{SchedulerDbContext}"/> on SQLite, the system <see cref="IClock"/>
    /// (unless one is already registered) <see cref="HistoryStore"/> and <see cref="Planning.RosterStore"/>.
    /// </summary>
    public static IServiceCollection AddSchedulerData(this IServiceCollection services, string connectionString = DefaultConnectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return services.AddSchedulerData(options => options.UseSqlite(connectionString));
    }

    /// <summary>As above, on the provider <paramref name="configure"/> sets (Scheduler.Data.Postgres for PostgreSQL).</summary>
    public static IServiceCollection AddSchedulerData(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddDbContextFactory<SchedulerDbContext>(configure);
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<HistoryStore>();
        services.TryAddSingleton<Planning.RosterStore>();
        services.TryAddSingleton<Planning.SolveJobStore>();
        services.TryAddSingleton<Planning.SimulationRunStore>();
        services.TryAddSingleton<Planning.StaffingGapRunStore>();
        services.TryAddSingleton<Planning.ActivityRequestStore>();
        services.TryAddSingleton<Planning.SickCallStore>();
        return services;
    }
}
