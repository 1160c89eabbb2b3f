using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.History;

public sealed class AnonymousBankRawTests
{
    private const string Header =
        "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver";

    private static readonly string[] RawFiles = ["january.txt", "data_anonymous_bank_february.txt", "october.txt"];

    private static readonly DateTimeZone Jerusalem = DateTimeZoneProviders.Tzdb["Asia/Jerusalem"];

    private static readonly LocalTimePattern HourMinute = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    private static string Raw(string name) => TestData.File("anonymous_bank_1999", "raw", name);

    private static List<IntervalObservation> ReadAllRaw(HistoryReadOptions options) =>
        [.. RawFiles.SelectMany(f => HistoryReader.Read(Raw(f), HistoryFormat.AnonymousBank, options).Observations)];

    private static HistoryImport ReadText(string text, HistoryReadOptions? options = null) =>
        HistoryReader.Read(new StringReader(text), "raw.txt", HistoryFormat.AnonymousBank, options);

    [Fact]
    public void Read_ThreeRawFilesAllTypes_ReproduceDerivedFileRowByRow()
    {
        var observations = ReadAllRaw(new HistoryReadOptions { SplitByType = false });
        var derived = File.ReadLines(TestData.File("anonymous_bank_1999", "derived", "intervals_15min_all_types.csv")).Skip(1)
            .Select(l => l.Split(','))
            .Select(f => (
                Start: (LocalDatePattern.Iso.Parse(f[0]).Value + HourMinute.Parse(f[2]).Value).InZoneStrictly(Jerusalem).ToInstant(),
                Offered: double.Parse(f[5], CultureInfo.InvariantCulture),
                Answered: double.Parse(f[6], CultureInfo.InvariantCulture),
                Abandoned: double.Parse(f[7], CultureInfo.InvariantCulture),
                WithinSl: double.Parse(f[11], CultureInfo.InvariantCulture),
                Wait: double.Parse(f[12], CultureInfo.InvariantCulture) + double.Parse(f[13], CultureInfo.InvariantCulture),
                Handle: double.Parse(f[15], CultureInfo.InvariantCulture)))
            .ToList();

        Assert.Equal(8448, observations.Count);
        Assert.Equal(derived.Count, observations.Count);
        Assert.All(observations, o => Assert.Equal("all", o.QueueId));
        Assert.Equal(98_903, observations.Sum(o => o.Offered));
        Assert.Equal(85_083, observations.Sum(o => o.Answered));
        Assert.Equal(13_820, observations.Sum(o => o.Abandoned));
        Assert.Equal(15_312_583, observations.Sum(o => o.HandleSeconds));
        Assert.Equal(56_157, observations.Sum(o => o.AnsweredWithinThreshold));
        var mismatches = derived.Zip(observations)
            .Where(p => p.First.Start != p.Second.Start || p.First.Offered != p.Second.Offered || p.First.Answered != p.Second.Answered
                || p.First.Abandoned != p.Second.Abandoned || p.First.Handle != p.Second.HandleSeconds
                || p.First.WithinSl != p.Second.AnsweredWithinThreshold || p.First.Wait != p.Second.WaitSeconds)
            .Take(5)
            .ToList();
        Assert.Empty(mismatches);
    }

