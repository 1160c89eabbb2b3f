using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.History;

public sealed class AnonymousBankCallReaderTests
{
    private const string Header =
        "vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver";

    private static string Raw(string name) => TestData.File("anonymous_bank_1999", "raw", name);

    private static IReadOnlyList<AnonymousBankCall> ReadText(string text) => AnonymousBankCallReader.Read(new StringReader(text), "raw.txt");

    [Fact]
    public void Read_January_GivesTheReadmeTotals()
    {
        var calls = AnonymousBankCallReader.Read(Raw("january.txt"));

        Assert.Equal(31_599, calls.Count);
        Assert.Equal(240, calls.Count(c => c.Outcome == AnonymousBankOutcome.Phantom));
        Assert.Equal(27_060, calls.Count(c => c.Outcome == AnonymousBankOutcome.Agent));
        Assert.Equal(4_299, calls.Count(c => c.Outcome == AnonymousBankOutcome.Hang));
        Assert.Equal(490, calls.Count(c => c.Outcome == AnonymousBankOutcome.Agent && c.Server is null));
        Assert.Equal(28, calls.Where(c => c.Outcome == AnonymousBankOutcome.Agent && c.Server is not null).Select(c => c.Server).Distinct().Count()); // 29 with NO_SERVER
        Assert.Equal(21, calls.Count(c => c.ServiceEnd is { } end && end.Date > c.ServiceStart!.Value.Date)); // service past midnight
        Assert.Equal(3, calls.Count(c => c.ServiceStart is { } start && start.Date > c.Date)); // queued before midnight, served after
        // No queue start lands on the wrong day: each is within an hour of entering the VRU (clock skew reaches about 2 min).
        Assert.All(calls.Where(c => c.Queued), c => Assert.InRange(Period.Between(c.VruEntry, c.QueueStart!.Value, PeriodUnits.Minutes).Minutes, -60, 60));
    }

    [Fact]
    public void Read_February_PlacesTheCallThatQueuedAtMidnightOnTheNextDay()
    {
        var calls = AnonymousBankCallReader.Read(Raw("data_anonymous_bank_february.txt"));

        var call = Assert.Single(calls, c => c.VruLine == "AA0102" && c.CallId == 31056);
        Assert.Equal(new LocalDateTime(1999, 2, 15, 23, 59, 54), call.VruEntry);
        Assert.True(call.Queued);
        Assert.Equal(new LocalDateTime(1999, 2, 16, 0, 0, 0), call.QueueStart);
        Assert.Equal(27, call.QueueSeconds);
        Assert.Equal(new LocalDateTime(1999, 2, 16, 0, 0, 26), call.ServiceStart);
        Assert.Equal(new LocalDateTime(1999, 2, 16, 0, 1, 33), call.ServiceEnd);
        Assert.Equal("AVNI", call.Server);
        Assert.Equal(16, calls.Count(c => c.ServiceEnd is { } end && end.Date > c.ServiceStart!.Value.Date));
    }

    [Fact]
    public void Read_SyntheticCalls_TellQueueFromVruAndServerFromNobody()
    {
        var calls = ReadText(
            $"{Header}\r\n" +
            "AA0101\t1\t555\t2\tPS\t990201\t9:14:50\t9:15:05\t15\t9:15:05\t9:15:35\t30\tAGENT\t9:15:35\t9:17:35\t120\tDAN\r\n" +
            "AA0101\t2\t0\t0\tNW\t990201\t9:20:00\t9:20:10\t10\t0:00:00\t0:00:00\t0\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n" +
            "AA0101\t3\t0\t0\tNW\t990201\t9:25:00\t9:25:10\t10\t9:25:10\t9:26:10\t60\tHANG\t0:00:00\t0:00:00\t0\tNO_SERVER\r\n" +
            "AA0101\t4\t0\t0\tTT\t990201\t9:28:00\t9:28:10\t10\t0:00:00\t0:00:00\t0\tAGENT\t9:28:12\t9:28:15\t3\tNO_SERVER\r\n" +
            "AA0108\t5\t0\t0       IN\t990201\t23:50:00\t23:50:08\t8\t23:50:08\t23:50:20\t12\tAGENT\t23:50:20\t0:10:20\t1200\tRUTH\r\n");

        Assert.Equal(5, calls.Count);
        var (served, vruHang, queueHang, automatic, late) = (calls[0], calls[1], calls[2], calls[3], calls[4]);
        Assert.Equal((2, "PS", "555", "DAN"), (served.Priority, served.Type, served.CustomerId, served.Server));
        Assert.Equal(new LocalDateTime(1999, 2, 1, 9, 15, 5), served.QueueStart);
        Assert.Equal(new LocalDateTime(1999, 2, 1, 9, 17, 35), served.ServiceEnd);
        Assert.True(vruHang.AbandonedAtVru);
        Assert.False(vruHang.AbandonedInQueue);
        Assert.Null(vruHang.QueueStart);
        Assert.Null(vruHang.ServiceStart);
        Assert.True(queueHang.AbandonedInQueue);
        Assert.Equal(60, queueHang.QueueSeconds);
        Assert.Null(automatic.Server);
        Assert.False(automatic.Queued);
        Assert.Equal(AnonymousBankOutcome.Agent, automatic.Outcome);
        Assert.Equal("IN", late.Type); // the 16-field line repaired
        Assert.Equal(new LocalDateTime(1999, 2, 2, 0, 10, 20), late.ServiceEnd);
    }

    [Theory]
    [InlineData("AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120", "line")]
    [InlineData("AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t9:61:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN", "q_start")]
    [InlineData("AA0101\tx\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN", "call_id")]
    [InlineData("AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\t ", "server")]
    public void Read_MalformedLine_ThrowsWithFileLineAndField(string row, string field)
    {
        var good = "AA0101\t1\t0\t0\tPS\t990201\t9:14:50\t9:15:05\t15\t0:00:00\t0:00:00\t0\tAGENT\t9:15:05\t9:17:05\t120\tDAN";

        var e = Assert.Single(Assert.Throws<ImportException>(() => ReadText($"{Header}\n{good}\n{row}\n{good}\n")).Errors);

        Assert.Equal(("raw.txt", 3, field), (e.File, e.Line, e.Field));
    }

    [Fact]
    public void Read_WrongHeader_IsAnErrorOnLineOne()
    {
        var e = Assert.Single(Assert.Throws<ImportException>(() => ReadText("date,weekday,interval_start\n1999-01-01,Fri,00:00\n")).Errors);

        Assert.Equal((1, "header"), (e.Line, e.Field));
    }
}
