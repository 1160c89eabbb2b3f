using System.Globalization;
using System.Resources;
using System.Text;
using NodaTime;

namespace Scheduler.Web.Localization;

/// <summary>
/// Dates, times, numbers and weekday names in the reader's language. On the agent's pages, Bangla shows Bengali digits
/// (০১২৩৪৫৬৭৮৯) unless the user keeps Latin digits; supervisors' dense grids keep Latin digits (<see cref="Latin"/>).
/// Day and month names come from CalendarNames.resx; digits are changed here, once.
/// </summary>
public sealed class UiFormat(CultureInfo culture, bool nativeDigits)
{
    private static readonly ResourceManager Names = new(typeof(CalendarNames).FullName!, typeof(CalendarNames).Assembly);

    /// <summary>The reader's format for the current request or circuit (its culture), with Bengali digits in Bangla.</summary>
    public static UiFormat Current(bool latinDigits = false) => new(CultureInfo.CurrentUICulture, !latinDigits);

    public CultureInfo Culture { get; } = culture;

    public string Language => Languages.Of(Culture);

    /// <summary>True when digits are shown as Bengali digits.</summary>
    public bool NativeDigits { get; } = nativeDigits && Languages.Of(culture) == Languages.Bangla;

    /// <summary>The same language with Latin digits, for supervisors' dense grids.</summary>
    public UiFormat Latin => NativeDigits ? new UiFormat(Culture, false) : this;

    /// <summary>Changes the digits 0-9 of a text already formatted into Bengali digits when this format shows them.</summary>
    public string Digits(string text)
    {
        if (!NativeDigits)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            result.Append(c is >= '0' and <= '9' ? (char)('০' + (c - '0')) : c);
        }

        return result.ToString();
    }

    public string Number(long value) => Digits(value.ToString("N0", CultureInfo.InvariantCulture));

    public string Number(double value, int decimals) => Digits(value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    /// <summary>A share as a whole percentage ("97 %" or "৯৭ %").</summary>
    public string Percent(double share) => Digits((share * 100).ToString("0", CultureInfo.InvariantCulture) + " %");

    /// <summary>24-hour clock ("06:00", "২২:৩০"): contact centres run round the clock.</summary>
    public string Time(LocalTime time) => Digits(time.ToString("HH:mm", CultureInfo.InvariantCulture));

    /// <summary>"Tue 8 Dec" / "মঙ্গল ৮ ডিসে".</summary>
    public string Date(LocalDate date) => Digits($"{ShortWeekday(date.DayOfWeek)} {date.Day} {Name("MonthShort", date.Month)}");

    /// <summary>"8 December" / "৮ ডিসেম্বর".</summary>
    public string DayAndMonth(LocalDate date) => Digits($"{date.Day} {Name("Month", date.Month)}");

    /// <summary>"Tuesday 8 December 2026" / "মঙ্গলবার ৮ ডিসেম্বর ২০২৬".</summary>
    public string LongDate(LocalDate date) => Digits($"{Weekday(date.DayOfWeek)} {date.Day} {Name("Month", date.Month)} {date.Year}");

    /// <summary>A date and time ("Tue 8 Dec 22:30").</summary>
    public string DateTime(LocalDateTime value) => $"{Date(value.Date)} {Time(value.TimeOfDay)}";

    /// <summary>The weekday's full name in the language.</summary>
    public string Weekday(IsoDayOfWeek day) => Name("Day", (int)day);

    /// <summary>The weekday's short name in the language.</summary>
    public string ShortWeekday(IsoDayOfWeek day) => Name("DayShort", (int)day);

    /// <summary>The month's full name in the language.</summary>
    public string Month(int month) => Name("Month", month);

    /// <summary>A length of time as hours and minutes ("7 h 30 min", "৭ ঘণ্টা ৩০ মিনিট").</summary>
    public string Hours(Duration length)
    {
        var total = (long)length.TotalMinutes;
        var (hours, minutes) = (Names.GetString("Hours", Culture), Names.GetString("Minutes", Culture));
        var text = total % 60 == 0 ? $"{total / 60} {hours}" : total < 60 ? $"{total} {minutes}" : $"{total / 60} {hours} {total % 60} {minutes}";
        return Digits(text);
    }

    private string Name(string kind, int number) =>
        Names.GetString(kind + number.ToString(CultureInfo.InvariantCulture), Culture) ?? throw new MissingManifestResourceException($"CalendarNames has no {kind}{number}");
}
