using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.History;

public sealed class IntervalCsvTests
{
    private const string Header = "queue,interval_start,offered,answered,abandoned,handle_seconds";

    private static HistoryImport Read(string text, HistoryReadOptions? options = null) =>
        HistoryReader.Read(new StringReader(text), "test.csv", HistoryFormat.IntervalCsv, options);

    private static IReadOnlyList<ImportError> Errors(string text, HistoryReadOptions? options = null) =>
        Assert.Throws<ImportException>(() => Read(text, options)).Errors;

    private static ImportError SingleError(string text) => Assert.Single(Errors(text));

    [Fact]
    public void Read_OffsetForm_GivesExactInstants()
    {
        var import = Read($"{Header},wait_seconds,answered_within_sl\ncards,2026-11-02T09:15:00+06:00,10,8,2,1200.5,300,7\n");

        var o = Assert.Single(import.Observations);
        Assert.Equal(new IntervalObservation("cards", Instant.FromUtc(2026, 11, 2, 3, 15), Duration.FromMinutes(15), 10, 8, 2, 1200.5, 300, 7), o);
        Assert.Equal(1, import.RowsRead);
        Assert.Equal("test.csv", import.SourceFile);
        Assert.Equal(Duration.FromMinutes(15), import.IntervalLength);
    }

    [Fact]
    public void Read_ZoneForm_ResolvesInZoneAndReportsZone()
    {
        var import = Read($"{Header}\ncards,2026-11-02T09:15 Asia/Dhaka,10,8,2,1200\n");

        Assert.Equal(Instant.FromUtc(2026, 11, 2, 3, 15), Assert.Single(import.Observations).Start);
        Assert.Equal("Asia/Dhaka", import.Zone.Id);
        Assert.Null(import.Observations[0].WaitSeconds);
    }

    [Fact]
    public void Read_ColumnsInAnyOrderAndCase_AreFoundByName()
    {
        var import = Read("HANDLE_SECONDS,Abandoned,answered,offered,Interval_Start,Queue,interval_minutes\n60,1,2,3,2026-01-05T10:30+00:00,q,30\n");

        var o = Assert.Single(import.Observations);
        Assert.Equal((3.0, 2.0, 1.0, 60.0), (o.Offered, o.Answered, o.Abandoned, o.HandleSeconds));
        Assert.Equal(Duration.FromMinutes(30), o.Length);
    }

    [Fact]
    public void Read_RowsOutOfOrder_AreSortedByQueueThenStart()
    {
        var import = Read($"{Header}\nb,2026-01-05T10:00Z,1,1,0,1\na,2026-01-05T10:15Z,1,1,0,1\na,2026-01-05T10:00Z,1,1,0,1\n");

        Assert.Equal(["a@10:00", "a@10:15", "b@10:00"], import.Observations.Select(o => $"{o.QueueId}@{o.Start.InUtc().TimeOfDay:HH:mm}"));
    }

    [Fact]
    public void Read_BomQuotesAndBlankLines_AreAccepted()
    {
        var import = Read($"\uFEFF{Header}\n\"cards, gold\",\"2026-11-02T09:15:00+06:00\",\"10\",8,2,\"12.5\"\r\n\r\n\n   \n");

        Assert.Equal("cards, gold", Assert.Single(import.Observations).QueueId);
    }

    [Fact]
    public void Read_QuoteEscapedByDoubling_IsKeptInQueueId()
    {
        var import = Read($"{Header}\n\"say \"\"hi\"\"\",2026-11-02T09:15:00+06:00,1,1,0,1\n");

        Assert.Equal("say \"hi\"", Assert.Single(import.Observations).QueueId);
    }

    [Fact]
    public void Read_NonexistentLocalTimeOnSpringForwardDay_IsErrorNamingBothOffsets()
    {
        var e = SingleError($"{Header}\nq,2026-03-29T01:30 Europe/London,1,1,0,1\n");

        Assert.Equal(("test.csv", 2, "interval_start"), (e.File, e.Line, e.Field));
        Assert.Contains("does not exist", e.Reason);
        Assert.Contains("+00:00", e.Reason);
        Assert.Contains("+01:00", e.Reason);
    }

