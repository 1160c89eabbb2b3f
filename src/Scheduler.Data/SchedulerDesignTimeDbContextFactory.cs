using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Scheduler.Data;

/// <summary>Lets <c>dotnet ef</c> build the context without a host: migrations are generated against SQLite.</summary>
internal sealed class SchedulerDesignTimeDbContextFactory : IDesignTimeDbContextFactory<SchedulerDbContext>
{
    public SchedulerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite(DataServiceCollectionExtensions.DefaultConnectionString).Options);
}
