using System.Globalization;
using NodaTime;
using Scheduler.Web.Localization;

namespace Scheduler.Web.Tests.Localization;

public sealed class UiFormatTests
{
    private static readonly CultureInfo Bangla = Languages.Culture(Languages.Bangla);

    [Fact]
    public void Bangla_shows_Bengali_digits_and_day_and_month_names()
    {
        var format = new UiFormat(Bangla, nativeDigits: true);
        Assert.Equal("২২:৩০", format.Time(new LocalTime(22, 30)));
        Assert.Equal("মঙ্গল ৮ ডিসে", format.Date(new LocalDate(2026, 12, 8)));
        Assert.Equal("১,২৩৪", format.Number(1234));
        Assert.Equal("৯৭ %", format.Percent(0.97));
        Assert.Equal("শুক্রবার", format.Weekday(IsoDayOfWeek.Friday));
    }

    [Fact]
    public void Latin_digits_are_kept_when_asked_and_in_English()
    {
        Assert.Equal("মঙ্গল 8 ডিসে", new UiFormat(Bangla, nativeDigits: false).Date(new LocalDate(2026, 12, 8)));
        Assert.Equal("মঙ্গলবার ৮ ডিসেম্বর ২০২৬", new UiFormat(Bangla, nativeDigits: true).LongDate(new LocalDate(2026, 12, 8)));
        Assert.Equal("৭ ঘণ্টা ৩০ মিনিট", new UiFormat(Bangla, nativeDigits: true).Hours(Duration.FromMinutes(450)));
        Assert.Equal("22:30", new UiFormat(Bangla, nativeDigits: true).Latin.Time(new LocalTime(22, 30)));
        var english = new UiFormat(Languages.Culture(Languages.English), nativeDigits: true);
        Assert.False(english.NativeDigits);
        Assert.Equal("Tue 8 Dec", english.Date(new LocalDate(2026, 12, 8)));
        Assert.Equal("7 h 30 min", english.Hours(Duration.FromMinutes(450)));
    }
}