    [Fact]
    public void Read_AmbiguousLocalTimeOnFallBackDay_IsErrorNamingBothOffsets()
    {
        var e = SingleError($"{Header}\nq,2026-10-25T01:30 Europe/London,1,1,0,1\n");

        Assert.Equal((2, "interval_start"), (e.Line, e.Field));
        Assert.Contains("ambiguous", e.Reason);
        Assert.Contains("+01:00", e.Reason);
        Assert.Contains("+00:00", e.Reason);
    }

    [Fact]
    public void Read_AmbiguousTimeWrittenWithOffset_IsExact()
    {
        var import = Read($"{Header}\nq,2026-10-25T01:30+01:00,1,1,0,1\nq,2026-10-25T01:30+00:00,1,1,0,1\n");

        Assert.Equal([Instant.FromUtc(2026, 10, 25, 0, 30), Instant.FromUtc(2026, 10, 25, 1, 30)], import.Observations.Select(o => o.Start));
    }

    [Theory]
    [InlineData("q,2026-13-01T00:00,1,1,0,1", "interval_start", "interval start '2026-13-01T00:00' is not a valid date-time with an offset or zone")]
    [InlineData("q,2026-01-01T00:00 Mars/Base,1,1,0,1", "interval_start", "'Mars/Base' is not a known IANA time zone id")]
    [InlineData("q,2026-01-01T00:10+00:00,1,1,0,1", "interval_start", "is not on a 15-minute boundary")]
    [InlineData(" ,2026-01-01T00:00Z,1,1,0,1", "queue", "is empty")]
    [InlineData("q,2026-01-01T00:00Z,abc,1,0,1", "offered", "'abc' is not a whole number")]
    [InlineData("q,2026-01-01T00:00Z,1.5,1,0,1", "offered", "'1.5' is not a whole number")]
    [InlineData("q,2026-01-01T00:00Z,1,-1,0,1", "answered", "'-1' is negative")]
    [InlineData("q,2026-01-01T00:00Z,1,1,,1", "abandoned", "is empty")]
    [InlineData("q,2026-01-01T00:00Z,10,12,3,1", "offered", "answered (12) + abandoned (3) exceeds offered (10)")]
    [InlineData("q,2026-01-01T00:00Z,1,1,0,x", "handle_seconds", "'x' is not a number")]
    [InlineData("q,2026-01-01T00:00Z,1,1,0,-0.5", "handle_seconds", "is negative")]
    [InlineData("q,2026-01-01T00:00Z,1,1,0", "line", "has 5 fields; the header has 6")]
    [InlineData("q,2026-01-01T00:00Z,\"1,1,0,1", "line", "quoted field is not closed")]
    public void Read_BadField_ReportsFileLineAndField(string row, string field, string reason)
    {
        var e = SingleError($"{Header}\n{row}\n");

        Assert.Equal(("test.csv", 2, field), (e.File, e.Line, e.Field));
        Assert.Contains(reason, e.Reason);
    }

    [Theory]
    [InlineData("wait_seconds", "-3", "is negative")]
    [InlineData("answered_within_sl", "5", "5 exceeds answered (1)")]
    [InlineData("interval_minutes", "20", "'20' is not one of 5, 15, 30, 60")]
    public void Read_BadOptionalField_ReportsField(string column, string value, string reason)
    {
        var e = SingleError($"{Header},{column}\nq,2026-01-01T00:00Z,1,1,0,1,{value}\n");

        Assert.Equal((2, column), (e.Line, e.Field));
        Assert.Contains(reason, e.Reason);
    }

