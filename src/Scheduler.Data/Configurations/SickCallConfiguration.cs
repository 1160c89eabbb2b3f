using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class SickCallConfiguration : IEntityTypeConfiguration<SickCallEntity>
{
    public void Configure(EntityTypeBuilder<SickCallEntity> builder)
    {
        builder.ToTable("SickCalls");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(s => s.AgentId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(s => s.ZoneId).HasMaxLength(64);
        builder.Property(s => s.From).HasColumnName("FromUnixMs");
        builder.Property(s => s.Until).HasColumnName("UntilUnixMs");
        builder.Property(s => s.EnteredAt).HasColumnName("EnteredAtUnixMs");
        builder.Property(s => s.EnteredBy).HasMaxLength(StorageLimits.NameLength);
        builder.HasIndex(s => s.SolveJobId).IsUnique();
        builder.HasIndex(s => new { s.SiteId, s.RosterFirstDate });
        builder.HasOne<SiteEntity>().WithMany().HasForeignKey(s => s.SiteId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AgentEntity>().WithMany().HasForeignKey(s => s.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RosterEntity>().WithMany().HasForeignKey(s => s.BaseRosterId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SolveJobEntity>().WithMany().HasForeignKey(s => s.SolveJobId).OnDelete(DeleteBehavior.Cascade);
    }
}