    [Fact]
    public void Read_ThreeRawFilesByType_GiveSevenQueuesOnCompleteGrid()
    {
        var observations = ReadAllRaw(HistoryReadOptions.Default);

        Assert.Equal(88 * 96 * 7, observations.Count);
        Assert.Equal(["AA", "IN", "NE", "NW", "PE", "PS", "TT"], observations.Select(o => o.QueueId).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(98_903, observations.Sum(o => o.Offered));
    }

    [Fact]
    public void Read_October_RepairsBothSixteenFieldLinesAndCountsPhantoms()
    {
        var import = HistoryReader.Read(Raw("october.txt"), HistoryFormat.AnonymousBank, new HistoryReadOptions { SplitByType = true });

        Assert.Equal(34_625, import.RowsRead);
        Assert.Equal(147, Assert.Single(import.Skipped).Count);
        Assert.Equal(30_861, import.Observations.Sum(o => o.Answered));
        Assert.Equal(3_617, import.Observations.Sum(o => o.Abandoned));
        Assert.Equal(Duration.FromMinutes(15), import.IntervalLength);
        Assert.Equal("Asia/Jerusalem", import.Zone.Id);
    }

    [Fact]
    public void Read_SixteenFieldLine_IsRepairedIntoPriorityAndType()
    {
        var import = ReadText($"{Header}\nAA0108\t3892\t0\t0       NW\t991026\t14:07:50\t14:07:58\t8\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER\n");

        var nw = import.Observations.Single(o => o.Abandoned > 0);
        Assert.Equal("NW", nw.QueueId);
        Assert.Equal(Instant.FromUtc(1999, 10, 26, 12, 0), nw.Start);
        Assert.Equal(0, nw.WaitSeconds); // never queued
    }

    [Fact]
    public void Read_SyntheticCalls_BucketByVruExitAndSumAsDocumented()
    {
        var import = ReadText(
            $"{Header}\r\n" +
            "AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t9:15:05\t9:15:35\t30\tAGENT\t9:15:35\t9:17:35\t120\tDAN\r\n" +
            "AA0101\t2\t0\t2\tPS\t990201\t9:20:00\t9:20:10\t10\t9:20:10\t9:20:20\t10\tAGENT\t9:20:20\t9:21:20\t60\tDAN\r\n" +
            "AA0101\t3\t0\t0\tPS\t990201\t9:25:00\t9:25:10\t10\t9:25:10\t9:26:10\t60\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n" +
            "AA0101\t4\t0\t0\tPS\t990201\t9:28:00\t9:28:10\t10\t9:28:10\t9:29:10\t60\tPHANTOM\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n",
            new HistoryReadOptions { ServiceThresholdSeconds = 25 });

        Assert.Equal(96 * 7, import.Observations.Count);
        var o = import.Observations.Single(x => x.QueueId == "PS" && x.Start == Instant.FromUtc(1999, 2, 1, 7, 15));
        Assert.Equal((3.0, 2.0, 1.0, 180.0, (double?)100, (double?)1), (o.Offered, o.Answered, o.Abandoned, o.HandleSeconds, o.WaitSeconds, o.AnsweredWithinThreshold));
        Assert.Equal(1, import.RowsSkipped);
        Assert.Equal(4, import.RowsRead);
    }

    [Fact]
    public void Read_HourIntervals_BucketsWholeHours()
    {
        var import = ReadText(
            $"{Header}\nAA0101\t1\t0\t0\tPS\t990201\t9:59:50\t9:59:59\t9\t0:00:00\t0:00:00\t0\tAGENT\t9:59:59\t10:00:30\t31\tDAN\n",
            new HistoryReadOptions { IntervalMinutes = 60, SplitByType = false });

        Assert.Equal(24, import.Observations.Count);
        Assert.Equal(Instant.FromUtc(1999, 2, 1, 7, 0), Assert.Single(import.Observations, o => o.Offered > 0).Start);
    }

    [Theory]
    [InlineData("AA0101\t1\t0\t0\tPS\t991301\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN", "date")]
    [InlineData("AA0101\t1\t0\t0\tXX\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN", "type")]
    [InlineData("AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:75:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN", "vru_exit")]
    [InlineData("AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\tx\tAGENT\t9:15:05\t9:17:05\t120\tDAN", "q_time")]
    [InlineData("AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tSERVED\t9:15:05\t9:17:05\t120\tDAN", "outcome")]
    [InlineData("AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t-4\tDAN", "ser_time")]
    [InlineData("AA0101\t1\t0\t7\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN", "priority")]
    [InlineData("AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120", "line")]
    [InlineData("AA0101\t1\t0\t0 PS X\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN", "line")]
    public void Read_MalformedRawLine_ReportsFileLineAndField(string row, string field)
    {
        var good = "AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN";

        var e = Assert.Single(Assert.Throws<ImportException>(() => ReadText($"{Header}\n{good}\n{row}\n{good}\n")).Errors);

        Assert.Equal(("raw.txt", 3, field), (e.File, e.Line, e.Field));
    }

    [Fact]
    public void Read_UnrecognisedHeader_IsHeaderError()
    {
        var e = Assert.Single(Assert.Throws<ImportException>(() => ReadText("a,b,c\n1,2,3\n")).Errors);

        Assert.Equal((1, "header"), (e.Line, e.Field));
    }
}
