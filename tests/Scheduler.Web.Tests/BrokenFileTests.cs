using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Web.Features.Agents;
using Scheduler.Web.Features.Forecast;

namespace Scheduler.Web.Tests;

/// <summary>
/// A seeded generator of broken history and agent files (truncated lines, wrong encodings, BOMs, swapped columns, huge
/// numbers, negative counts, DST-gap local times, duplicate intervals, unknown queues, random bytes). Every case either
/// imports whole or is refused with file, line and field, and after a refusal the stored data is unchanged, row for row.
/// </summary>
public sealed class BrokenFileTests
{
    private const string Header = "queue,interval_start,interval_minutes,offered,answered,abandoned,handle_seconds,wait_seconds";

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Broken_history_files_import_whole_or_are_refused_by_line_and_field_and_change_nothing(int seed)
    {
        await using var host = await WebTestHost.CreateAsync(seed: false);
        await SeedSiteAsync(host);
        var forecasts = new ForecastService(host.History, host.Site, host.Clock, Microsoft.Extensions.Options.Options.Create(new SchedulerWebOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<ForecastService>.Instance, host.Holidays);
        var random = new Random(seed);
        var (imported, refused) = (0, 0);
        for (var n = 0; n < 25; n++)
        {
            var (name, bytes) = BrokenHistory(random, $"h{seed}-{n}.csv");
            var before = await SnapshotAsync(host);
            var outcome = await forecasts.ImportAsync(new MemoryStream(bytes), name, "test", default, OverlapChoice.Replace);
            if (outcome.Succeeded)
            {
                Assert.Empty(outcome.Errors);
                Assert.Equal(outcome.Stored!.RowCount, (await SnapshotAsync(host)).Rows - before.Rows + outcome.Stored.ReplacedCount);
                imported++;
                continue;
            }

            refused++;
            Assert.NotEmpty(outcome.Errors);
            Assert.All(outcome.Errors, e =>
            {
                Assert.Equal(name, e.File);
                Assert.True(e.Line >= 0, $"line {e.Line}");
                Assert.False(string.IsNullOrWhiteSpace(e.Field));
                Assert.False(string.IsNullOrWhiteSpace(e.Reason));
            });
            Assert.Equal(before, await SnapshotAsync(host));
        }

        Assert.True(imported > 0 && refused > 0, $"seed {seed}: {imported} imported, {refused} refused; the generator must make both");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Broken_agent_files_import_whole_or_are_refused_by_line_and_field_and_change_nothing(int seed)
    {
        await using var host = await WebTestHost.CreateAsync(seed: false);
        await SeedSiteAsync(host);
        var random = new Random(1000 + seed);
        var (imported, refused) = (0, 0);
        for (var n = 0; n < 25; n++)
        {
            var name = $"a{seed}-{n}.csv";
            var text = Decode(BrokenAgents(random, await host.Agents.ListAsync(default)));
            var before = await AgentsAsync(host);
            var (added, updated, errors) = await host.Agents.ImportAsync(text, name, "test", default);
            if (errors.Count == 0)
            {
                Assert.Equal(added, (await AgentsAsync(host)).Split('\n').Length - before.Split('\n').Length);
                imported++;
                continue;
            }

            refused++;
            Assert.Equal((0, 0), (added, updated));
            Assert.All(errors, e => Assert.True(e.File == name && e.Line >= 1 && e.Field.Length > 0 && e.Reason.Length > 0, e.ToString()));
            Assert.Equal(before, await AgentsAsync(host));
        }

        Assert.True(imported > 0 && refused > 0, $"seed {seed}: {imported} imported, {refused} refused; the generator must make both");
    }

    private static async Task SeedSiteAsync(WebTestHost host)
    {
        await using var db = await host.Factory.CreateDbContextAsync();
        db.Sites.Add(Data.Entities.SiteEntity.From(host.Site.Staffing.Site));
        db.Agents.AddRange(Features.Demo.DemoSeeder.Agents(host.Site.SiteId, 8));
        db.Queues.AddRange(host.Site.Staffing.Queues.Select(q => Data.Entities.QueueEntity.From(q.Queue, host.Site.SiteId)));
        await db.SaveChangesAsync();
    }

    /// <summary>Every stored interval and import, as text: equal snapshots mean nothing changed.</summary>
    private static async Task<(int Rows, string Text)> SnapshotAsync(WebTestHost host)
    {
        await using var db = await host.Factory.CreateDbContextAsync();
        var rows = await db.IntervalObservations.AsNoTracking().OrderBy(o => o.Id).Select(o => $"{o.Id}|{o.QueueId}|{o.Start}|{o.Length}|{o.Offered}|{o.Answered}|{o.Abandoned}|{o.HandleSeconds}|{o.WaitSeconds}|{o.ImportId}").ToListAsync();
        var imports = await db.HistoryImports.AsNoTracking().OrderBy(i => i.Id).Select(i => $"{i.Id}|{i.FileName}|{i.RowCount}").ToListAsync();
        return (rows.Count, string.Join("\n", rows.Concat(imports)));
    }

    private static async Task<string> AgentsAsync(WebTestHost host) => AgentService.Export(await host.Agents.ListAsync(default)).TrimEnd();

    /// <summary>A history file that is good, or broken in one or more of the ways real exports break.</summary>
    private static (string Name, byte[] Bytes) BrokenHistory(Random random, string name)
    {
        var start = new LocalDateTime(2026, 11, 1, 0, 0).PlusMinutes(15 * random.Next(0, 2000));
        var lines = new List<string> { Header };
        var queues = new[] { "voice-bn", "voice-en", "chat-bn", "email-en" };
        for (var i = 0; i < random.Next(1, 30); i++)
        {
            var at = start.PlusMinutes(15 * i);
            var offered = random.Next(0, 60);
            var answered = random.Next(0, offered + 1);
            lines.Add($"{queues[random.Next(queues.Length)]},{at:yyyy-MM-dd'T'HH:mm} Asia/Dhaka,15,{offered},{answered},{offered - answered},{random.Next(60, 900) * Math.Max(1, answered)},{random.Next(0, 200)}");
        }

        var breaks = random.Next(0, 4); // 0: a good file
        for (var b = 0; b < breaks; b++)
        {
            var at = random.Next(1, lines.Count + 1);
            var line = at < lines.Count ? lines[at] : lines[^1];
            switch (random.Next(11))
            {
                case 0: lines[Math.Min(at, lines.Count - 1)] = line[..random.Next(0, line.Length)]; break; // truncated
                case 1: lines.Insert(at, string.Join(',', line.Split(',').Reverse())); break; // swapped columns
                case 2: lines.Insert(at, line.Replace(",15,", ",15,99999999999999999999,", StringComparison.Ordinal)); break; // huge number
                case 3: lines.Insert(at, "voice-bn,2026-11-03T10:00 Asia/Dhaka,15,-4,1,1,300,10"); break; // negative count
                case 4: lines.Insert(at, "voice-bn,2027-03-28T01:30 Europe/London,15,4,4,0,300,10"); break; // a local time in the UK clock-change gap
                case 5: lines.Insert(at, line); break; // duplicate interval
                case 6: lines.Insert(at, "voice-zz,2026-11-03T10:00 Asia/Dhaka,15,4,4,0,300,10"); break; // unknown queue
                case 7: lines.Insert(at, "voice-bn,2099-01-04T09:00 Asia/Dhaka,15,10,8,2,300,30"); break; // in the future
                case 8: lines.Insert(at, Encoding.Latin1.GetString([.. Enumerable.Range(0, random.Next(1, 80)).Select(_ => (byte)random.Next(0, 256))])); break; // random bytes
                case 9: lines.Insert(at, "voice-bn,2026-11-03T10:07 Asia/Dhaka,15,4,4,0,300,10"); break; // off the 15-minute grid
                default: lines.Insert(at, "voice-bn,2026-11-03T10:00 Asia/Dhaka,15,4,9,0,300,10"); break; // answered more than offered
            }
        }

        var text = string.Join(random.Next(2) == 0 ? "\n" : "\r\n", lines) + "\n";
        var bytes = random.Next(5) switch
        {
            0 => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)], // a BOM
            1 => Encoding.Unicode.GetBytes(text), // UTF-16, as some Windows exports are
            2 => Encoding.Latin1.GetBytes(text.Replace("voice-bn", "voice-bñ", StringComparison.Ordinal)), // a wrong encoding and a queue it mangles
            _ => Encoding.UTF8.GetBytes(text),
        };
        return (name, bytes);
    }

