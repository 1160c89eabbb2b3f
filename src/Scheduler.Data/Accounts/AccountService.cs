using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Accounts;

/// <summary>A form field refused, with the sentence to show beside it. Nothing was stored.</summary>
public sealed class AccountRefusedException(string field, string message) : Exception(message)
{
    /// <summary>"userName", "displayName", "role", "agent", "password", "current", "link" or "account".</summary>
    public string Field { get; } = field;
}

/// <summary>Who asks for an account change: administrators may touch every account, supervisors all but administrators'.</summary>
public sealed record AccountActor(string UserName, bool IsAdministrator);

public sealed record NewAccount(string UserName, string? DisplayName, string Role, string? AgentId);

/// <summary>One account as the Users page lists it.</summary>
public sealed record AccountRow(string UserName, string? DisplayName, string Role, string? AgentId, bool Active, bool HasPassword, bool IsDemo, Instant? OpenLinkExpires, Instant? CreatedAt, bool LockedOut);

/// <summary>A one-time set-password link's secret, shown once to whoever made it (the URL is /set-password/{Secret}).</summary>
public sealed record OneTimeLink(string UserName, string? DisplayName, string Secret, Instant Expires);

public enum LinkState
{
    Valid,
    Unknown,
    Used,
    Expired,
    Replaced,
    Deactivated,
}

/// <summary>What a set-password link is good for, and if not, why.</summary>
public sealed record LinkCheck(LinkState State, string? UserName, Instant? ExpiresAt)
{
    public string Reason => State switch
    {
        LinkState.Valid => "This link is valid.",
        LinkState.Used => "This link has already been used to set a password. Sign in with that password, or ask an administrator for a new link.",
        LinkState.Expired => "This link has expired (links are good for 72 hours). Ask an administrator for a new one.",
        LinkState.Replaced => "A newer link was made for this account; only the newest one works. Use that one, or ask for another.",
        LinkState.Deactivated => "This account has been deactivated. Ask an administrator if that is a mistake.",
        _ => "This link is not valid. Check that it was copied whole, or ask an administrator for a new one.",
    };
}

/// <summary>
/// Accounts: create one with its role (an Agent account linked to exactly one agent), invite and reset with one-time
/// links, deactivate (which ends the account's sessions) and reactivate, create Agent accounts in bulk, set and change
/// passwords. Every change is saved whole in one transaction or refused with the field and reason; nothing half-done.
/// </summary>
/// <remarks>
/// A singleton that opens a DI scope per operation: Identity's UserManager is scoped to one DbContext, and a Blazor
/// circuit lives far longer than a DbContext should.
/// </remarks>
public sealed class AccountService(IServiceScopeFactory scopes, IClock clock, ILogger<AccountService> logger)
{
    public const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";

