using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Configurations;

internal sealed class SchedulerUserConfiguration : IEntityTypeConfiguration<SchedulerUser>
{
    public void Configure(EntityTypeBuilder<SchedulerUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(StorageLimits.NameLength);
        builder.Property(u => u.AgentId).HasMaxLength(StorageLimits.IdLength);
        builder.Property(u => u.CreatedBy).HasMaxLength(StorageLimits.NameLength);
        builder.Property(u => u.Active).HasDefaultValue(true);
        builder.Property(u => u.Language).HasMaxLength(StorageLimits.FormatLength);
        builder.HasIndex(u => u.AgentId).IsUnique(); // one account per agent; NULLs (non-agents) are not compared
    }
}

internal sealed class SetPasswordLinkConfiguration : IEntityTypeConfiguration<SetPasswordLinkEntity>
{
    public void Configure(EntityTypeBuilder<SetPasswordLinkEntity> builder)
    {
        builder.ToTable("SetPasswordLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.UserId).HasMaxLength(450);
        builder.Property(l => l.TokenHash).HasMaxLength(64);
        builder.Property(l => l.Purpose).HasMaxLength(16);
        builder.Property(l => l.CreatedBy).HasMaxLength(StorageLimits.NameLength);
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.UserId);
        builder.HasOne<SchedulerUser>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
