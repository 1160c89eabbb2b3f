using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scheduler.Data;
using Scheduler.Data.Accounts;
using Scheduler.Data.Entities;
using Scheduler.Data.Postgres;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>users</c>: accounts from the terminal, for the first administrator of an empty database and for an administrator
/// locked out of the web app. The same rules as the Users page (Scheduler.Data.Accounts). A password is read from
/// standard input, never from an argument (arguments show in the process list and the shell history).
/// </summary>
public static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("users", "Create and manage sign-in accounts (the first administrator comes from here).");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Reset(context));
        command.Subcommands.Add(RemoveDemo(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var (db, provider, connection) = DatabaseOptions();
        var name = new Option<string>("--name") { Description = "User name (letters, digits, . - _ @).", Required = true };
        var role = new Option<string>("--role") { Description = $"One of {string.Join(", ", AccountRoles.All)}.", DefaultValueFactory = _ => AccountRoles.Administrator };
        var displayName = new Option<string?>("--display-name") { Description = "Name shown in the app." };
        var agent = new Option<string?>("--agent") { Description = "For an Agent account: the agent's id." };
        var command = new Command("add", "Create an account. The password is read from standard input (typed without echo, or piped).")
        {
            db, provider, connection, name, role, displayName, agent,
        };
        command.SetAction(async (parse, ct) =>
        {
            var roleName = AccountRoles.All.FirstOrDefault(r => r.Equals(parse.GetValue(role), StringComparison.OrdinalIgnoreCase))
                ?? throw new UserInputException($"--role '{parse.GetValue(role)}' is not one of {string.Join(", ", AccountRoles.All)}.");
            var password = ReadPassword(context, $"Password for {parse.GetValue(name)} (at least {PasswordPolicy.MinLength} characters): ");
            await using var services = await OpenAsync(parse.GetValue(db), parse.GetValue(provider), parse.GetValue(connection), ct);
            await Refusals(() => services.GetRequiredService<AccountService>().CreateWithPasswordAsync(
                new NewAccount(parse.GetValue(name)!, parse.GetValue(displayName), roleName, parse.GetValue(agent)), password, new AccountActor("cli", IsAdministrator: true), ct));
            await context.Output.WriteLineAsync($"Created the {roleName} account '{parse.GetValue(name)}'. Sign in with it on the web app.");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var (db, provider, connection) = DatabaseOptions();
        var command = new Command("list", "List the accounts: user, role, agent, status.") { db, provider, connection };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await OpenAsync(parse.GetValue(db), parse.GetValue(provider), parse.GetValue(connection), ct);
            var rows = await services.GetRequiredService<AccountService>().ListAsync(ct);
            foreach (var r in rows)
            {
                var status = !r.Active ? "deactivated" : r.HasPassword ? "active" : r.OpenLinkExpires is not null ? "invited" : "no password";
                await context.Output.WriteLineAsync($"{r.UserName,-24} {r.Role,-14} {r.AgentId ?? "-",-10} {status}{(r.IsDemo ? " (demo)" : string.Empty)}");
            }

            return CliApp.Ok;
        });
        return command;
    }

    private static Command Reset(CliContext context)
    {
        var (db, provider, connection) = DatabaseOptions();
        var name = new Option<string>("--name") { Description = "User name.", Required = true };
        var url = new Option<string>("--url") { Description = "The app's address, to print the whole link.", DefaultValueFactory = _ => "http://localhost:5080" };
        var command = new Command("reset", "Print a new one-time set-password link for an account (earlier links stop working).") { db, provider, connection, name, url };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await OpenAsync(parse.GetValue(db), parse.GetValue(provider), parse.GetValue(connection), ct);
            OneTimeLink? link = null;
            await Refusals(async () => link = await services.GetRequiredService<AccountService>().ResetAsync(parse.GetValue(name)!, new AccountActor("cli", IsAdministrator: true), ct));
            await context.Output.WriteLineAsync($"{parse.GetValue(url)!.TrimEnd('/')}/set-password/{link!.Secret}");
            await context.Error.WriteLineAsync($"The link works once, until {link.Expires:yyyy-MM-dd HH:mm} UTC.");
            return CliApp.Ok;
        });
        return command;
    }

    private static Command RemoveDemo(CliContext context)
    {
        var (db, provider, connection) = DatabaseOptions();
        var command = new Command("remove-demo", "Remove the demo users (seeded in Development; their password is published).") { db, provider, connection };
        command.SetAction(async (parse, ct) =>
        {
            await using var services = await OpenAsync(parse.GetValue(db), parse.GetValue(provider), parse.GetValue(connection), ct);
            var removed = await services.GetRequiredService<AccountService>().RemoveDemoUsersAsync(ct);
            await context.Output.WriteLineAsync(removed.Count == 0 ? "No demo users to remove." : $"Removed {removed.Count} demo users: {string.Join(", ", removed)}.");
            return CliApp.Ok;
        });
        return command;
    }

    private static (Option<string?> Db, Option<string> Provider, Option<string?> Connection) DatabaseOptions() =>
    (
        new Option<string?>("--db") { Description = "SQLite database file (created and migrated if new)." },
        new Option<string>("--provider") { Description = "Sqlite (default) or Postgres.", DefaultValueFactory = _ => "Sqlite" },
        new Option<string?>("--connection-string") { Description = "PostgreSQL connection string (with --provider Postgres)." }
    );

    /// <summary>The database (migrated), Identity with the app's rules, and the account service.</summary>
    private static async Task<ServiceProvider> OpenAsync(string? file, string? provider, string? connectionString, CancellationToken ct)
    {
        Action<DbContextOptionsBuilder> database = (provider ?? "sqlite").ToLowerInvariant() switch
        {
            "postgres" or "postgresql" => string.IsNullOrWhiteSpace(connectionString)
                ? throw new UserInputException("--provider Postgres needs --connection-string \"Host=...;Database=...;Username=...;Password=...\".")
                : o => o.UsePostgres(connectionString),
            "sqlite" => string.IsNullOrWhiteSpace(file)
                ? throw new UserInputException("Give the SQLite file with --db (the app's is scheduler.db in its data folder).")
                : o => o.UseSqlite($"Data Source={Path.GetFullPath(file)}"),
            _ => throw new UserInputException($"--provider '{provider}' is not Sqlite or Postgres."),
        };
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSchedulerData(database);
        services.AddDbContext<SchedulerDbContext>(database);
        services.AddIdentityCore<SchedulerUser>(SchedulerIdentity.Configure)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SchedulerDbContext>()
            .AddSchedulerAccountRules();
        var provided = services.BuildServiceProvider();
        await provided.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().MigrateAsync(ct);
        return provided;
    }

    private static async Task Refusals(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (AccountRefusedException e)
        {
            throw new UserInputException($"{e.Field}: {e.Message}");
        }
    }

    /// <summary>From a terminal without echo; from a pipe, its first line.</summary>
    private static string ReadPassword(CliContext context, string prompt)
    {
        if (context.Input is not null || Console.IsInputRedirected)
        {
            var line = (context.Input ?? Console.In).ReadLine();
            return string.IsNullOrEmpty(line) ? throw new UserInputException("No password on standard input (pipe it, or type it when asked).") : line;
        }

        context.Error.Write(prompt);
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (typed.Length > 0) typed.Length--;
                continue;
            }

            typed.Append(key.KeyChar);
        }

        context.Error.WriteLine();
        return typed.ToString();
    }
}
