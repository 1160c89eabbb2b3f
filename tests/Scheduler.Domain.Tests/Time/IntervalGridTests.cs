using NodaTime;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Tests.Time;

public sealed class IntervalGridTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    [Theory]
    [InlineData("Asia/Dhaka", 2026, 3, 29, 96)] // Dhaka keeps no DST: every day has 96 quarter-hours.
    [InlineData("Europe/London", 2026, 3, 29, 92)] // UK clocks go forward at 01:00: a 23-hour day.
    [InlineData("Europe/London", 2026, 10, 25, 100)] // UK clocks go back at 02:00: a 25-hour day.
    [InlineData("America/New_York", 2026, 3, 8, 92)] // US spring forward at 02:00.
    [InlineData("America/New_York", 2026, 11, 1, 100)] // US fall back at 02:00.
    public void Day_OnDstChange_HasElapsedQuarterHours(string zone, int year, int month, int day, int expected)
    {
        var date = new LocalDate(year, month, day);
        var grid = new IntervalGrid(DateTimeZoneProviders.Tzdb[zone], date, 1, Quarter);

        Assert.Equal(expected, grid.Day(date).Length);
        Assert.Equal(Duration.FromMinutes(15 * expected), grid.End - grid.Start);
    }

    [Fact]
    public void Day_FallBack_RepeatsClockLabelsButNotInstants()
    {
        var date = new LocalDate(2026, 10, 25);
        var grid = new IntervalGrid(DateTimeZoneProviders.Tzdb["Europe/London"], date, 1, Quarter);

        var labels = grid.Intervals.Select(i => i.LocalStart).ToList();
        Assert.Equal(2, labels.Count(l => l == new LocalTime(1, 15)));
        Assert.Equal(grid.Count, grid.Intervals.Select(i => i.Start).Distinct().Count());
    }

    [Fact]
    public void Day_SpringForward_SkipsTheMissingHour()
    {
        var date = new LocalDate(2026, 3, 29);
        var grid = new IntervalGrid(DateTimeZoneProviders.Tzdb["Europe/London"], date, 1, Quarter);

        Assert.DoesNotContain(grid.Intervals, i => i.LocalStart.Hour == 1);
        Assert.Equal(new LocalTime(2, 0), grid.Intervals[4].LocalStart);
    }

    [Theory]
    [InlineData(5, 288)] // 5-minute grid.
    [InlineData(30, 48)] // half-hour grid.
    [InlineData(60, 24)] // hourly grid.
    public void Constructor_OtherLengths_CoverTheDay(int minutes, int perDay)
    {
        var grid = new IntervalGrid(DateTimeZoneProviders.Tzdb["Asia/Dhaka"], new LocalDate(2026, 11, 29), 7, Duration.FromMinutes(minutes));

        Assert.Equal(7 * perDay, grid.Count);
    }

    [Theory]
    [InlineData(10)] // not a planning length.
    [InlineData(0)] // nothing.
    public void Constructor_UnsupportedLength_Throws(int minutes)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalGrid(DateTimeZone.Utc, new LocalDate(2026, 1, 1), 1, Duration.FromMinutes(minutes)));
    }

    [Fact]
    public void IndexOf_FindsTheIntervalHoldingAnInstant()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
        var grid = new IntervalGrid(zone, new LocalDate(2026, 11, 29), 2, Quarter);
        var instant = new LocalDateTime(2026, 11, 30, 9, 20).InZoneStrictly(zone).ToInstant();

        var index = grid.IndexOf(instant);

        Assert.Equal(96 + 37, index);
        Assert.Equal(-1, grid.IndexOf(grid.End));
    }
}
