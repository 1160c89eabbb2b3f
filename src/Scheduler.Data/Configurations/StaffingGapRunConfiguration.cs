using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class StaffingGapRunConfiguration : IEntityTypeConfiguration<StaffingGapRunEntity>
{
    public void Configure(EntityTypeBuilder<StaffingGapRunEntity> builder)
    {
        builder.ToTable("StaffingGapRuns");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(r => r.RequestedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Instance).HasMaxLength(200);
        builder.Property(r => r.Error).HasMaxLength(4000);
        builder.HasIndex(r => new { r.RosterId, r.RosterVersion });
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RosterEntity>().WithMany().HasForeignKey(r => r.RosterId).OnDelete(DeleteBehavior.Cascade);
    }
}
