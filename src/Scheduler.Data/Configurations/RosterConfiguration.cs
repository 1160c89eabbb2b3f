using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class RosterConfiguration : IEntityTypeConfiguration<RosterEntity>
{
    public void Configure(EntityTypeBuilder<RosterEntity> builder)
    {
        builder.ToTable("Rosters");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.CreatedAt).HasColumnName("CreatedAtUnixMs");
        builder.Property(r => r.PublishedAt).HasColumnName("PublishedAtUnixMs");
        builder.Property(r => r.CreatedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(r => r.PublishedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(r => r.Reason).HasMaxLength(StorageLimits.NameLength);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasIndex(r => new { r.SiteId, r.FirstDate, r.Number }).IsUnique();
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(r => r.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Shifts).WithOne().HasForeignKey(s => s.RosterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Activities).WithOne().HasForeignKey(a => a.RosterId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RosterShiftConfiguration : IEntityTypeConfiguration<RosterShiftEntity>
{
    public void Configure(EntityTypeBuilder<RosterShiftEntity> builder)
    {
        builder.ToTable("RosterShifts");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.AgentId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(s => s.TemplateId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(s => s.Length).HasColumnName("LengthMs");
        builder.Property(s => s.Start).HasColumnName("StartUnixMs");
        builder.Property(s => s.End).HasColumnName("EndUnixMs");
        builder.Property(s => s.Overtime).HasColumnName("OvertimeMs");
        builder.PrimitiveCollection(s => s.Breaks);
        builder.HasIndex(s => new { s.RosterId, s.AgentId, s.Date });
        builder.HasIndex(s => new { s.AgentId, s.Start });
    }
}
