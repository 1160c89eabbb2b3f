using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.History;

public sealed class AnonymousBankAggregateTests
{
    private const string Header =
        "date,weekday,interval_start,records,phantom,offered,answered,abandoned,answered_after_queue,abandoned_after_queue,abandoned_at_vru,answered_wait_le_20s,sum_q_time_answered_s,sum_q_time_abandoned_s,answered_ser_time_gt0,sum_ser_time_answered_s";

    private static string Derived(string name) => TestData.File("anonymous_bank_1999", "derived", name);

    private static HistoryImport ReadText(string text, HistoryReadOptions? options = null) =>
        HistoryReader.Read(new StringReader(text), "agg.csv", HistoryFormat.AnonymousBank, options);

    [Fact]
    public void Read_AllTypesFile_TotalsMatchReadme()
    {
        var import = HistoryReader.Read(Derived("intervals_15min_all_types.csv"), HistoryFormat.AnonymousBank);

        Assert.Equal(8448, import.RowsRead);
        Assert.Equal(8448, import.Observations.Count);
        Assert.All(import.Observations, o => Assert.Equal("all", o.QueueId));
        Assert.Equal(98_903, import.Observations.Sum(o => o.Offered));
        Assert.Equal(85_083, import.Observations.Sum(o => o.Answered));
        Assert.Equal(13_820, import.Observations.Sum(o => o.Abandoned));
        Assert.Equal(56_157, import.Observations.Sum(o => o.AnsweredWithinThreshold));
        Assert.Equal(15_312_583, import.Observations.Sum(o => o.HandleSeconds));
        Assert.Equal(665, Assert.Single(import.Skipped).Count);
        Assert.Equal(Instant.FromUtc(1998, 12, 31, 22, 0), import.Observations[0].Start); // 1999-01-01 00:00 IST = UTC+2
    }

    [Fact]
    public void Read_ByTypeFileSummedOverTypes_EqualsAllTypesFileRowByRow()
    {
        var all = HistoryReader.Read(Derived("intervals_15min_all_types.csv"), HistoryFormat.AnonymousBank).Observations;
        var summed = HistoryReader.Read(Derived("intervals_15min_by_type.csv"), HistoryFormat.AnonymousBank, new HistoryReadOptions { SplitByType = false }).Observations;

        Assert.Equal(all, summed);
    }

    [Fact]
    public void Read_ByTypeFile_GivesSevenQueues()
    {
        var import = HistoryReader.Read(Derived("intervals_15min_by_type.csv"), HistoryFormat.AnonymousBank);

        Assert.Equal(59_136, import.Observations.Count);
        Assert.Equal(7, import.Observations.Select(o => o.QueueId).Distinct().Count());
        Assert.Equal(98_903, import.Observations.Sum(o => o.Offered));
    }

    [Fact]
    public void Read_HourOption_MergesFourQuarterHours()
    {
        var import = HistoryReader.Read(Derived("intervals_15min_all_types.csv"), HistoryFormat.AnonymousBank, new HistoryReadOptions { IntervalMinutes = 60 });

        Assert.Equal(88 * 24, import.Observations.Count);
        Assert.Equal(98_903, import.Observations.Sum(o => o.Offered));
    }

    [Fact]
    public void Read_WaitColumns_AreAddedIntoWaitSeconds()
    {
        var o = Assert.Single(ReadText($"{Header}\n1999-01-01,Fri,00:00,2,0,2,0,2,0,2,0,0,5,293,0,0\n").Observations);

        Assert.Equal(298, o.WaitSeconds);
    }

    [Theory]
    [InlineData("1999-01-01,Fri,00:00,2,0,3,0,2,0,2,0,0,0,293,0,0", "offered", "does not equal offered")]
    [InlineData("1999-01-01,Sat,00:00,2,0,2,0,2,0,2,0,0,0,293,0,0", "weekday", "is not the weekday")]
    [InlineData("1999-01-01,Fri,00:10,2,0,2,0,2,0,2,0,0,0,293,0,0", "interval_start", "15-minute boundary")]
    [InlineData("1999-02-30,Fri,00:00,2,0,2,0,2,0,2,0,0,0,293,0,0", "date", "is not a date")]
    [InlineData("1999-01-01,Fri,00:00,2,0,2,0,2,0,2,0,0,0,x,0,0", "sum_q_time_abandoned_s", "'x' is not a whole number")]
    public void Read_BadAggregateRow_ReportsLineAndField(string row, string field, string reason)
    {
        var e = Assert.Single(Assert.Throws<ImportException>(() => ReadText($"{Header}\n{row}\n")).Errors);

        Assert.Equal(("agg.csv", 2, field), (e.File, e.Line, e.Field));
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Read_ThresholdOtherThanTwentySeconds_IsError()
    {
        var e = Assert.Single(Assert.Throws<ImportException>(() =>
            ReadText($"{Header}\n1999-01-01,Fri,00:00,2,0,2,0,2,0,2,0,0,0,293,0,0\n", new HistoryReadOptions { ServiceThresholdSeconds = 30 })).Errors);

        Assert.Equal((1, "answered_wait_le_20s"), (e.Line, e.Field));
    }
}