    private static byte[] BrokenAgents(Random random, IReadOnlyList<Data.Entities.AgentEntity> agents)
    {
        var lines = AgentService.Export(agents).TrimEnd().Split('\n').ToList();
        lines.Add("n900,New Agent,Asia/Dhaka,voice-bn,bn,32,48,6,1,yes,Fri,");
        for (var b = 0; b < random.Next(0, 4); b++)
        {
            var at = random.Next(1, lines.Count);
            var line = lines[at];
            switch (random.Next(8))
            {
                case 0: lines[at] = line[..random.Next(0, line.Length)]; break; // truncated
                case 1: lines[at] = string.Join(',', line.Split(',').Reverse()); break; // swapped columns
                case 2: lines[at] = line.Replace(",32,", ",99999999999,", StringComparison.Ordinal).Replace(",12,", ",99999999999,", StringComparison.Ordinal); break; // huge hours
                case 3: lines.Insert(at, "n901,Minus,Asia/Dhaka,voice-bn,bn,-5,48,6,1,yes,,"); break; // negative hours
                case 4: lines.Insert(at, "n902,Nowhere,Asia/Dhakka,voice-bn,bn,32,48,6,1,yes,,"); break; // a zone that does not exist
                case 5: lines.Insert(at, line); break; // the same agent twice
                case 6: lines.Insert(at, "n903,Phone,Asia/Dhaka,phone,bn,32,48,6,1,yes,,"); break; // unknown queue
                default: lines.Insert(at, Encoding.Latin1.GetString([.. Enumerable.Range(0, random.Next(1, 80)).Select(_ => (byte)random.Next(32, 256))])); break; // random bytes
            }
        }

        var text = string.Join("\n", lines) + "\n";
        return random.Next(4) == 0 ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>What the Agents page's upload does with the bytes.</summary>
    private static string Decode(byte[] bytes) => new StreamReader(new MemoryStream(bytes)).ReadToEnd();
}
