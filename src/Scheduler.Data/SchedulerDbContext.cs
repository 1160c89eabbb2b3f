using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Conversions;
using Scheduler.Data.Entities;

namespace Scheduler.Data;

/// <summary>
/// The Scheduler database. Create it through <see cref="IDbContextFactory{TContext}"/>, one context per unit of work.
/// Sign-in users and roles (ASP.NET Core Identity) live in the same database as the plans they act on, and so do the
/// data-protection keys that sign their cookies: a restart, or a second app server, reads the same keys.
/// </summary>
public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : IdentityDbContext<SchedulerUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SetPasswordLinkEntity> SetPasswordLinks => Set<SetPasswordLinkEntity>();

    /// <summary>Append-only: <see cref="SaveChanges(bool)"/> refuses to update or delete a row (and the database's triggers too).</summary>
    public DbSet<Audit.AuditEntryEntity> AuditEntries => Set<Audit.AuditEntryEntity>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAuditLog();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAuditLog();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void GuardAuditLog()
    {
        if (ChangeTracker.Entries<Audit.AuditEntryEntity>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: an entry is never changed or removed.");
        }
    }

    public DbSet<SiteEntity> Sites => Set<SiteEntity>();

    public DbSet<QueueEntity> Queues => Set<QueueEntity>();

    /// <summary>Each site's holiday calendar as last saved (one row per site).</summary>
    public DbSet<HolidayCalendarEntity> HolidayCalendars => Set<HolidayCalendarEntity>();

    public DbSet<HistoryImportEntity> HistoryImports => Set<HistoryImportEntity>();

    public DbSet<IntervalObservationEntity> IntervalObservations => Set<IntervalObservationEntity>();

    /// <summary>Intervals a later import replaced, kept so a roll-back restores them.</summary>
    public DbSet<ReplacedObservationEntity> ReplacedObservations => Set<ReplacedObservationEntity>();

    public DbSet<AgentEntity> Agents => Set<AgentEntity>();

    public DbSet<RosterEntity> Rosters => Set<RosterEntity>();

    public DbSet<RosterShiftEntity> RosterShifts => Set<RosterShiftEntity>();

    public DbSet<RosterActivityEntity> RosterActivities => Set<RosterActivityEntity>();

    /// <summary>Each site's standing requests for training, coaching and meetings.</summary>
    public DbSet<ActivityRequestEntity> ActivityRequests => Set<ActivityRequestEntity>();

    public DbSet<ShiftRequestEntity> ShiftRequests => Set<ShiftRequestEntity>();

    /// <summary>Overtime and voluntary-time-off offers sent to agents, with their answers.</summary>
    public DbSet<OvertimeOfferEntity> OvertimeOffers => Set<OvertimeOfferEntity>();

    /// <summary>Roster solves asked for, queued, running or ended (Quartz.NET runs them).</summary>
    public DbSet<SolveJobEntity> SolveJobs => Set<SolveJobEntity>();

    /// <summary>Agents marked absent (sick) by a supervisor, each with the re-solve it asked for.</summary>
    public DbSet<SickCallEntity> SickCalls => Set<SickCallEntity>();

    /// <summary>Rosters checked by simulation: queued, running or ended, with their results (Quartz.NET runs them).</summary>
    public DbSet<SimulationRunEntity> SimulationRuns => Set<SimulationRunEntity>();

    /// <summary>Hiring suggestions for roster versions: queued, running or ended, with their results (Quartz.NET runs them).</summary>
    public DbSet<StaffingGapRunEntity> StaffingGapRuns => Set<StaffingGapRunEntity>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Instant>().HaveConversion<InstantToUnixMillisecondsConverter>();
        configurationBuilder.Properties<Duration>().HaveConversion<DurationToMillisecondsConverter>();
        configurationBuilder.Properties<DateTimeZone>().HaveConversion<DateTimeZoneToIdConverter>();
        configurationBuilder.Properties<LocalDate>().HaveConversion<LocalDateToIsoConverter>().HaveMaxLength(10);
        configurationBuilder.Properties<LocalTime>().HaveConversion<LocalTimeToIsoConverter>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SchedulerDbContext).Assembly);
    }
}
