using Ical.Net;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Web.Features.Schedule;
using Scheduler.Web.Features.Security;

namespace Scheduler.Web.Tests;

/// <summary>
/// The calendar feed speaks the agent's language: a calendar app fetches it without a cookie, so the language and
/// digits come from the account linked to the agent, else the site's default. Read back by Ical.Net, not by our writer.
/// </summary>
public sealed class FeedLanguageTests
{
    [Fact]
    public async Task An_agent_who_reads_Bangla_gets_Bangla_event_text_with_Bengali_digits()
    {
        await using var host = await WebTestHost.CreateAsync();
        await MyScheduleTests.PublishAsync(host);
        await LinkAccountAsync(host, "nadia", "bn", latinDigits: false);

        var shift = Assert.Single(await EventsAsync(host, "nadia"));

        // Dhaka 04:00-12:00 is London 22:00-07:00 across the clock change, as in English; only the words and digits change.
        Assert.Equal("শিফট ২২:০০-০৭:০০", shift.Summary);
        Assert.StartsWith("শিফট ft8, ৮ ঘণ্টা\nবিরতি:\nবিরতি ২৩:৪৫-০০:০০\nবিনা বেতনের বিরতি ০২:", shift.Description, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]", shift.Description!.Replace("ft8", string.Empty, StringComparison.Ordinal));
        Assert.Equal(new DateTime(2027, 3, 27, 22, 0, 0, DateTimeKind.Unspecified), shift.Start!.Value);
    }

    [Fact]
    public async Task An_agent_who_keeps_Latin_digits_gets_Bangla_words_with_Latin_digits()
    {
        await using var host = await WebTestHost.CreateAsync();
        await MyScheduleTests.PublishAsync(host);
        await LinkAccountAsync(host, "nadia", "bn", latinDigits: true);

        var shift = Assert.Single(await EventsAsync(host, "nadia"));

        Assert.Equal("শিফট 22:00-07:00", shift.Summary);
    }

    [Fact]
    public async Task An_agent_with_no_language_of_their_own_gets_the_site_default()
    {
        await using var host = await WebTestHost.CreateAsync();
        await MyScheduleTests.PublishAsync(host);
        await LinkAccountAsync(host, "nadia", null, latinDigits: false);

        Assert.Equal("Shift 22:00-07:00", Assert.Single(await EventsAsync(host, "nadia", siteDefault: "en")).Summary);
        Assert.Equal("শিফট ২২:০০-০৭:০০", Assert.Single(await EventsAsync(host, "nadia", siteDefault: "bn")).Summary);
    }

    private static async Task LinkAccountAsync(WebTestHost host, string agentId, string? language, bool latinDigits)
    {
        await using var db = await host.Factory.CreateDbContextAsync();
        db.Users.Add(new SchedulerUser { UserName = agentId, NormalizedUserName = agentId.ToUpperInvariant(), AgentId = agentId, Language = language, LatinDigits = latinDigits });
        await db.SaveChangesAsync();
    }

    private static async Task<IReadOnlyList<Ical.Net.CalendarComponents.CalendarEvent>> EventsAsync(WebTestHost host, string agentId, string siteDefault = "en")
    {
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Options.Create(new SecurityOptions()), Options.Create(new SchedulerWebOptions { DefaultLanguage = siteDefault }));
        var ics = await schedule.FeedAsync(await schedule.RenewTokenAsync(agentId, default), Instant.FromUtc(2027, 3, 20, 0, 0), default);
        Assert.NotNull(ics);
        return [.. Calendar.Load(ics)!.Events];
    }
}
