using NodaTime;
using Scheduler.Domain.Sites;

namespace Scheduler.Data.Entities;

/// <summary>A row of the Sites table: a <see cref="Site"/> with its zone stored as a tzdb id.</summary>
public sealed class SiteEntity
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public required DateTimeZone Zone { get; set; }

    public static SiteEntity From(Site site) => new() { Id = site.Id, Name = site.Name, Zone = site.Zone };

    public Site ToDomain() => new(Id, Name, Zone);
}
