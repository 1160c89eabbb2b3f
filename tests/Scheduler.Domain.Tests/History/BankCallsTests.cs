using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.History;

public sealed class BankCallsTests
{
    private static string BankCalls => TestData.File("bank_calls_fpp3", "bank_calls.csv");

    private static HistoryImport ReadText(string text, HistoryReadOptions? options = null) =>
        HistoryReader.Read(new StringReader(text), "bank_calls.csv", HistoryFormat.BankCalls, options);

    [Fact]
    public void Read_RealFile_GivesEveryFiveMinuteRow()
    {
        var import = HistoryReader.Read(BankCalls, HistoryFormat.BankCalls);

        Assert.Equal(27_716, import.RowsRead);
        Assert.Equal(27_716, import.Observations.Count);
        Assert.Equal(5_323_661, import.Observations.Sum(o => o.Offered));
        Assert.Equal(import.Observations.Sum(o => o.Offered), import.Observations.Sum(o => o.Answered));
        Assert.All(import.Observations, o => Assert.Equal("calls", o.QueueId));
        Assert.Equal(Duration.FromMinutes(5), import.IntervalLength);
        Assert.Equal(Instant.FromUtc(2003, 3, 3, 7, 0), import.Observations[0].Start);
        Assert.Empty(import.Skipped);
    }

    [Fact]
    public void Read_FifteenMinutes_Gives57IntervalsPerDayWithLoneNinePmBucket()
    {
        var import = HistoryReader.Read(BankCalls, HistoryFormat.BankCalls, new HistoryReadOptions { IntervalMinutes = 15 });

        var days = import.Observations.GroupBy(o => o.Start.InUtc().Date).ToList();
        Assert.Equal(164, days.Count);
        Assert.All(days, d => Assert.Equal(57, d.Count()));
        Assert.All(days, d => Assert.Equal(new LocalTime(7, 0), d.First().Start.InUtc().TimeOfDay));
        Assert.All(days, d => Assert.Equal(new LocalTime(21, 0), d.Last().Start.InUtc().TimeOfDay));
        Assert.Equal(5_323_661, import.Observations.Sum(o => o.Offered));
        Assert.Equal(54, import.Observations[^1].Offered); // 2003-10-24 21:00 holds only the 21:00 five-minute bucket.
    }

    [Fact]
    public void Read_ZoneOption_ReadsLabelsAsLocalClock()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];

        var import = ReadText("rownames,DateTime,Calls\n1,2003-03-03T07:00:00Z,111\n2,2003-04-07T07:00:00Z,90\n", new HistoryReadOptions { Zone = zone });

        Assert.Equal([Instant.FromUtc(2003, 3, 3, 12, 0), Instant.FromUtc(2003, 4, 7, 11, 0)], import.Observations.Select(o => o.Start));
        Assert.Equal(zone, import.Zone);
    }

    [Theory]
    [InlineData("3,2003-03-03T07:02:00Z,5", "DateTime", "5-minute boundary")]
    [InlineData("3,2003-03-03 07:05,5", "DateTime", "is not a date-time")]
    [InlineData("3,2003-03-03T07:05:00Z,-5", "Calls", "is negative")]
    [InlineData("3,2003-03-03T07:00:00Z,5", "DateTime", "repeats line 2")]
    public void Read_BadRow_ReportsLineAndField(string row, string field, string reason)
    {
        var e = Assert.Single(Assert.Throws<ImportException>(() => ReadText($"rownames,DateTime,Calls\n1,2003-03-03T07:00:00Z,111\n{row}\n")).Errors);

        Assert.Equal(("bank_calls.csv", 3, field), (e.File, e.Line, e.Field));
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Read_NonexistentLocalTimeInZone_IsError()
    {
        var zone = DateTimeZoneProviders.Tzdb["America/New_York"];

        var e = Assert.Single(Assert.Throws<ImportException>(() =>
            ReadText("rownames,DateTime,Calls\n1,2003-04-06T02:30:00Z,1\n", new HistoryReadOptions { Zone = zone })).Errors);

        Assert.Contains("does not exist", e.Reason);
    }
}
