using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Data.Accounts;

namespace Scheduler.Data.Tests;

/// <summary>Accounts: roles, agent links, one-time links, deactivation; every refusal names its field and stores nothing.</summary>
public sealed class AccountServiceTests
{
    private const string Good = "mango rickshaw monsoon";

    [Fact]
    public async Task Create_AgentAccount_IsLinkedToTheAgentAndGetsAOneTimeLink()
    {
        await using var host = await AccountTestHost.CreateAsync();

        var link = await host.Accounts.CreateAsync(new NewAccount("tanvir", null, AccountRoles.Agent, "tanvir"), AccountTestHost.Admin, default);

        Assert.Equal(host.Clock.GetCurrentInstant() + Duration.FromHours(72), link.Expires);
        var row = Assert.Single(await host.Accounts.ListAsync(default));
        Assert.Equal(("tanvir", AccountRoles.Agent, "tanvir", "Tanvir Ahmed", false), (row.UserName, row.Role, row.AgentId, row.DisplayName, row.HasPassword));
        Assert.Contains("tanvir|tanvir", await host.DumpAsync()); // the agent row knows its account
        Assert.Equal(LinkState.Valid, (await host.Accounts.CheckLinkAsync(link.Secret, default)).State);
    }

    [Fact]
    public async Task SetPassword_WithTheLink_WorksOnceThenSaysItWasUsed()
    {
        await using var host = await AccountTestHost.CreateAsync();
        var link = await host.Accounts.CreateAsync(new NewAccount("karim", "Karim", AccountRoles.Manager, null), AccountTestHost.Admin, default);

        Assert.Equal("karim", await host.Accounts.SetPasswordAsync(link.Secret, Good, Good, default));
        Assert.True(await host.PasswordWorksAsync("karim", Good));

        var again = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.SetPasswordAsync(link.Secret, Good + " two", Good + " two", default));
        Assert.Equal("link", again.Field);
        Assert.Contains("already been used", again.Message);
        Assert.True(await host.PasswordWorksAsync("karim", Good)); // unchanged
    }

    [Fact]
    public async Task SetPassword_After72Hours_IsRefusedAsExpired()
    {
        await using var host = await AccountTestHost.CreateAsync();
        var link = await host.Accounts.CreateAsync(new NewAccount("karim", null, AccountRoles.Manager, null), AccountTestHost.Admin, default);

        host.Clock.Advance(Duration.FromHours(71));
        Assert.Equal(LinkState.Valid, (await host.Accounts.CheckLinkAsync(link.Secret, default)).State);
        host.Clock.Advance(Duration.FromHours(1)); // exactly 72 h: no longer good

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.SetPasswordAsync(link.Secret, Good, Good, default));
        Assert.Contains("expired", refused.Message);
        Assert.False(await host.PasswordWorksAsync("karim", Good));
    }

    [Fact]
    public async Task SetPassword_ForADeactivatedAccount_IsRefusedAndSaysWhy()
    {
        await using var host = await AccountTestHost.CreateAsync();
        var link = await host.Accounts.CreateAsync(new NewAccount("karim", null, AccountRoles.Manager, null), AccountTestHost.Admin, default);
        await host.Accounts.DeactivateAsync("karim", AccountTestHost.Admin, default);

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.SetPasswordAsync(link.Secret, Good, Good, default));

        Assert.Contains("deactivated", refused.Message);
        Assert.Equal(LinkState.Deactivated, (await host.Accounts.CheckLinkAsync(link.Secret, default)).State);
    }

    [Fact]
    public async Task Reset_MakesANewLinkAndTheOldOneStopsWorking()
    {
        await using var host = await AccountTestHost.CreateAsync();
        var first = await host.Accounts.CreateAsync(new NewAccount("karim", null, AccountRoles.Manager, null), AccountTestHost.Admin, default);

        var second = await host.Accounts.ResetAsync("karim", AccountTestHost.Admin, default);

        Assert.Equal(LinkState.Replaced, (await host.Accounts.CheckLinkAsync(first.Secret, default)).State);
        Assert.Equal("karim", await host.Accounts.SetPasswordAsync(second.Secret, Good, Good, default));
    }

    [Theory]
    [InlineData("short pass", "password", "at least 12")] // 10 characters
    [InlineData("password1234", "password", "common")] // "password" with digits stuck on
    [InlineData("qwerty123456", "password", "common")] // on the list as it is
    [InlineData("aaaaaaaaaaaaaaa", "password", "repeats")] // long but four distinct characters are not there
    [InlineData("karim-loves-tea", "password", "user name")] // contains the user name
    public async Task SetPassword_WeakOrCommon_IsRefusedBesideThePasswordAndTheLinkStaysGood(string password, string field, string reason)
    {
        await using var host = await AccountTestHost.CreateAsync();
        var link = await host.Accounts.CreateAsync(new NewAccount("karim", null, AccountRoles.Manager, null), AccountTestHost.Admin, default);
        var before = await host.DumpAsync();

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.SetPasswordAsync(link.Secret, password, password, default));

        Assert.Equal(field, refused.Field);
        Assert.Contains(reason, refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await host.DumpAsync());
        Assert.Equal(LinkState.Valid, (await host.Accounts.CheckLinkAsync(link.Secret, default)).State);
    }

    [Fact]
    public async Task SetPassword_TwoDifferentEntries_IsRefusedBesideTheConfirmation()
    {
        await using var host = await AccountTestHost.CreateAsync();
        var link = await host.Accounts.CreateAsync(new NewAccount("karim", null, AccountRoles.Manager, null), AccountTestHost.Admin, default);

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.SetPasswordAsync(link.Secret, Good, Good + "!", default));

        Assert.Equal("confirmation", refused.Field);
    }

    [Theory]
    [InlineData("x", "Agent", "a003", "userName")] // one character
    [InlineData("rahima khan", "Supervisor", null, "userName")] // a space
    [InlineData("rahima", "Boss", null, "role")] // not a role
    [InlineData("rafiq", "Agent", null, "agent")] // an agent account names its agent
    [InlineData("rafiq", "Agent", "nobody", "agent")] // no such agent
    [InlineData("sumaiya", "Agent", "a004", "agent")] // not an active agent
    [InlineData("karim", "Manager", "a003", "agent")] // only agents are linked
    public async Task Create_BadField_IsRefusedNamingItAndStoresNothing(string userName, string role, string? agent, string field)
    {
        await using var host = await AccountTestHost.CreateAsync();
        var before = await host.DumpAsync();

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.CreateAsync(new NewAccount(userName, null, role, agent), AccountTestHost.Admin, default));

        Assert.Equal(field, refused.Field);
        Assert.Equal(before, await host.DumpAsync());
    }

    [Fact]
    public async Task Create_SecondAccountForTheSameAgentOrName_IsRefused()
    {
        await using var host = await AccountTestHost.CreateAsync();
        await host.Accounts.CreateAsync(new NewAccount("tanvir", null, AccountRoles.Agent, "tanvir"), AccountTestHost.Admin, default);
        var before = await host.DumpAsync();

        var agent = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.CreateAsync(new NewAccount("tanvir2", null, AccountRoles.Agent, "tanvir"), AccountTestHost.Admin, default));
        var name = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.CreateAsync(new NewAccount("TANVIR", null, AccountRoles.Manager, null), AccountTestHost.Admin, default));

        Assert.Equal(("agent", "userName"), (agent.Field, name.Field));
        Assert.Equal(before, await host.DumpAsync());
    }

    [Fact]
    public async Task Supervisor_CannotCreateOrChangeAnAdministrator()
    {
        await using var host = await AccountTestHost.CreateAsync();
        await host.Accounts.CreateWithPasswordAsync(new NewAccount("sohel", null, AccountRoles.Administrator, null), Good, AccountTestHost.Admin, default);

        var create = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.CreateAsync(new NewAccount("boss", null, AccountRoles.Administrator, null), AccountTestHost.Supervisor, default));
        var reset = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.ResetAsync("sohel", AccountTestHost.Supervisor, default));
        var deactivate = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.DeactivateAsync("sohel", AccountTestHost.Supervisor, default));

        Assert.Equal(("role", "account", "account"), (create.Field, reset.Field, deactivate.Field));
        Assert.True((await host.UserAsync("sohel"))!.Active);
    }

    [Fact]
    public async Task Deactivate_ChangesTheSecurityStampAndRefusesTheLastAdministrator()
    {
        await using var host = await AccountTestHost.CreateAsync();
        await host.Accounts.CreateWithPasswordAsync(new NewAccount("sohel", null, AccountRoles.Administrator, null), Good, AccountTestHost.Admin, default);
        await host.Accounts.CreateWithPasswordAsync(new NewAccount("rahima", null, AccountRoles.Supervisor, null), Good, AccountTestHost.Admin, default);
        var stamp = (await host.UserAsync("rahima"))!.SecurityStamp;

        await host.Accounts.DeactivateAsync("rahima", AccountTestHost.Admin, default);
        var last = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.DeactivateAsync("sohel", new AccountActor("other-admin", true), default));

        var rahima = (await host.UserAsync("rahima"))!;
        Assert.False(rahima.Active);
        Assert.NotEqual(stamp, rahima.SecurityStamp); // cookies and open pages compare it
        Assert.Contains("last active administrator", last.Message);
    }

    [Fact]
    public async Task CreateAgentAccounts_MakesOneForEachActiveAgentWithoutOne()
    {
        await using var host = await AccountTestHost.CreateAsync();
        await host.Accounts.CreateAsync(new NewAccount("tanvir", null, AccountRoles.Agent, "tanvir"), AccountTestHost.Admin, default);

        var links = await host.Accounts.CreateAgentAccountsAsync(AccountTestHost.Admin, default);

        Assert.Equal(["a003"], links.Select(l => l.UserName)); // tanvir has one; a004 is not active
        Assert.Empty(await host.Accounts.CreateAgentAccountsAsync(AccountTestHost.Admin, default));
        Assert.All(await host.Accounts.ListAsync(default), r => Assert.Equal(AccountRoles.Agent, r.Role));
    }

    [Fact]
    public async Task ChangePassword_NeedsTheCurrentOne()
    {
        await using var host = await AccountTestHost.CreateAsync();
        await host.Accounts.CreateWithPasswordAsync(new NewAccount("rahima", null, AccountRoles.Supervisor, null), Good, AccountTestHost.Admin, default);

        var wrong = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.ChangePasswordAsync("rahima", "not it at all", "jackfruit lantern river", "jackfruit lantern river", default));
        await host.Accounts.ChangePasswordAsync("rahima", Good, "jackfruit lantern river", "jackfruit lantern river", default);

        Assert.Equal("current", wrong.Field);
        Assert.True(await host.PasswordWorksAsync("rahima", "jackfruit lantern river"));
        Assert.False(await host.PasswordWorksAsync("rahima", Good));
    }

    [Fact]
    public async Task CreateWithPassword_CommonPassword_IsRefusedAndNoAccountIsMade()
    {
        await using var host = await AccountTestHost.CreateAsync();

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() => host.Accounts.CreateWithPasswordAsync(new NewAccount("sohel", null, AccountRoles.Administrator, null), "password1234", AccountTestHost.Admin, default));

        Assert.Equal("password", refused.Field);
        Assert.Empty(await host.Accounts.ListAsync(default));
    }

    [Fact]
    public async Task RemoveDemoUsers_RemovesOnlyTheFlaggedOnesAndTheirAgentLinks()
    {
        await using var host = await AccountTestHost.CreateAsync();
        await host.Accounts.CreateAsync(new NewAccount("tanvir", null, AccountRoles.Agent, "tanvir"), AccountTestHost.Admin, default);
        await host.Accounts.CreateAsync(new NewAccount("a003", null, AccountRoles.Agent, "a003"), AccountTestHost.Admin, default);
        await using (var db = await host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync())
        {
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Users, u => u.UserName == "tanvir")).IsDemo = true;
            await db.SaveChangesAsync();
        }

        Assert.Equal(["tanvir"], await host.Accounts.DemoUsersAsync(default));
        Assert.Equal(["tanvir"], await host.Accounts.RemoveDemoUsersAsync(default));

        Assert.Empty(await host.Accounts.DemoUsersAsync(default));
        Assert.Equal(["a003"], (await host.Accounts.ListAsync(default)).Select(r => r.UserName));
        Assert.Contains("tanvir|\n", await host.DumpAsync() + "\n");
    }
}

/// <summary>Moving data an older version left behind, at start-up.</summary>
public sealed class LegacyDataTests
{
    [Fact]
    public async Task MigrateAsync_HashesAClearTextCalendarTokenSoTheOldFeedUrlKeepsWorking()
    {
        await using var host = await AccountTestHost.CreateAsync();
        var factory = host.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<SchedulerDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            (await db.Agents.FindAsync("tanvir"))!.LegacyCalendarToken = "0123456789abcdef0123456789abcdef01234567";
            await db.SaveChangesAsync();
        }

        await factory.MigrateAsync();

        await using var after = await factory.CreateDbContextAsync();
        var tanvir = (await after.Agents.FindAsync("tanvir"))!;
        Assert.Null(tanvir.LegacyCalendarToken);
        Assert.Equal(Secrets.Hash("0123456789abcdef0123456789abcdef01234567"), tanvir.CalendarTokenHash);
    }
}
