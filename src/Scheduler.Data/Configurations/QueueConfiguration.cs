using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class QueueConfiguration : IEntityTypeConfiguration<QueueEntity>
{
    public void Configure(EntityTypeBuilder<QueueEntity> builder)
    {
        builder.ToTable("Queues");
        builder.HasKey(q => q.Id);
        builder.Property(q => q.Id).HasMaxLength(StorageLimits.IdLength);
        builder.Property(q => q.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(q => q.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(q => q.Skill).HasMaxLength(StorageLimits.IdLength);
        builder.Property(q => q.Language).HasMaxLength(StorageLimits.IdLength);
        builder.Property(q => q.TargetKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(q => q.TargetDuration).HasColumnName("TargetDurationMs");
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(q => q.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