    /// <summary>How long a set-password link is good for.</summary>
    public static readonly Duration LinkLifetime = Duration.FromHours(72);

    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = await RolesByUserAsync(db, ct);
        var now = clock.GetCurrentInstant();
        var links = (await db.SetPasswordLinks.AsNoTracking().Where(l => l.UsedAt == null && l.RevokedAt == null).ToListAsync(ct))
            .Where(l => l.ExpiresAt > now)
            .GroupBy(l => l.UserId)
            .ToDictionary(g => g.Key, g => g.Max(l => l.ExpiresAt));
        return [.. users.Select(u => new AccountRow(
            u.UserName!,
            u.DisplayName,
            roles.GetValueOrDefault(u.Id, string.Empty),
            u.AgentId,
            u.Active,
            u.PasswordHash is not null,
            u.IsDemo,
            links.TryGetValue(u.Id, out var expires) ? expires : null,
            u.CreatedAt,
            u.LockoutEnd is { } end && end > now.ToDateTimeOffset()))];
    }

    /// <summary>Creates an account without a password and returns its invitation link.</summary>
    public async Task<OneTimeLink> CreateAsync(NewAccount account, AccountActor actor, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (db, users) = Services(scope);
        await EnsureRolesAsync(scope, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await CreateUserAsync(db, users, account, actor, password: null, ct);
        var link = await IssueLinkAsync(db, user, "invite", actor.UserName, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("{Actor} created the {Role} account {UserName}", actor.UserName, account.Role, user.UserName);
        return link;
    }

    /// <summary>Creates an account with a password (the CLI's first administrator): no link is needed.</summary>
    public async Task CreateWithPasswordAsync(NewAccount account, string password, AccountActor actor, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (db, users) = Services(scope);
        await EnsureRolesAsync(scope, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var user = await CreateUserAsync(db, users, account, actor, password, ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("{Actor} created the {Role} account {UserName} with a password", actor.UserName, account.Role, user.UserName);
    }

    /// <summary>An Agent account for every active agent without one, each with its invitation link, in one transaction.</summary>
    public async Task<IReadOnlyList<OneTimeLink>> CreateAgentAccountsAsync(AccountActor actor, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (db, users) = Services(scope);
        await EnsureRolesAsync(scope, ct);
        var linked = await db.Users.Where(u => u.AgentId != null).Select(u => u.AgentId!).ToListAsync(ct);
        var agents = await db.Agents.AsNoTracking().Where(a => a.Active && !linked.Contains(a.Id)).OrderBy(a => a.Id).ToListAsync(ct);
        var taken = (await db.Users.Select(u => u.NormalizedUserName!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var links = new List<OneTimeLink>();
        foreach (var agent in agents)
        {
            var name = agent.Id;
            for (var n = 2; taken.Contains(users.NormalizeName(name)); n++)
            {
                name = $"{agent.Id}-{n}";
            }

            taken.Add(users.NormalizeName(name));
            var user = await CreateUserAsync(db, users, new NewAccount(name, agent.Name, AccountRoles.Agent, agent.Id), actor, null, ct);
            links.Add(await IssueLinkAsync(db, user, "invite", actor.UserName, ct));
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("{Actor} created {Count} agent accounts", actor.UserName, links.Count);
        return links;
    }

    /// <summary>A new one-time link for the account; earlier open links stop working. The old password works until the new one is set.</summary>
    public async Task<OneTimeLink> ResetAsync(string userName, AccountActor actor, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (db, users) = Services(scope);
        var user = await FindForChangeAsync(users, userName, actor);
        if (!user.Active)
        {
            throw new AccountRefusedException("account", $"{user.UserName} is deactivated: reactivate the account before sending a link.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var link = await IssueLinkAsync(db, user, "reset", actor.UserName, ct);
        db.Audit(clock.GetCurrentInstant(), actor.UserName, "account.reset", $"user {user.UserName}", after: "new one-time link; earlier links revoked");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("{Actor} made a set-password link for {UserName}", actor.UserName, user.UserName);
        return link;
    }

    /// <summary>Deactivates the account: it cannot sign in, its links stop working, and its open sessions end within a minute.</summary>
    public async Task DeactivateAsync(string userName, AccountActor actor, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (db, users) = Services(scope);
        var user = await FindForChangeAsync(users, userName, actor);
        if (string.Equals(user.UserName, actor.UserName, StringComparison.OrdinalIgnoreCase))
        {
            throw new AccountRefusedException("account", "You cannot deactivate your own account.");
        }

        var roles = await users.GetRolesAsync(user);
        if (roles.Contains(AccountRoles.Administrator))
        {
            var admins = await users.GetUsersInRoleAsync(AccountRoles.Administrator);
            if (admins.Count(a => a.Active) <= 1)
            {
                throw new AccountRefusedException("account", "This is the last active administrator; make another one first.");
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.Active = false;
        await RevokeLinksAsync(db, user.Id, ct);
        db.Audit(clock.GetCurrentInstant(), actor.UserName, "account.deactivate", $"user {user.UserName}", "active", "deactivated; sessions ended");
        Check(await users.UpdateSecurityStampAsync(user), "account"); // cookies and circuits check the stamp
        await transaction.CommitAsync(ct);
        logger.LogInformation("{Actor} deactivated {UserName}", actor.UserName, user.UserName);
    }

    public async Task ReactivateAsync(string userName, AccountActor actor, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (db, users) = Services(scope);
        var user = await FindForChangeAsync(users, userName, actor);
        var was = user.Active;
        user.Active = true;
        db.Audit(clock.GetCurrentInstant(), actor.UserName, "account.reactivate", $"user {user.UserName}", was ? "active" : "deactivated", "active");
        Check(await users.UpdateAsync(user), "account");
        logger.LogInformation("{Actor} reactivated {UserName}", actor.UserName, user.UserName);
    }

    /// <summary>What the link is good for, without using it.</summary>
    public async Task<LinkCheck> CheckLinkAsync(string? secret, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        var (check, _, _) = await FindLinkAsync(db, secret, ct);
        return check;
    }

    /// <summary>Sets the password with a one-time link, which is then used up. Unlocks the account.</summary>
    public async Task<string> SetPasswordAsync(string? secret, string? password, string? confirmation, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (db, users) = Services(scope);
        var (check, link, user) = await FindLinkAsync(db, secret, ct);
        if (check.State != LinkState.Valid)
        {
            throw new AccountRefusedException("link", check.Reason);
        }

        if (PasswordPolicy.Check(password, user!.UserName) is { } reason)
        {
            throw new AccountRefusedException("password", reason);
        }

        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
        {
            throw new AccountRefusedException("confirmation", "The two passwords differ.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (user.PasswordHash is not null)
        {
            Check(await users.RemovePasswordAsync(user), "password");
        }

        Check(await users.AddPasswordAsync(user, password!), "password");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        link!.UsedAt = clock.GetCurrentInstant();
        db.Audit(link.UsedAt.Value, user.UserName!, "account.set-password", $"user {user.UserName}", after: $"password set with the {link.Purpose} link");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("{UserName} set a password with a one-time link", user.UserName);
        return user.UserName!;
    }

    /// <summary>A signed-in user changes their own password (the current one is asked for).</summary>
    public async Task ChangePasswordAsync(string userName, string? current, string? password, string? confirmation, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (_, users) = Services(scope);
        var user = await users.FindByNameAsync(userName) ?? throw new AccountRefusedException("account", "Your account no longer exists.");
        if (string.IsNullOrEmpty(current) || !await users.CheckPasswordAsync(user, current))
        {
            throw new AccountRefusedException("current", "That is not your current password.");
        }

        if (PasswordPolicy.Check(password, user.UserName) is { } reason)
        {
            throw new AccountRefusedException("password", reason);
        }

        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
        {
            throw new AccountRefusedException("confirmation", "The two passwords differ.");
        }

        if (string.Equals(password, current, StringComparison.Ordinal))
        {
            throw new AccountRefusedException("password", "The new password is the same as the current one.");
        }

        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        db.Audit(clock.GetCurrentInstant(), user.UserName!, "account.change-password", $"user {user.UserName}", after: "password changed; other sessions ended");
        Check(await users.ChangePasswordAsync(user, current, password!), "password"); // saves the audit row with the new hash
        logger.LogInformation("{UserName} changed their password", user.UserName);
    }

    /// <summary>The languages a user may choose: English and Bangla.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "bn"];

    /// <summary>A signed-in user chooses the language they read the app in, and whether Bangla pages keep Latin digits.</summary>
    public async Task SetLanguageAsync(string userName, string? language, bool latinDigits, CancellationToken ct)
    {
        if (language is null || !Languages.Contains(language, StringComparer.Ordinal))
        {
            throw new AccountRefusedException("language", $"'{language}' is not a language of this app: choose one of {string.Join(", ", Languages)}.");
        }

        using var scope = scopes.CreateScope();
        var (_, users) = Services(scope);
        var user = await users.FindByNameAsync(userName) ?? throw new AccountRefusedException("account", "Your account no longer exists.");
        var before = $"{user.Language ?? "site default"}{(user.LatinDigits ? ", Latin digits" : string.Empty)}";
        var after = $"{language}{(latinDigits ? ", Latin digits" : string.Empty)}";
        if (before == after)
        {
            return;
        }

        user.Language = language;
        user.LatinDigits = latinDigits;
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        db.Audit(clock.GetCurrentInstant(), user.UserName!, "account.language", $"user {user.UserName}", before, after);
        Check(await users.UpdateAsync(user), "language"); // saves the audit row with the user
        logger.LogInformation("{UserName} reads the app in {Language}", user.UserName, language);
    }

    /// <summary>Removes the demo users (Development's seed, whose password is published) and their agent links.</summary>
    public async Task<IReadOnlyList<string>> RemoveDemoUsersAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var (db, _) = Services(scope);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var demo = await db.Users.Where(u => u.IsDemo).ToListAsync(ct);
        var names = demo.Select(u => u.UserName!).ToList();
        foreach (var agent in await db.Agents.Where(a => a.UserName != null && names.Contains(a.UserName)).ToListAsync(ct))
        {
            agent.UserName = null;
            agent.Version = Guid.NewGuid();
        }

        db.Users.RemoveRange(demo);
        if (names.Count > 0)
        {
            db.Audit(clock.GetCurrentInstant(), "cli", "account.remove-demo", "demo users", string.Join(", ", names), "removed");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Removed {Count} demo users", names.Count);
        return names;
    }

    /// <summary>The demo users still in the database (a Production start refuses to run with any).</summary>
    public async Task<IReadOnlyList<string>> DemoUsersAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SchedulerDbContext>();
        return await db.Users.Where(u => u.IsDemo).Select(u => u.UserName!).ToListAsync(ct);
    }

    /// <summary>Creates the four roles where missing (a new database made by the CLI has none).</summary>
    public static async Task EnsureRolesAsync(IServiceScope scope, CancellationToken ct)
    {
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in AccountRoles.All)
        {
            ct.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), "role");
            }
        }
    }

    private async Task<SchedulerUser> CreateUserAsync(SchedulerDbContext db, UserManager<SchedulerUser> users, NewAccount account, AccountActor actor, string? password, CancellationToken ct)
    {
        var userName = account.UserName?.Trim() ?? string.Empty;
        if (userName.Length is < 2 or > 64 || !userName.All(UserNameCharacters.Contains) || !char.IsAsciiLetterOrDigit(userName[0]))
        {
            throw new AccountRefusedException("userName", "Use 2 to 64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit.");
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new AccountRefusedException("userName", $"The user name '{userName}' is taken.");
        }

        var displayName = string.IsNullOrWhiteSpace(account.DisplayName) ? null : account.DisplayName.Trim();
        if (displayName is { Length: > StorageLimits.NameLength })
        {
            throw new AccountRefusedException("displayName", $"Use at most {StorageLimits.NameLength} characters.");
        }

        if (!AccountRoles.All.Contains(account.Role))
        {
            throw new AccountRefusedException("role", $"Choose one of: {string.Join(", ", AccountRoles.All)}.");
        }

        if (account.Role == AccountRoles.Administrator && !actor.IsAdministrator)
        {
            throw new AccountRefusedException("role", "Only an administrator can create an administrator.");
        }

        AgentEntity? agent = null;
        var agentId = string.IsNullOrWhiteSpace(account.AgentId) ? null : account.AgentId.Trim();
        if (account.Role == AccountRoles.Agent)
        {
            if (agentId is null)
            {
                throw new AccountRefusedException("agent", "An Agent account is linked to one agent: choose who.");
            }

            agent = await db.Agents.FirstOrDefaultAsync(a => a.Id == agentId, ct)
                ?? throw new AccountRefusedException("agent", $"There is no agent '{agentId}' at this site.");
            if (!agent.Active)
            {
                throw new AccountRefusedException("agent", $"{agent.Name} is not an active agent.");
            }

            if (await db.Users.AnyAsync(u => u.AgentId == agentId, ct))
            {
                throw new AccountRefusedException("agent", $"{agent.Name} already has an account.");
            }
        }
        else if (agentId is not null)
        {
            throw new AccountRefusedException("agent", "Only Agent accounts are linked to an agent.");
        }

        if (password is not null && PasswordPolicy.Check(password, userName) is { } reason)
        {
            throw new AccountRefusedException("password", reason);
        }

        var user = new SchedulerUser
        {
            UserName = userName,
            DisplayName = displayName ?? agent?.Name,
            AgentId = agentId,
            CreatedAt = clock.GetCurrentInstant(),
            CreatedBy = actor.UserName,
        };
        Check(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password), password is null ? "userName" : "password");
        Check(await users.AddToRoleAsync(user, account.Role), "role");
        if (agent is not null)
        {
            agent.UserName = userName;
            agent.Version = Guid.NewGuid();
        }

        db.Audit(clock.GetCurrentInstant(), actor.UserName, "account.create", $"user {userName}",
            after: $"{account.Role}{(agent is null ? string.Empty : $", agent {agent.Id}")}{(password is null ? ", invited" : ", with a password")}");
        await db.SaveChangesAsync(ct);
        return user;
    }

    private async Task<OneTimeLink> IssueLinkAsync(SchedulerDbContext db, SchedulerUser user, string purpose, string actor, CancellationToken ct)
    {
        await RevokeLinksAsync(db, user.Id, ct);
        var now = clock.GetCurrentInstant();
        var secret = Secrets.New();
        db.SetPasswordLinks.Add(new SetPasswordLinkEntity
        {
            UserId = user.Id,
            TokenHash = Secrets.Hash(secret),
            Purpose = purpose,
            CreatedAt = now,
            CreatedBy = actor,
            ExpiresAt = now + LinkLifetime,
        });
        await db.SaveChangesAsync(ct);
        return new OneTimeLink(user.UserName!, user.DisplayName, secret, now + LinkLifetime);
    }

    private async Task RevokeLinksAsync(SchedulerDbContext db, string userId, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        foreach (var open in await db.SetPasswordLinks.Where(l => l.UserId == userId && l.UsedAt == null && l.RevokedAt == null).ToListAsync(ct))
        {
            open.RevokedAt = now;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<(LinkCheck Check, SetPasswordLinkEntity? Link, SchedulerUser? User)> FindLinkAsync(SchedulerDbContext db, string? secret, CancellationToken ct)
    {
        if (!Secrets.LooksLikeSecret(secret))
        {
            return (new LinkCheck(LinkState.Unknown, null, null), null, null);
        }

        var hash = Secrets.Hash(secret!);
        var link = await db.SetPasswordLinks.FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        var user = link is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == link.UserId, ct);
        if (link is null || user is null)
        {
            return (new LinkCheck(LinkState.Unknown, null, null), null, null);
        }

        var state = !user.Active ? LinkState.Deactivated
            : link.UsedAt is not null ? LinkState.Used
            : link.RevokedAt is not null ? LinkState.Replaced
            : link.ExpiresAt <= clock.GetCurrentInstant() ? LinkState.Expired
            : LinkState.Valid;
        return (new LinkCheck(state, user.UserName, link.ExpiresAt), link, user);
    }

    private static async Task<SchedulerUser> FindForChangeAsync(UserManager<SchedulerUser> users, string userName, AccountActor actor)
    {
        var user = await users.FindByNameAsync(userName ?? string.Empty) ?? throw new AccountRefusedException("account", $"There is no account '{userName}'.");
        if (!actor.IsAdministrator && (await users.GetRolesAsync(user)).Contains(AccountRoles.Administrator))
        {
            throw new AccountRefusedException("account", "Only an administrator can change an administrator's account.");
        }

        return user;
    }

    private static async Task<Dictionary<string, string>> RolesByUserAsync(SchedulerDbContext db, CancellationToken ct) =>
        (await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name }).ToListAsync(ct))
            .GroupBy(x => x.UserId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Name!).OrderBy(n => AccountRoles.All.ToList().IndexOf(n)).First());

    private static (SchedulerDbContext Db, UserManager<SchedulerUser> Users) Services(IServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<SchedulerDbContext>(), scope.ServiceProvider.GetRequiredService<UserManager<SchedulerUser>>());

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded)
        {
            throw new AccountRefusedException(field, string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
