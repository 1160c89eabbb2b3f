using Microsoft.Data.Sqlite;
using Npgsql;
using Scheduler.Cli;

namespace Scheduler.Cli.Tests;

/// <summary>`scheduler users`: the first administrator of an empty database, on SQLite and on a real PostgreSQL server.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scheduler-cli-users-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Add_OnAnEmptySqliteFile_CreatesTheAdministratorWithThePasswordFromStdin()
    {
        var db = Path.Combine(_folder, "scheduler.db");

        var (code, output, error) = await Run("tea garden at sunrise\n", "users", "add", "--db", db, "--name", "sohel", "--role", "Administrator");
        var (_, list, _) = await Run(null, "users", "list", "--db", db);

        Assert.True(code == 0, error);
        Assert.Contains("Created the Administrator account 'sohel'", output);
        Assert.Matches(@"sohel\s+Administrator\s+-\s+active", list);
        Assert.DoesNotContain("tea garden", output + error + list);
    }

    [Theory]
    [InlineData("short\n", "at least 12")] // too short
    [InlineData("password1234\n", "common passwords")] // common with digits
    [InlineData("\n", "No password")] // nothing on stdin
    public async Task Add_WeakOrMissingPassword_IsRefusedWithExitCode2AndNoAccount(string stdin, string reason)
    {
        var db = Path.Combine(_folder, "scheduler.db");

        var (code, _, error) = await Run(stdin, "users", "add", "--db", db, "--name", "sohel", "--role", "Administrator");
        var (_, list, _) = await Run(null, "users", "list", "--db", db);

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains(reason, error);
        Assert.DoesNotContain("sohel", list);
    }

    [Fact]
    public async Task Add_UnknownRole_IsRefused()
    {
        var (code, _, error) = await Run("tea garden at sunrise\n", "users", "add", "--db", Path.Combine(_folder, "s.db"), "--name", "sohel", "--role", "Boss");

        Assert.Equal(CliApp.BadInput, code);
        Assert.Contains("--role 'Boss'", error);
    }

    [Fact]
    public async Task Add_OnPostgres_WorksTheSameWay()
    {
        var server = Environment.GetEnvironmentVariable("SCHEDULER_TEST_POSTGRES")
            ?? throw new InvalidOperationException("SCHEDULER_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL (scripts/postgres.sh).");
        var database = $"scheduler_cli_{Guid.NewGuid():N}";
        var connection = $"{server};Database={database}";
        try
        {
            var (code, output, error) = await Run("tea garden at sunrise\n", "users", "add", "--provider", "Postgres", "--connection-string", connection, "--name", "sohel", "--role", "Administrator");
            var (_, list, _) = await Run(null, "users", "list", "--provider", "Postgres", "--connection-string", connection);

            Assert.True(code == 0, error);
            Assert.Contains("Created the Administrator account 'sohel'", output);
            Assert.Matches(@"sohel\s+Administrator", list);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection($"{server};Database=postgres");
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<(int Code, string Output, string Error)> Run(string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, input: new StringReader(stdin ?? string.Empty));
        return (code, output.ToString(), error.ToString());
    }
}
