using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Entities;
using Scheduler.Data.History;
using Scheduler.Domain.Demo;
using Scheduler.Domain.History;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Demo;

/// <summary>A demo sign-in, listed on the sign-in page in Development only.</summary>
public sealed record DemoUser(string UserName, string Password, string Role, string Who);

/// <summary>
/// Seeds the demo contact centre once into an empty database: the Dhaka site and its queues, 85 agents (a few remote
/// in London and New York), eight weeks of history, and in Development the demo users of each role (flagged as demo:
/// a Production start refuses a database that holds them).
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<SchedulerDbContext> contextFactory, HistoryStore history, SiteSettings site, IServiceProvider services, IClock clock, ILogger<DemoSeeder> logger)
{
    public const string Password = "Scheduler-demo-1";

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("rahima", Password, Roles.Supervisor, "Rahima, supervisor"),
        new("sabbir", Password, Roles.Supervisor, "Sabbir, second supervisor"),
        new("tanvir", Password, Roles.Agent, "Tanvir, agent in Dhaka"),
        new("nadia", Password, Roles.Agent, "Nadia, agent in London"),
        new("karim", Password, Roles.Manager, "Karim, manager"),
        new("sohel", Password, Roles.Administrator, "Sohel, IT administrator"),
    ];

    private static readonly string[] GivenNames =
    [
        "Tanvir", "Nadia", "Rafiq", "Sumaiya", "Arif", "Farhana", "Imran", "Nusrat", "Shakil", "Tahmina", "Rezaul", "Sadia",
        "Mahmud", "Jannat", "Habib", "Mitu", "Kamal", "Rumana", "Sohel", "Lamia", "Anis", "Shirin", "Fahim", "Tania",
        "Jahid", "Sharmin", "Nayeem", "Ayesha", "Rakib", "Mim",
    ];

    private static readonly string[] FamilyNames = ["Ahmed", "Hossain", "Rahman", "Islam", "Khan", "Chowdhury", "Akter", "Sarker", "Uddin", "Begum"];

    public async Task SeedAsync(bool demo, bool development, CancellationToken ct, int agents = DefaultAgents, bool holidayLeave = true)
    {
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            using (var scope = services.CreateScope())
            {
                await Data.Accounts.AccountService.EnsureRolesAsync(scope, ct);
            }

            if (!demo || await db.Sites.AnyAsync(ct))
            {
                return;
            }

            logger.LogInformation("Seeding the demo contact centre {SiteId}", site.SiteId);
            db.Sites.Add(SiteEntity.From(site.Staffing.Site));
            foreach (var q in site.Staffing.Queues)
            {
                db.Queues.Add(QueueEntity.From(q.Queue, site.SiteId));
            }

            var seeded = Agents(site.SiteId, agents).ToList();
            db.Agents.AddRange(seeded);
            if (holidayLeave)
            {
                db.ShiftRequests.AddRange(HolidayLeave(site.SiteId, seeded, clock.GetCurrentInstant()));
            }
            await db.SaveChangesAsync(ct);
        }

        using (var writer = new StringWriter())
        {
            DemoCentre.WriteHistory(DemoCentre.DataFolder(), writer);
            var import = HistoryReader.Read(new StringReader(writer.ToString()), "demo-history.csv", HistoryFormat.IntervalCsv);
            await history.ImportAsync("demo-history.csv", "interval-csv", import.Observations, ct);
        }

        if (development)
        {
            using var scope = services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SchedulerUser>>();
            foreach (var u in Users)
            {
                var user = new SchedulerUser { UserName = u.UserName, DisplayName = u.Who, AgentId = u.Role == Roles.Agent ? u.UserName : null, IsDemo = true };
                var created = await users.CreateAsync(user, u.Password);
                if (!created.Succeeded)
                {
                    throw new InvalidOperationException($"Demo user {u.UserName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                }

                await users.AddToRoleAsync(user, u.Role);
            }
        }

        logger.LogInformation("Demo contact centre seeded: {Agents} agents", agents);
    }

    /// <summary>Agents in the demo centre: the first 60 (the demo users' agents and those the tests name) and the hires
    /// of <see cref="Hires"/> that staff it for its demand (decision 021).</summary>
    public const int DefaultAgents = 60 + 25;

    /// <summary>
    /// The agents hired after the first 60, one row each: skills, contract hours (min-max paid a week), days off, night
    /// work, zone and availability. Sized by measuring: the first 60 leave the demo week 17 % short (email 40 %, chat
    /// 16 %, voice-bn 8 %); these close it to 97-100 % with the default 30 s solve (DemoCoverageTests; CP-SAT's parallel
    /// search varies from run to run), Victory Day's approved leave making the holiday the week's tightest day.
    /// </summary>
    private static readonly Hire[] Hires =
    [
        // Email is the shortest queue (40 % short): English writers, most of them also on English calls or Bangla chat.
        new(["email-en", "voice-en"], 40, 48, Zone: "Asia/Dhaka"),
        new(["email-en", "voice-en"], 40, 48, Zone: "Asia/Dhaka"),
        new(["email-en", "chat-bn"], 40, 48, Zone: "Asia/Dhaka"),
        new(["email-en", "chat-bn"], 40, 48, Zone: "Asia/Dhaka"),
        new(["email-en", "chat-bn"], 40, 48, Zone: "Asia/Dhaka"),
        new(["email-en"], 40, 48, Zone: "Asia/Dhaka"),
        new(["email-en", "voice-bn"], 40, 48, Zone: "Asia/Dhaka"),
        new(["email-en"], 20, 30, Zone: "Asia/Dhaka"), // part-time: students writing afternoons
        new(["email-en"], 20, 30, Zone: "Asia/Dhaka"),
        new(["email-en"], 20, 30, Zone: "Asia/Dhaka"),
        new(["email-en", "voice-en"], 40, 48, Zone: "Europe/London"), // remote: London's day is Dhaka's evening
        new(["email-en", "voice-en"], 20, 30, Zone: "America/New_York"), // remote: New York's day is Dhaka's night
        // Bangla chat (16 % short) with Bangla calls, the usual pair.
        new(["chat-bn", "voice-bn"], 40, 48, Zone: "Asia/Dhaka"),
        new(["chat-bn", "voice-bn"], 40, 48, Zone: "Asia/Dhaka"),
        new(["chat-bn", "voice-bn", "email-en"], 40, 48, Zone: "Asia/Dhaka"),
        new(["chat-bn"], 20, 30, Zone: "Asia/Dhaka"),
        new(["chat-bn"], 20, 30, Zone: "Asia/Dhaka"),
        // Bangla calls (8 % short at the day's peaks): full-time and a few part-timers for the peaks.
        new(["voice-bn"], 40, 48, Zone: "Asia/Dhaka"),
        new(["voice-bn", "voice-en"], 40, 48, Zone: "Asia/Dhaka"),
        new(["voice-bn"], 20, 30, Zone: "Asia/Dhaka"),
        new(["voice-bn", "email-en"], 20, 30, Zone: "Asia/Dhaka"),
        // Night-only: agreed to nights and available 22:00-07:00 only (the centre never closes).
        new(["voice-bn", "chat-bn", "email-en"], 40, 48, Zone: "Asia/Dhaka", NightOnly: true),
        // Multi-skilled floaters who cover whatever is short.
        new(["voice-bn", "voice-en", "chat-bn", "email-en"], 40, 48, Zone: "Asia/Dhaka"),
        new(["voice-bn", "chat-bn", "email-en"], 20, 30, Zone: "Asia/Dhaka"),
        new(["voice-bn", "chat-bn"], 40, 48, Zone: "Asia/Dhaka"),
    ];

    /// <summary>Victory Day in the demo's first planning weeks: a public holiday, and one of its deliberate tight spots.</summary>
    public static readonly LocalDate VictoryDay = new(2026, 12, 16);

    /// <summary>
    /// Approved leave on <see cref="VictoryDay"/> for 35 of the 85 agents (among the hires the part-timers, students home
    /// with their families, and every other full-timer; among the first 60 every third, never the demo users' agents;
    /// Dhaka agents only, not the night-only agent), decided by Rahima: the holiday's demand drops by a third, its staff
    /// by more. The 50 left cover the day but not its last two hours of Bangla chat: the week's tight spot, a holiday
    /// night, short 7 agent-intervals in every measured solve (amber on the coverage map; DemoCoverageTests). With every
    /// fourth of the first 60 (31 on leave) the week was covered in full and the map showed nothing tight.
    /// </summary>
    public static IEnumerable<ShiftRequestEntity> HolidayLeave(string siteId, IEnumerable<AgentEntity> agents, Instant at) =>
        agents.Where(a => int.TryParse(a.Id.AsSpan(1), out var n) && (n > 60 ? n % 2 == 1 || a.MaxPaidPerWeek <= Duration.FromHours(30) : n % 3 == 0) && a.HomeZone.Id == "Asia/Dhaka" && a.Availability.Count == 0)
            .Select(a => new ShiftRequestEntity
            {
                SiteId = siteId,
                Kind = ShiftRequestKind.TimeOff,
                Status = ShiftRequestStatus.Approved,
                RequesterId = a.Id,
                Date = VictoryDay,
                LastDate = VictoryDay,
                Note = "Victory Day with my family",
                CreatedAt = at,
                DecidedAt = at,
                DecidedBy = "rahima",
                Version = Guid.NewGuid(),
            });

    /// <summary>A hire of the demo centre: skills, weekly paid hours, zone, and whether they work nights only.</summary>
    private sealed record Hire(string[] Skills, int MinHours, int MaxHours, string Zone, bool NightOnly = false);

    /// <summary>
    /// <paramref name="count"/> agents (<see cref="DefaultAgents"/>; benchmarks ask for more): the first 60 as the demo
    /// has always had them (mostly Dhaka, three in London and three in New York; voice, chat and email mixes; one in
    /// eight part-time), then the <see cref="Hires"/>, then (benchmarks) more of the first kind.
    /// </summary>
    internal static IEnumerable<AgentEntity> Agents(string siteId, int count = DefaultAgents)
    {
        var hireNames = new Random(2060);
        foreach (var agent in FirstKind(siteId, count))
        {
            var hire = agent.Index - 60;
            yield return hire >= 0 && hire < Hires.Length ? Hired(siteId, agent.Index, Hires[hire], hireNames) : agent.Entity;
        }
    }

    private static AgentEntity Hired(string siteId, int i, Hire hire, Random names)
    {
        var zone = DateTimeZoneProviders.Tzdb[hire.Zone];
        var partTime = hire.MaxHours <= 30;
        return new AgentEntity
        {
            Id = $"a{i + 1:000}",
            SiteId = siteId,
            Name = $"{GivenNames[(i * 7) % GivenNames.Length]} {FamilyNames[names.Next(FamilyNames.Length)]}",
            HomeZone = zone,
            Skills = [.. hire.Skills],
            Languages = hire.Skills.Any(s => s.EndsWith("-en", StringComparison.Ordinal)) ? ["bn", "en"] : ["bn"],
            MinPaidPerWeek = Duration.FromHours(hire.MinHours),
            MaxPaidPerWeek = Duration.FromHours(hire.MaxHours),
            MaxConsecutiveDays = 6,
            MinDaysOffPerWeek = partTime ? 2 : 1,
            NightConsent = hire.NightOnly || zone.Id != "Asia/Dhaka" || i % 2 == 0,
            Availability = hire.NightOnly ? [.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None).Select(d => $"{d.ToString()[..3]} 22:00+9")] : [],
            OvertimeConsent = i % 4 != 3,
            OvertimeCapPerWeek = Duration.FromHours(partTime ? 4 : 8),
            HourlyCost = 180 + (20 * (i % 5)),
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>The demo's first kind of agent, with its index (the random names are drawn in this order whatever the count).</summary>
    private static IEnumerable<(int Index, AgentEntity Entity)> FirstKind(string siteId, int count)
    {
        var random = new Random(2026);
        var dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];
        string[][] mixes =
        [
            ["voice-bn", "chat-bn"],
            ["voice-bn"],
            ["voice-bn", "voice-en"],
            ["voice-bn", "chat-bn", "email-en"],
            ["email-en", "voice-en"],
            ["chat-bn", "email-en"],
        ];
        for (var i = 0; i < count; i++)
        {
            var (id, name) = i switch
            {
                0 => ("tanvir", "Tanvir Ahmed"),
                1 => ("nadia", "Nadia Rahman"),
                _ => ($"a{i + 1:000}", $"{GivenNames[i % GivenNames.Length]} {FamilyNames[random.Next(FamilyNames.Length)]}"),
            };
            var zone = i switch
            {
                1 or 20 or 40 => london,
                30 or 50 or 55 => newYork,
                _ => dhaka,
            };
            var skills = i == 0 ? ["voice-bn", "voice-en", "chat-bn"] : mixes[i % mixes.Length];
            var partTime = i % 8 == 7;
            yield return (i, new AgentEntity
            {
                Id = id,
                SiteId = siteId,
                Name = name,
                HomeZone = zone,
                Skills = [.. skills],
                Languages = skills.Any(s => s.EndsWith("-en", StringComparison.Ordinal)) ? ["bn", "en"] : ["bn"],
                MinPaidPerWeek = Duration.FromHours(partTime ? 12 : 32),
                MaxPaidPerWeek = Duration.FromHours(partTime ? 24 : 48),
                MaxConsecutiveDays = 6,
                MinDaysOffPerWeek = partTime ? 2 : 1,
                NightConsent = zone != dhaka || i % 3 != 0,
                // Three in four agents take overtime when offered, up to a shift's worth a week; wages in taka an hour.
                OvertimeConsent = i % 4 != 3,
                OvertimeCapPerWeek = Duration.FromHours(partTime ? 4 : 8),
                HourlyCost = 180 + (20 * (i % 5)),
                UserName = i < 2 ? id : null,
                Version = Guid.NewGuid(),
            });
        }
    }
}
