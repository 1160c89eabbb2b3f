using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class OvertimeOfferConfiguration : IEntityTypeConfiguration<OvertimeOfferEntity>
{
    public void Configure(EntityTypeBuilder<OvertimeOfferEntity> builder)
    {
        builder.ToTable("OvertimeOffers");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(24);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.AgentId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(o => o.BeforeTemplateId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(o => o.AfterTemplateId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(o => o.BeforeLength).HasColumnName("BeforeLengthMs");
        builder.Property(o => o.AfterLength).HasColumnName("AfterLengthMs");
        builder.Property(o => o.BeforeOvertime).HasColumnName("BeforeOvertimeMs");
        builder.Property(o => o.AfterOvertime).HasColumnName("AfterOvertimeMs");
        builder.Property(o => o.Hours).HasColumnName("HoursMs");
        builder.Property(o => o.Money).HasPrecision(14, 2);
        builder.Property(o => o.Description).HasMaxLength(1000);
        builder.Property(o => o.CreatedAt).HasColumnName("CreatedAtUnixMs");
        builder.Property(o => o.DecidedAt).HasColumnName("DecidedAtUnixMs");
        builder.Property(o => o.CreatedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(o => o.DecidedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => new { o.SiteId, o.FirstDate });
        builder.HasIndex(o => new { o.AgentId, o.Status });
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(o => o.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgentEntity>().WithMany().HasForeignKey(o => o.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RosterEntity>().WithMany().HasForeignKey(o => o.RosterId).OnDelete(DeleteBehavior.Restrict);
    }
}
