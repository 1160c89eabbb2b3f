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
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddDbContextFactory<SchedulerDbContext>(options => options.UseSqlite(connectionString));
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<HistoryStore>();
        services.TryAddSingleton<Planning.RosterStore>();
        return services;
    }
}
