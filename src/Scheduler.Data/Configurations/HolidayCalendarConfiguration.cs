using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class HolidayCalendarConfiguration : IEntityTypeConfiguration<HolidayCalendarEntity>
{
    public void Configure(EntityTypeBuilder<HolidayCalendarEntity> builder)
    {
        builder.ToTable("HolidayCalendars");
        builder.HasKey(c => c.SiteId);
        builder.Property(c => c.SiteId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(c => c.Text).HasMaxLength(HolidayCalendarEntity.MaxTextLength);
        builder.Property(c => c.UpdatedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
