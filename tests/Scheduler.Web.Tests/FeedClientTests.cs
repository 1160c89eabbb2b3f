using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Schedule;
using Scheduler.Web.Features.Security;

namespace Scheduler.Web.Tests;

/// <summary>
/// The calendar feed read by a second implementation: ical.js (Thunderbird's parser, from npm), which knows no time
/// zones but the VTIMEZONE components in the file. It must find the same instants as the roster holds.
/// </summary>
public sealed class FeedClientTests
{
    private static readonly SemaphoreSlim NpmGate = new(1, 1);

    [Fact]
    public async Task A_client_using_only_the_files_VTIMEZONE_gets_the_right_instants_in_Dhaka_and_in_London_across_the_UK_clock_change()
    {
        await using var host = await WebTestHost.CreateAsync();
        await MyScheduleTests.PublishAsync(host);
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Options.Create(new SecurityOptions()));
        var now = Instant.FromUtc(2027, 3, 20, 0, 0);

        var nadia = await ReadAsync(await schedule.FeedAsync(await schedule.RenewTokenAsync("nadia", default), now, default));
        var tanvir = await ReadAsync(await schedule.FeedAsync(await schedule.RenewTokenAsync("tanvir", default), now, default));

        // Dhaka 04:00-12:00 on Sunday 28 March 2027 is London 22:00 GMT Saturday to 07:00 BST Sunday: 8 elapsed hours.
        var night = Assert.Single(nadia);
        Assert.Equal(("Europe/London", false), (night.GetProperty("tzid").GetString(), night.GetProperty("floating").GetBoolean()));
        Assert.Equal("2027-03-27T22:00:00.000Z", night.GetProperty("start").GetString());
        Assert.Equal("2027-03-28T06:00:00.000Z", night.GetProperty("end").GetString());
        // Dhaka 09:00-17:00 on Monday 29 March (UTC+6 all year).
        var day = Assert.Single(tanvir);
        Assert.Equal("Asia/Dhaka", day.GetProperty("tzid").GetString());
        Assert.Equal("2027-03-29T03:00:00.000Z", day.GetProperty("start").GetString());
        Assert.Equal("2027-03-29T11:00:00.000Z", day.GetProperty("end").GetString());
    }

    [Fact]
    public async Task A_changed_shift_gets_a_higher_SEQUENCE_and_a_new_LAST_MODIFIED_and_a_removed_one_leaves_the_feed()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (scenario, roster) = await MyScheduleTests.PublishAsync(host);
        var schedule = new MySchedule(host.Factory, host.Rosters, host.Clock, Options.Create(new SecurityOptions()));
        var token = await schedule.RenewTokenAsync("tanvir", default);
        var firstPublish = host.Clock.GetCurrentInstant();
        var before = Assert.Single(await ReadAsync(await schedule.FeedAsync(token, firstPublish, default)));

        host.Clock.Advance(Duration.FromHours(3));
        var monday = MyScheduleTests.Sunday.PlusDays(1);
        var moved = new Roster([.. roster.Shifts.Where(s => s.AgentId != "tanvir"), new ShiftOption(scenario, scenario.Template("ft8"), monday, new LocalTime(10, 0), Duration.FromHours(8)).Assign("tanvir", scenario.IntervalLength)]);
        var published = await host.Rosters.PublishedAsync(host.Site.SiteId, MyScheduleTests.Sunday, default);
        var draft = await host.Rosters.SaveEditAsync(published!.Entity.Id, published.Entity.Version, moved, "rahima", default);
        await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);
        var after = Assert.Single(await ReadAsync(await schedule.FeedAsync(token, host.Clock.GetCurrentInstant(), default)));

        Assert.Equal(before.GetProperty("uid").GetString(), after.GetProperty("uid").GetString()); // the same event, changed
        Assert.Equal((0, 1), (before.GetProperty("sequence").GetInt32(), after.GetProperty("sequence").GetInt32()));
        Assert.Equal(firstPublish.ToDateTimeUtc(), before.GetProperty("lastModified").GetDateTime().ToUniversalTime());
        Assert.Equal(host.Clock.GetCurrentInstant().ToDateTimeUtc(), after.GetProperty("lastModified").GetDateTime().ToUniversalTime());
        Assert.Equal("2027-03-29T04:00:00.000Z", after.GetProperty("start").GetString());

        var latest = await host.Rosters.PublishedAsync(host.Site.SiteId, MyScheduleTests.Sunday, default);
        var removed = await host.Rosters.SaveEditAsync(latest!.Entity.Id, latest.Entity.Version, new Roster([.. roster.Shifts.Where(s => s.AgentId != "tanvir")]), "rahima", default);
        await host.Rosters.PublishAsync(removed.Id, removed.Version, "rahima", default);
        Assert.Empty(await ReadAsync(await schedule.FeedAsync(token, host.Clock.GetCurrentInstant(), default)));
    }

    /// <summary>Runs ical.js on the feed (installing it from npm into tests/Scheduler.Web.Tests/ical-check the first time).</summary>
    private static async Task<List<JsonElement>> ReadAsync(string? ics)
    {
        Assert.NotNull(ics);
        var folder = Folder();
        await NpmGate.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "ical.js")))
            {
                var (code, output) = await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error", folder);
                Assert.True(code == 0, $"npm ci failed: {output}");
            }
        }
        finally
        {
            NpmGate.Release();
        }

        var file = Path.Combine(Path.GetTempPath(), $"feed-{Guid.NewGuid():N}.ics");
        await File.WriteAllTextAsync(file, ics);
        try
        {
            var (exit, json) = await RunAsync("node", $"check.mjs \"{file}\"", folder);
            Assert.True(exit == 0, $"ical.js could not read the feed: {json}\n{ics}");
            return [.. JsonDocument.Parse(json).RootElement.EnumerateArray()];
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Folder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Scheduler.Web.Tests", "ical-check");
            }
        }

        throw new DirectoryNotFoundException("Scheduler.sln not found above the test binaries.");
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string arguments, string folder)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
