using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class ShiftRequestConfiguration : IEntityTypeConfiguration<ShiftRequestEntity>
{
    public void Configure(EntityTypeBuilder<ShiftRequestEntity> builder)
    {
        builder.ToTable("ShiftRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(24);
        builder.Property(r => r.RequesterId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(r => r.ColleagueId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.Property(r => r.DecidedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(r => r.Decision).HasMaxLength(2000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.SiteId, r.Status });
        builder.HasIndex(r => r.RequesterId);
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgentEntity>().WithMany().HasForeignKey(r => r.RequesterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgentEntity>().WithMany().HasForeignKey(r => r.ColleagueId).OnDelete(DeleteBehavior.Restrict);
    }
}
