using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Scheduler.Data.Postgres;

/// <summary>The same Scheduler model on PostgreSQL, when a centre outgrows one machine.</summary>
public static class PostgresServiceCollectionExtensions
{
    /// <summary>Configures a context on PostgreSQL with this assembly's migrations.</summary>
    public static DbContextOptionsBuilder UsePostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(PostgresServiceCollectionExtensions).Assembly.GetName().Name));

    /// <summary>Registers the Scheduler data services (<see cref="DataServiceCollectionExtensions.AddSchedulerData(IServiceCollection, Action{DbContextOptionsBuilder})"/>) on PostgreSQL.</summary>
    public static IServiceCollection AddSchedulerPostgres(this IServiceCollection services, string connectionString) =>
        services.AddSchedulerData(options => options.UsePostgres(connectionString));
}

/// <summary>Lets <c>dotnet ef</c> generate the PostgreSQL migrations without a server.</summary>
internal sealed class PostgresDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SchedulerDbContext>
{
    public SchedulerDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SchedulerDbContext>();
        options.UsePostgres("Host=localhost;Database=scheduler_design");
        return new SchedulerDbContext(options.Options);
    }
}