    [Fact]
    public void Read_UnknownColumn_IsErrorOnHeaderListingAllowedColumns()
    {
        var e = SingleError($"{Header},colour\nq,2026-01-01T00:00Z,1,1,0,1,red\n");

        Assert.Equal((1, "colour"), (e.Line, e.Field));
        Assert.Contains("unknown column 'colour'", e.Reason);
        Assert.Contains("answered_within_sl", e.Reason);
    }

    [Fact]
    public void Read_MissingRequiredColumn_IsErrorOnHeader()
    {
        var e = SingleError("queue,interval_start,offered,answered,abandoned\nq,2026-01-01T00:00Z,1,1,0\n");

        Assert.Equal((1, "handle_seconds"), (e.Line, e.Field));
    }

    [Fact]
    public void Read_DuplicateQueueAndStart_IsErrorNamingFirstLine()
    {
        // The same instant written two ways is still a duplicate.
        var e = SingleError($"{Header}\nq,2026-01-01T09:00+01:00,1,1,0,1\nq,2026-01-01T08:00Z,1,1,0,1\n");

        Assert.Equal((3, "interval_start"), (e.Line, e.Field));
        Assert.Contains("repeats line 2", e.Reason);
    }

    [Fact]
    public void Read_MixedIntervalLengths_IsError()
    {
        var e = SingleError($"{Header},interval_minutes\nq,2026-01-01T00:00Z,1,1,0,1,15\nq,2026-01-01T01:00Z,1,1,0,1,30\n");

        Assert.Equal((3, "interval_minutes"), (e.Line, e.Field));
    }

    [Fact]
    public void Read_SeveralBadLines_ReportsEveryOneAndReturnsNothing()
    {
        var errors = Errors($"{Header}\nq,2026-01-01T00:00Z,x,1,0,1\nq,2026-01-01T00:15Z,1,1,0,1\nq,bad,1,1,0,1\nq,2026-01-01T00:45Z,1,1,0,-1\n");

        Assert.Equal([(2, "offered"), (4, "interval_start"), (5, "handle_seconds")], errors.Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public void Read_EmptyFile_IsHeaderError()
    {
        var e = SingleError("");

        Assert.Equal((1, "header"), (e.Line, e.Field));
    }

    [Fact]
    public void Read_IntervalMinutesOption_MergesIntoLongerIntervals()
    {
        var import = Read($"{Header},wait_seconds\nq,2026-01-01T09:00Z,1,1,0,10,1\nq,2026-01-01T09:15Z,2,1,1,20,2\nq,2026-01-01T09:30Z,4,4,0,40,4\n",
            new HistoryReadOptions { IntervalMinutes = 30 });

        Assert.Equal([(3.0, 30.0, (double?)3), (4.0, 40.0, 4)], import.Observations.Select(o => (o.Offered, o.HandleSeconds, o.WaitSeconds)));
        Assert.All(import.Observations, o => Assert.Equal(Duration.FromMinutes(30), o.Length));
    }

    [Fact]
    public void Read_IntervalMinutesShorterThanFile_IsError()
    {
        var e = SingleError($"{Header},interval_minutes\nq,2026-01-01T09:00Z,1,1,0,10,30\n", new HistoryReadOptions { IntervalMinutes = 15 });

        Assert.Equal((1, "interval_minutes"), (e.Line, e.Field));
    }

    private static ImportError SingleError(string text, HistoryReadOptions options) => Assert.Single(Errors(text, options));

    [Fact]
    public void Read_ExampleInFormatDocument_Parses()
    {
        var doc = FindUp(Path.Combine("docs", "formats", "interval-csv.md"));
        var text = File.ReadAllText(doc);
        var start = text.IndexOf("```csv\n", StringComparison.Ordinal) + "```csv\n".Length;
        var example = text[start..text.IndexOf("```", start, StringComparison.Ordinal)];

        var import = Read(example);

        Assert.Equal(4, import.Observations.Count);
        Assert.Equal("Asia/Dhaka", import.Zone.Id);
    }

    private static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }

        throw new InvalidOperationException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
