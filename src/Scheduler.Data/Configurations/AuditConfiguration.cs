using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Audit;

namespace Scheduler.Data.Configurations;

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditEntryEntity>
{
    public void Configure(EntityTypeBuilder<AuditEntryEntity> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Actor).HasMaxLength(StorageLimits.NameLength);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Subject).HasMaxLength(StorageLimits.NameLength);
        builder.Property(a => a.Before).HasMaxLength(AuditLog.ShortLength);
        builder.Property(a => a.After).HasMaxLength(AuditLog.ShortLength);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.Actor);
    }
}
