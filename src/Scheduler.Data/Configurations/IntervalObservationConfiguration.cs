using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class IntervalObservationConfiguration : IEntityTypeConfiguration<IntervalObservationEntity>
{
    public void Configure(EntityTypeBuilder<IntervalObservationEntity> builder)
    {
        builder.ToTable("IntervalObservations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.QueueId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(o => o.Start).HasColumnName("StartUnixMs");
        builder.Property(o => o.Length).HasColumnName("LengthMs");

        // One observation per queue and interval start; it also serves range reads for one queue (QueueId, Start).
        builder.HasIndex(o => new { o.QueueId, o.Start }).IsUnique();

        // Range reads across every queue ("all of last week").
        builder.HasIndex(o => o.Start);

        // Observations are not tied to the Queues table: history may be imported before the queue is configured.
        builder.HasOne<HistoryImportEntity>().WithMany().HasForeignKey(o => o.ImportId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReplacedObservationConfiguration : IEntityTypeConfiguration<ReplacedObservationEntity>
{
    public void Configure(EntityTypeBuilder<ReplacedObservationEntity> builder)
    {
        builder.ToTable("ReplacedObservations");
        builder.HasKey(o => o.Id);
        builder.Property(o => o.QueueId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(o => o.Start).HasColumnName("StartUnixMs");
        builder.Property(o => o.Length).HasColumnName("LengthMs");
        builder.HasIndex(o => o.ReplacedByImportId);
        builder.HasIndex(o => o.ImportId);
        builder.HasOne<HistoryImportEntity>().WithMany().HasForeignKey(o => o.ReplacedByImportId).OnDelete(DeleteBehavior.Restrict);
    }
}
