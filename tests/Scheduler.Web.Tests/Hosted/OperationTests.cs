using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Data.Accounts;
using Scheduler.Data.Entities;

namespace Scheduler.Web.Tests.Hosted;

/// <summary>What an administrator running the app meets: the health address, and a start that refuses an unsafe database.</summary>
public sealed class OperationTests
{
    [Fact]
    public async Task Health_Is200WithTheDatabaseAnd503WithItsFileRemoved()
    {
        using var app = new HostedApp();
        using var client = app.CreateClient();

        var up = await client.GetAsync("/health");
        File.Delete(app.DatabaseFile);
        var down = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, up.StatusCode);
        using var healthy = System.Text.Json.JsonDocument.Parse(await up.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", healthy.RootElement.GetProperty("status").GetString());
        var jobs = healthy.RootElement.GetProperty("checks").GetProperty("jobs");
        Assert.Equal("Running", jobs.GetProperty("data").GetProperty("state").GetString()); // the job scheduler's own state
        Assert.Equal(0, jobs.GetProperty("data").GetProperty("queued").GetInt32());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var unhealthy = await down.Content.ReadAsStringAsync();
        using var downJson = System.Text.Json.JsonDocument.Parse(unhealthy);
        Assert.Equal("Unhealthy", downJson.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("SQLite", unhealthy, StringComparison.OrdinalIgnoreCase); // the reason is in the log, not told to anyone who asks
    }

    [Fact]
    public async Task ProductionStart_WithDemoUsersInTheDatabase_RefusesAndSaysHowToRemoveThem()
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-demo-users-").FullName;
        try
        {
            using (var app = new HostedApp(folder))
            {
                await app.AddUserAsync("rahima", AccountRoles.Supervisor);
                using var scope = app.Services.CreateScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<SchedulerUser>>();
                var rahima = await users.FindByNameAsync("rahima");
                rahima!.IsDemo = true; // as the Development seed marks its users
                await users.UpdateAsync(rahima);
            }

            var (exit, output) = await RunAppAsync(folder, "Production");

            Assert.Equal(1, exit);
            Assert.Contains("demo users (rahima)", output);
            Assert.Contains("scheduler users remove-demo", output);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The built app as its own process, as a service manager starts it (working directory elsewhere).</summary>
    private static async Task<(int Exit, string Output)> RunAppAsync(string dataFolder, string environment)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Scheduler.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("Scheduler.sln not found above the test binaries.");
        }

        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(root.FullName, "src", "Scheduler.Web", "bin", configuration, "net10.0", "Scheduler.Web.dll")}\"")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Scheduler__DataFolder"] = dataFolder;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the app kept running:\n{await stdout}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
