using NodaTime;

namespace Scheduler.Domain.Sites;

/// <summary>A contact centre site. Every planning rule speaks the site's local time.</summary>
/// <remarks>The zone is kept as a <see cref="DateTimeZone"/> (not an offset) because Dhaka has no DST today
/// but a remote site or agent may, and the interval grid must follow the zone's rules on every date.</remarks>
public sealed record Site(string Id, string Name, DateTimeZone Zone)
{
    public static Site Create(string id, string name, string zoneId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new ArgumentException($"Unknown time zone id '{zoneId}'.", nameof(zoneId));
        return new Site(id, name, zone);
    }
}
