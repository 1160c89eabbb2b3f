using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class SolveJobConfiguration : IEntityTypeConfiguration<SolveJobEntity>
{
    public void Configure(EntityTypeBuilder<SolveJobEntity> builder)
    {
        builder.ToTable("SolveJobs");
        builder.HasKey(j => j.Id);
        builder.Property(j => j.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(j => j.RequestedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(j => j.CancelledBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.ActiveKey).HasMaxLength(StorageLimits.IdLength + 16);
        builder.Property(j => j.Instance).HasMaxLength(200);
        builder.Property(j => j.Message).HasMaxLength(4000);
        builder.HasIndex(j => j.ActiveKey).IsUnique();
        builder.HasIndex(j => new { j.SiteId, j.FirstDate });
        builder.HasIndex(j => new { j.Status, j.RequestedAt });
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(j => j.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
