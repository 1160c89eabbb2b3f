using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<AgentEntity>
{
    public void Configure(EntityTypeBuilder<AgentEntity> builder)
    {
        builder.ToTable("Agents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(StorageLimits.IdLength);
        builder.Property(a => a.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(a => a.Name).HasMaxLength(StorageLimits.NameLength);
        builder.Property(a => a.HomeZone).HasColumnName("HomeZoneId").HasMaxLength(StorageLimits.ZoneIdLength);
        builder.Property(a => a.MinPaidPerWeek).HasColumnName("MinPaidPerWeekMs");
        builder.Property(a => a.MaxPaidPerWeek).HasColumnName("MaxPaidPerWeekMs");
        builder.Property(a => a.UserName).HasMaxLength(StorageLimits.NameLength);
        builder.Property(a => a.OvertimeCapPerWeek).HasColumnName("OvertimeCapPerWeekMs");
        builder.Property(a => a.HourlyCost).HasPrecision(12, 2);
        builder.PrimitiveCollection(a => a.Skills);
        builder.PrimitiveCollection(a => a.Languages);
        builder.PrimitiveCollection(a => a.FixedDaysOff);
        builder.PrimitiveCollection(a => a.Availability);
        builder.PrimitiveCollection(a => a.Preferences);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.UserName).IsUnique();
        builder.Property(a => a.LegacyCalendarToken).HasColumnName("CalendarToken").HasMaxLength(StorageLimits.IdLength);
        builder.HasIndex(a => a.LegacyCalendarToken).IsUnique();
        builder.Property(a => a.CalendarTokenHash).HasMaxLength(64);
        builder.HasIndex(a => a.CalendarTokenHash).IsUnique();
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
