using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<SiteEntity>
{
    public void Configure(EntityTypeBuilder<SiteEntity> builder)
    {
        builder.ToTable("Sites");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(StorageLimits.IdLength);
        builder.Property(s => s.Name).HasMaxLength(StorageLimits.NameLength);
        builder.Property(s => s.Zone).HasColumnName("ZoneId").HasMaxLength(StorageLimits.ZoneIdLength);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
