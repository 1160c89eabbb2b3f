using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Scheduler.Data.Conversions;

/// <summary>
/// How NodaTime values are written to the database. One place, so EF mappings and the bulk writer agree.
/// </summary>
/// <remarks>
/// Instants are Unix milliseconds in a 64-bit integer: they sort and compare the same on SQLite and PostgreSQL,
/// and range queries stay index seeks. Durations are whole milliseconds. Zones are tzdb ids ("Asia/Dhaka").
/// Sub-millisecond precision is not kept; <see cref="History.HistoryStore"/> refuses values that would lose it.
/// </remarks>
public static class NodaTimeStorage
{
    public static long ToUnixMilliseconds(Instant instant) => instant.ToUnixTimeMilliseconds();

    public static Instant FromUnixMilliseconds(long milliseconds) => Instant.FromUnixTimeMilliseconds(milliseconds);

    public static long ToMilliseconds(Duration duration) => duration.BclCompatibleTicks / NodaConstants.TicksPerMillisecond;

    public static Duration FromMilliseconds(long milliseconds) => Duration.FromMilliseconds(milliseconds);

    public static string ToZoneId(DateTimeZone zone) => zone.Id;

    public static DateTimeZone FromZoneId(string zoneId) => DateTimeZoneProviders.Tzdb[zoneId];

    /// <summary>True when the instant survives the trip through Unix milliseconds unchanged.</summary>
    public static bool IsWholeMilliseconds(Instant instant) => FromUnixMilliseconds(ToUnixMilliseconds(instant)) == instant;

    /// <summary>True when the duration survives the trip through milliseconds unchanged.</summary>
    public static bool IsWholeMilliseconds(Duration duration) => FromMilliseconds(ToMilliseconds(duration)) == duration;
}

/// <summary>Stores an <see cref="Instant"/> as Unix milliseconds (INTEGER / bigint).</summary>
public sealed class InstantToUnixMillisecondsConverter() : ValueConverter<Instant, long>(
    instant => NodaTimeStorage.ToUnixMilliseconds(instant),
    milliseconds => NodaTimeStorage.FromUnixMilliseconds(milliseconds));

/// <summary>Stores a <see cref="Duration"/> as whole milliseconds (INTEGER / bigint).</summary>
public sealed class DurationToMillisecondsConverter() : ValueConverter<Duration, long>(
    duration => NodaTimeStorage.ToMilliseconds(duration),
    milliseconds => NodaTimeStorage.FromMilliseconds(milliseconds));

/// <summary>Stores a <see cref="DateTimeZone"/> as its tzdb id (TEXT / varchar).</summary>
public sealed class DateTimeZoneToIdConverter() : ValueConverter<DateTimeZone, string>(
    zone => NodaTimeStorage.ToZoneId(zone),
    zoneId => NodaTimeStorage.FromZoneId(zoneId));

/// <summary>Stores a <see cref="LocalDate"/> as ISO text ("2026-11-29"), which sorts and compares as dates on any provider.</summary>
public sealed class LocalDateToIsoConverter() : ValueConverter<LocalDate, string>(
    date => NodaTime.Text.LocalDatePattern.Iso.Format(date),
    text => NodaTime.Text.LocalDatePattern.Iso.Parse(text).Value);

/// <summary>Stores a <see cref="LocalTime"/> as ISO text ("22:00:00"), which sorts as times.</summary>
public sealed class LocalTimeToIsoConverter() : ValueConverter<LocalTime, string>(
    time => NodaTime.Text.LocalTimePattern.ExtendedIso.Format(time),
    text => NodaTime.Text.LocalTimePattern.ExtendedIso.Parse(text).Value);
