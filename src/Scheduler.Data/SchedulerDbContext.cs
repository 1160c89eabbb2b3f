using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Conversions;
using Scheduler.Data.Entities;

namespace Scheduler.Data;

/// <summary>
/// The Scheduler database. Create it through <see cref="IDbContextFactory{TContext}"/>, one context per unit of work.
/// </summary>
public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<SiteEntity> Sites => Set<SiteEntity>();

    public DbSet<QueueEntity> Queues => Set<QueueEntity>();

    public DbSet<HistoryImportEntity> HistoryImports => Set<HistoryImportEntity>();

    public DbSet<IntervalObservationEntity> IntervalObservations => Set<IntervalObservationEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantToUnixMillisecondsConverter>();
        configurationBuilder.Properties<Duration>().HaveConversion<DurationToMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeZone>().HaveConversion<DateTimeZoneToIdConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulerDbContext).Assembly);
}
