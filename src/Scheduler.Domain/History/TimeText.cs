using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Domain.History;

/// <summary>Turns local clock times into instants, strictly, and says in words why one cannot be.</summary>
internal static class TimeText
{
    private static readonly OffsetPattern OffsetText = OffsetPattern.CreateWithInvariantCulture("+HH:mm");

    public static string Offset(Offset offset) => OffsetText.Format(offset);

    /// <summary>
    /// The instant a local date-time names in <paramref name="zone"/>, or null with <paramref name="error"/> set when the
    /// clocks skip it (spring forward) or show it twice (fall back). Both candidate offsets are named so the person
    /// fixing the file can write the right one.
    /// </summary>
    public static Instant? Strict(LocalDateTime local, DateTimeZone zone, out string? error)
    {
        error = null;
        var mapping = zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 1:
                return mapping.Single().ToInstant();
            case 0:
                error = $"does not exist in {zone.Id}: the clocks jump from {Offset(mapping.EarlyInterval.WallOffset)} to {Offset(mapping.LateInterval.WallOffset)} that day; write the start with an offset";
                return null;
            default:
                error = $"is ambiguous in {zone.Id}: it happens twice, at {Offset(mapping.First().Offset)} and at {Offset(mapping.Last().Offset)}; write the start with the offset you mean";
                return null;
        }
    }

    /// <summary>The IANA zone with this id, or null.</summary>
    public static DateTimeZone? Zone(string id) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);

    public static LocalDatePattern IsoDate { get; } = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");

    public static LocalTimePattern HourMinute { get; } = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
