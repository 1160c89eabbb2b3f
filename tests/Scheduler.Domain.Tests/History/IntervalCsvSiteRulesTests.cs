using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.History;

/// <summary>What a site refuses in a history file: queues it does not have, intervals in the future; and how many errors a file may list.</summary>
public sealed class IntervalCsvSiteRulesTests
{
    private const string Header = "queue,interval_start,interval_minutes,offered,answered,abandoned,handle_seconds,wait_seconds";

    private static readonly HistoryReadOptions Site = new()
    {
        Zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"],
        KnownQueues = ["voice-bn", "voice-en", "chat-bn", "email-en"],
        NotAfter = Instant.FromUtc(2026, 12, 2, 0, 0),
    };

    [Fact]
    public void Read_TheIssuesPoisonedRow_IsRefusedWithItsLineForBothReasons()
    {
        var text = "queue,interval_start,interval_minutes,offered,answered,abandoned,handle_seconds\nvoice-bn,2026-11-30T09:00 Asia/Dhaka,15,10,8,2,300\nvoice-zz,2099-01-04T09:00 Asia/Dhaka,15,10,8,2,300\n";

        var errors = Assert.Throws<ImportException>(() => HistoryReader.Read(new StringReader(text), "poison.csv", HistoryFormat.IntervalCsv, Site)).Errors;

        var queue = Assert.Single(errors, e => e.Field == "queue");
        Assert.Equal(("poison.csv", 3), (queue.File, queue.Line));
        Assert.Contains("'voice-zz' is not a queue of this site (chat-bn, email-en, voice-bn, voice-en)", queue.Reason);
        Assert.Contains("add the queue", queue.Reason);
        var future = Assert.Single(errors, e => e.Field == "interval_start");
        Assert.Equal(3, future.Line);
        Assert.Contains("in the future", future.Reason);
    }

    [Fact]
    public void Read_AKnownQueueInTheFuture_IsRefusedOnInterval_start()
    {
        var text = $"{Header}\nvoice-bn,2026-12-01T09:00 Asia/Dhaka,15,10,8,2,300,30\nvoice-bn,2027-01-04T09:00 Asia/Dhaka,15,10,8,2,300,30\n";

        var error = Assert.Single(Assert.Throws<ImportException>(() => HistoryReader.Read(new StringReader(text), "f.csv", HistoryFormat.IntervalCsv, Site)).Errors);

        Assert.Equal((3, "interval_start"), (error.Line, error.Field)); // 09:00 Dhaka on 1 Dec ends before 2 Dec 00:00 UTC; January does not
        Assert.Contains("in the future", error.Reason);
    }

    [Fact]
    public void Read_WithoutSiteRules_AcceptsAnyQueueAndDate()
    {
        var text = $"{Header}\nvoice-zz,2099-01-04T09:00 Asia/Dhaka,15,10,8,2,300,30\n";

        Assert.Single(HistoryReader.Read(new StringReader(text), "cli.csv", HistoryFormat.IntervalCsv, HistoryReadOptions.Default).Observations);
    }

    [Fact]
    public void Read_AFileOfGarbage_ListsTheFirst200ErrorsAndCountsThemAll()
    {
        var text = new StringWriter();
        text.WriteLine(Header);
        for (var i = 0; i < 5_000; i++)
        {
            text.WriteLine($"voice-bn,not a time {i},15,x,8,2,300,30");
        }

        var refused = Assert.Throws<ImportException>(() => HistoryReader.Read(new StringReader(text.ToString()), "garbage.csv", HistoryFormat.IntervalCsv, Site));

        Assert.Equal(200, refused.Errors.Count);
        Assert.True(refused.Total >= 5_000, $"{refused.Total} errors counted");
        Assert.Equal(2, refused.Errors[0].Line);
        Assert.StartsWith($"{refused.Total} bad line(s)", refused.Message);
    }
}
