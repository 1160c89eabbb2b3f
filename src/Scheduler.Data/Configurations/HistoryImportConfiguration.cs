using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class HistoryImportConfiguration : IEntityTypeConfiguration<HistoryImportEntity>
{
    public void Configure(EntityTypeBuilder<HistoryImportEntity> builder)
    {
        builder.ToTable("HistoryImports");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.FileName).HasMaxLength(StorageLimits.FileNameLength);
        builder.Property(i => i.ImportedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(i => i.RolledBackBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(i => i.Format).HasMaxLength(StorageLimits.FormatLength);
        builder.Property(i => i.ImportedAt).HasColumnName("ImportedAtUnixMs");
        builder.Property(i => i.IntervalLength).HasColumnName("IntervalLengthMs");
        builder.Property(i => i.Zone).HasColumnName("ZoneId").HasMaxLength(StorageLimits.ZoneIdLength);
        builder.Property(i => i.CoversFrom).HasColumnName("CoversFromUnixMs");
        builder.Property(i => i.CoversTo).HasColumnName("CoversToUnixMs");
        builder.PrimitiveCollection(i => i.QueueIds);
        builder.HasIndex(i => i.ImportedAt);
    }
}
