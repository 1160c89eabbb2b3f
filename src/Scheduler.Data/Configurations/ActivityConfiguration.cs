using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class RosterActivityConfiguration : IEntityTypeConfiguration<RosterActivityEntity>
{
    public void Configure(EntityTypeBuilder<RosterActivityEntity> builder)
    {
        builder.ToTable("RosterActivities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.RequestId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(a => a.Kind).HasMaxLength(16);
        builder.Property(a => a.Name).HasMaxLength(StorageLimits.NameLength);
        builder.Property(a => a.CoachId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(a => a.Start).HasColumnName("StartUnixMs");
        builder.Property(a => a.End).HasColumnName("EndUnixMs");
        builder.PrimitiveCollection(a => a.AgentIds);
        builder.HasIndex(a => new { a.RosterId, a.Start });
    }
}

internal sealed class ActivityRequestConfiguration : IEntityTypeConfiguration<ActivityRequestEntity>
{
    public void Configure(EntityTypeBuilder<ActivityRequestEntity> builder)
    {
        builder.ToTable("ActivityRequests");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(a => a.Key).HasMaxLength(StorageLimits.IdLength);
        builder.Property(a => a.Kind).HasMaxLength(16);
        builder.Property(a => a.Name).HasMaxLength(StorageLimits.NameLength);
        builder.Property(a => a.Skill).HasMaxLength(StorageLimits.IdLength);
        builder.Property(a => a.CoachId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(a => a.Recurrence).HasMaxLength(16);
        builder.Property(a => a.Length).HasColumnName("LengthMs");
        builder.Property(a => a.UpdatedAt).HasColumnName("UpdatedAtUnixMs");
        builder.Property(a => a.UpdatedBy).HasMaxLength(StorageLimits.NameLength);
        builder.PrimitiveCollection(a => a.AgentIds);
        builder.HasIndex(a => new { a.SiteId, a.Key }).IsUnique();
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(a => a.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
