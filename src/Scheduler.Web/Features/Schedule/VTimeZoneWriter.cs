using System.Globalization;
using System.Text;
using NodaTime;

namespace Scheduler.Web.Features.Schedule;

/// <summary>
/// A VTIMEZONE (RFC 5545 3.6.5) for the span a feed covers, generated from the tz database: one STANDARD or DAYLIGHT
/// observance per offset in force, each with the onset of that offset. A client that reads only the file's own time-zone
/// definition (Thunderbird's ical.js, Outlook) then maps every local time to the same instant as we do.
/// </summary>
/// <remarks>
/// Observances are written as dated onsets rather than RRULEs: exact for the years covered, whatever rule changes the
/// zone had, and read the same way by every client. Asia/Dhaka has no transition in the span and gets one STANDARD.
/// </remarks>
public static class VTimeZoneWriter
{
    public static string Write(DateTimeZone zone, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var text = new StringBuilder();
        Line(text, "BEGIN:VTIMEZONE");
        Line(text, $"TZID:{zone.Id}");
        var intervals = zone.GetZoneIntervals(from, to).ToList();
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            // The first offset in force gets an onset a year before the span (any onset at or before the span reads the same).
            var onset = i == 0 || !interval.HasStart ? from - Duration.FromDays(366) : interval.Start;
            var offsetFrom = i == 0 ? interval.WallOffset : intervals[i - 1].WallOffset;
            var kind = interval.Savings == Offset.Zero ? "STANDARD" : "DAYLIGHT";
            Line(text, $"BEGIN:{kind}");
            // DTSTART is the onset as a local time in the offset that was in force just before it (TZOFFSETFROM).
            Line(text, $"DTSTART:{onset.WithOffset(offsetFrom).LocalDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture)}");
            Line(text, $"TZOFFSETFROM:{Format(offsetFrom)}");
            Line(text, $"TZOFFSETTO:{Format(interval.WallOffset)}");
            if (!string.IsNullOrEmpty(interval.Name) && interval.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-'))
            {
                Line(text, $"TZNAME:{interval.Name}");
            }

            Line(text, $"END:{kind}");
        }

        Line(text, "END:VTIMEZONE");
        return text.ToString();
    }

    private static string Format(Offset offset)
    {
        var seconds = offset.Seconds;
        var sign = seconds < 0 ? "-" : "+";
        seconds = Math.Abs(seconds);
        var text = $"{sign}{seconds / 3600:00}{seconds / 60 % 60:00}";
        return seconds % 60 == 0 ? text : text + $"{seconds % 60:00}";
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append("\r\n");
}
