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
/// Seeds the demo contact centre once into an empty database: the Dhaka site and its queues, 60 agents (a few remote
/// in London and New York), eight weeks of history, and in Development the demo users of each role (flagged as demo:
/// a Production start refuses a database that holds them).
/// </summary>
public sealed class DemoSeeder(IDbContextFactory<SchedulerDbContext> contextFactory, HistoryStore history, SiteSettings site, IServiceProvider services, ILogger<DemoSeeder> logger)
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

    public async Task SeedAsync(bool demo, bool development, CancellationToken ct, int agents = 60)
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

            db.Agents.AddRange(Agents(site.SiteId, agents));
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

    /// <summary>60 agents (or <paramref name="count"/>, for benchmarks): mostly Dhaka, three in London and three in New York; voice, chat and email mixes; one in eight part-time.</summary>
    internal static IEnumerable<AgentEntity> Agents(string siteId, int count = 60)
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
            yield return new AgentEntity
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
            };
        }
    }
}
