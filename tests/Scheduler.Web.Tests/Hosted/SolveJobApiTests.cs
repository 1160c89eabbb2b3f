using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Data;
using Scheduler.Data.Accounts;

namespace Scheduler.Web.Tests.Hosted;

/// <summary>Solve jobs through /api/roster/solves on the whole app: bad options refused whole, a week with no agents fails in words.</summary>
public sealed class SolveJobApiTests
{
    [Theory]
    [InlineData("2026-12-06", 1, 2, "seconds")]
    [InlineData("2026-12-06", 1, 601, "seconds")]
    [InlineData("2026-12-06", 5, 30, "weeks")]
    [InlineData("2026-12-06", 0, 30, "weeks")]
    [InlineData("next sunday", 1, 30, "firstDate")]
    public async Task OptionsOutOfRange_Are400NamingTheFieldAndNothingIsQueued(string firstDate, int weeks, int seconds, string field)
    {
        using var app = new HostedApp();
        await app.AddUserAsync("rahima", AccountRoles.Supervisor);
        using var client = await app.SignInAsync("rahima");
        client.DefaultRequestHeaders.Add("X-Scheduler-Request", "1");

        var response = await client.PostAsJsonAsync("/api/roster/solves", new { firstDate, weeks, seconds });
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var queued = JsonDocument.Parse(await client.GetStringAsync("/api/roster/solves")).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var message), problem.RootElement.ToString());
        Assert.Contains(field == "firstDate" ? "not a date" : "was given", message[0].GetString());
        Assert.Equal(0, queued.GetArrayLength());
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.SolveJobs.CountAsync());
    }

    [Fact]
    public async Task AWeekWithNoActiveAgents_FailsWithAMessageInTheJobAndNoStackTrace()
    {
        using var app = new HostedApp();
        await app.AddUserAsync("rahima", AccountRoles.Supervisor);
        using var client = await app.SignInAsync("rahima");
        client.DefaultRequestHeaders.Add("X-Scheduler-Request", "1");
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync())
        {
            await db.Agents.ExecuteUpdateAsync(s => s.SetProperty(a => a.Active, false));
        }

        var response = await client.PostAsJsonAsync("/api/roster/solves", new { firstDate = "2026-12-06", weeks = 1, seconds = 10 });
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        JsonElement job = default;
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(200))
        {
            job = JsonDocument.Parse(await client.GetStringAsync($"/api/roster/solves/{id}")).RootElement.Clone();
            if (job.GetProperty("status").GetString() is not ("Queued" or "Running")) break;
        }

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Failed", job.GetProperty("status").GetString());
        Assert.Contains("No active agents", job.GetProperty("message").GetString());
        Assert.DoesNotContain(" at ", job.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("rosterId").ValueKind);
        Assert.Contains("Solve job", app.ReadLog()); // the log has the job id with the failure
    }
}
