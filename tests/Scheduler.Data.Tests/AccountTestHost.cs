using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Data.Accounts;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Tests;

/// <summary>The account service as the CLI composes it (Identity without cookies) over real in-memory SQLite with the real migrations, two agents seeded.</summary>
internal sealed class AccountTestHost : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private AccountTestHost(SqliteConnection connection, ServiceProvider services, FakeClock clock)
    {
        _connection = connection;
        Services = services;
        Clock = clock;
    }

    public static readonly AccountActor Admin = new("sohel", IsAdministrator: true);

    public static readonly AccountActor Supervisor = new("rahima", IsAdministrator: false);

    /// <summary>The clock the service reads; tests move it.</summary>
    public FakeClock Clock { get; }

    public ServiceProvider Services { get; }

    public AccountService Accounts => Services.GetRequiredService<AccountService>();

    public static async Task<AccountTestHost> CreateAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 1, 9, 0));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IClock>(clock);
        services.AddSchedulerData(o => o.UseSqlite(connection));
        services.AddDbContext<SchedulerDbContext>(o => o.UseSqlite(connection));
        services.AddIdentityCore<SchedulerUser>(SchedulerIdentity.Configure).AddRoles<IdentityRole>().AddEntityFrameworkStores<SchedulerDbContext>().AddSchedulerAccountRules();
        var provider = services.BuildServiceProvider();
        var host = new AccountTestHost(connection, provider, clock);
        await provider.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().MigrateAsync();
        await using var db = await provider.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync();
        db.Sites.Add(new SiteEntity { Id = "dhaka", Name = "Dhaka", Zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"] });
        db.Agents.Add(Agent("tanvir", "Tanvir Ahmed"));
        db.Agents.Add(Agent("a003", "Rafiq Islam"));
        db.Agents.Add(Agent("a004", "Sumaiya Khan", active: false));
        await db.SaveChangesAsync();
        return host;
    }

    public async Task<SchedulerUser?> UserAsync(string userName)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<SchedulerUser>>().FindByNameAsync(userName);
    }

    public async Task<bool> PasswordWorksAsync(string userName, string password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SchedulerUser>>();
        return await users.FindByNameAsync(userName) is { } user && await users.CheckPasswordAsync(user, password);
    }

    public async Task<string> DumpAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => $"{u.UserName}|{u.AgentId}|{u.Active}|{u.PasswordHash != null}|{u.SecurityStamp}").ToListAsync();
        var links = await db.SetPasswordLinks.AsNoTracking().OrderBy(l => l.Id).Select(l => $"{l.UserId}|{l.UsedAt}|{l.RevokedAt}").ToListAsync();
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.Id}|{a.UserName}").ToListAsync();
        var roles = await db.UserRoles.AsNoTracking().CountAsync();
        return string.Join("\n", users.Concat(links).Concat(agents).Append(roles.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static AgentEntity Agent(string id, string name, bool active = true) => new()
    {
        Id = id,
        SiteId = "dhaka",
        Name = name,
        HomeZone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"],
        Skills = ["voice-bn"],
        MinPaidPerWeek = Duration.FromHours(32),
        MaxPaidPerWeek = Duration.FromHours(48),
        MaxConsecutiveDays = 6,
        MinDaysOffPerWeek = 1,
        Active = active,
        Version = Guid.NewGuid(),
    };

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
