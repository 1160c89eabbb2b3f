using NodaTime;
using Scheduler.Domain.Sites;

namespace Scheduler.Data.Entities;

/// <summary>A row of the Sites table: a <see cref="Site"/> with its zone stored as a tzdb id.</summary>
public sealed class SiteEntity
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required DateTimeZone Zone { get; set; }

    /// <summary>Swaps that break no rule and lose no coverage are approved without a supervisor.</summary>
    public bool AutoApproveSwaps { get; set; }

    /// <summary>Time off is approved without a supervisor while the projected service level stays at or above <see cref="TimeOffServiceFloor"/>.</summary>
    public bool AutoApproveTimeOff { get; set; }

    /// <summary>The projected service level (0-1) that auto-approved time off must leave in every queue the agent serves.</summary>
    public double TimeOffServiceFloor { get; set; } = 0.8;

    /// <summary>Changed on every save of the settings.</summary>
    public Guid Version { get; set; }

    public static SiteEntity From(Site site) => new() { Id = site.Id, Name = site.Name, Zone = site.Zone };

    public Site ToDomain() => new(Id, Name, Zone);
}
