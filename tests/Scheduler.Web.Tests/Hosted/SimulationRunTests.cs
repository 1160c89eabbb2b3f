using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Accounts;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Tests.Hosted;

/// <summary>
/// "Check by simulation" on the whole app on SQLite: a run is queued on the Quartz scheduler, plays the published
/// week, ends Done with its result on the roster page and the coverage map; bad input ends Failed in words; a refused
/// request stores nothing.
/// </summary>
public sealed class SimulationRunTests
{
    [Fact]
    public async Task APublishedWeek_IsSimulatedToDone_TheResultIsShownAndARerunAgrees()
    {
        using var app = new HostedApp();
        await app.AddUserAsync("rahima", AccountRoles.Supervisor);
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        var (_, _, rosterId) = await SwapWeek.PublishAsync(app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>(), app.Services.GetRequiredService<RosterStore>(), sunday);
        var simulations = app.Services.GetRequiredService<RosterSimulations>();

        var first = await WaitAsync(simulations, (await simulations.StartAsync(rosterId, "rahima", replications: 20)).Id);
        var again = await WaitAsync(simulations, (await simulations.StartAsync(rosterId, "rahima", replications: 20)).Id);
        using var client = await app.SignInAsync("rahima");
        var rosterPage = WebUtility.HtmlDecode(await client.GetStringAsync($"/roster?week={sunday:yyyy-MM-dd}"));
        var coveragePage = WebUtility.HtmlDecode(await client.GetStringAsync("/coverage"));

        Assert.Equal(SimulationRunStatus.Done, first.Run.Status);
        Assert.NotNull(first.Result);
        var voice = first.Result.Queue("voice-bn")!;
        Assert.True(voice.Offered > 0);
        Assert.NotNull(voice.ErlangServiceLevel); // the projection of the same roster and forecast, beside it
        Assert.InRange(voice.ServiceLevel.Mean, 0, 1);
        Assert.True(voice.ServiceLevel.HalfWidth >= 0);
        Assert.Equal(7 * 24, voice.HourOffered.Length);
        Assert.InRange(first.Result.Replications, 10, 20);
        Assert.Equal(first.Result.Replications, first.Run.ReplicationsDone);
        Assert.Contains(first.Result.Groups, g => g.Queues.Contains("voice-bn") && g.Agents > 0);
        // Eight weeks of demo history: each queue's daily variation beyond Poisson is fitted and kept with the result
        // (the demo draws Poisson days on a slow growth, so little of it).
        Assert.Equal(["chat-bn", "email-en", "voice-bn", "voice-en"], first.Result.DailyVariation.Keys.Order(StringComparer.Ordinal));
        Assert.All(first.Result.DailyVariation.Values, v => Assert.InRange(v, 0, 0.2));
        Assert.Equal(first.Run.ResultJson, again.Run.ResultJson); // the seed is fixed: asking again gives the same numbers
        Assert.Contains("data-testid=\"simulation-table\"", rosterPage);
        Assert.Contains("voice-bn: Erlang per queue says", rosterPage);
        Assert.Contains("data-testid=\"sl-map\"", coveragePage);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "roster.simulate" && a.Actor == "rahima"));
    }

    [Fact]
    public async Task TheResultOfAnOlderVersion_StaysReadable_MarkedAsForThatVersion()
    {
        using var app = new HostedApp();
        await app.AddUserAsync("rahima", AccountRoles.Supervisor);
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        var rosters = app.Services.GetRequiredService<RosterStore>();
        var (scenario, roster, rosterId) = await SwapWeek.PublishAsync(app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>(), rosters, sunday);
        var simulations = app.Services.GetRequiredService<RosterSimulations>();
        var run = await WaitAsync(simulations, (await simulations.StartAsync(rosterId, "rahima", replications: 10)).Id);
        Assert.True(run.Run.Status == SimulationRunStatus.Done, run.Run.Message);

        var draft = await rosters.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default); // v2, not simulated
        using var client = await app.SignInAsync("rahima");
        var newest = WebUtility.HtmlDecode(await client.GetStringAsync($"/roster?week={sunday:yyyy-MM-dd}&version={draft.Number}"));
        var older = WebUtility.HtmlDecode(await client.GetStringAsync($"/roster?week={sunday:yyyy-MM-dd}&version=1"));

        Assert.Equal(2, draft.Number);
        Assert.Contains("These results are for v1, not v2 shown here.", newest);
        Assert.Contains("data-testid=\"simulation-table\"", newest);
        Assert.Contains(">Check by simulation</", newest.Replace("<!--!-->", string.Empty, StringComparison.Ordinal)); // v2 can be checked in its turn
        Assert.DoesNotContain("These results are for", older);
        Assert.Contains("data-testid=\"simulation-table\"", older);
    }

    [Fact]
    public async Task AWeekWithNoForecast_FailsWithTheMessageOnThePageAndNoStackTrace()
    {
        using var app = new HostedApp();
        await app.AddUserAsync("rahima", AccountRoles.Supervisor);
        var longAgo = new LocalDate(2020, 1, 5); // a Sunday before any stored history: nothing to forecast from
        var (_, _, rosterId) = await SwapWeek.PublishAsync(app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>(), app.Services.GetRequiredService<RosterStore>(), longAgo);
        var simulations = app.Services.GetRequiredService<RosterSimulations>();

        var run = await WaitAsync(simulations, (await simulations.StartAsync(rosterId, "rahima")).Id);
        using var client = await app.SignInAsync("rahima");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/roster?week=2020-01-05"));

        Assert.Equal(SimulationRunStatus.Failed, run.Run.Status);
        Assert.Null(run.Result);
        Assert.Contains("No history", run.Run.Message);
        Assert.DoesNotContain(" at ", run.Run.Message);
        // The sentence is localised; the run's English detail follows it, marked as English for a Bangla reader.
        Assert.Contains("The simulation could not run: <span translate=\"no\" lang=\"en\">" + System.Net.WebUtility.HtmlEncode(run.Run.Message) + "</span>", page);
        Assert.Contains("Simulation run", app.ReadLog());
    }

    [Fact]
    public async Task ARosterWithNoShifts_FailsNamingIt()
    {
        using var app = new HostedApp();
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        var (scenario, _, _) = await SwapWeek.PublishAsync(app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>(), app.Services.GetRequiredService<RosterStore>(), sunday);
        var empty = await app.Services.GetRequiredService<RosterStore>().SaveDraftAsync("dhaka", scenario, new Domain.Rostering.Roster([]), null, "rahima", default);
        var simulations = app.Services.GetRequiredService<RosterSimulations>();

        var run = await WaitAsync(simulations, (await simulations.StartAsync(empty.Id, "rahima")).Id);

        Assert.Equal(SimulationRunStatus.Failed, run.Run.Status);
        Assert.Equal($"Roster v{empty.Number} has no shifts: there is no one to answer the contacts.", run.Run.Message);
    }

    [Theory]
    [InlineData(0, true, "Replications: 0 is outside 1-1000.")] // none asked for
    [InlineData(1001, true, "Replications: 1001 is outside 1-1000.")] // beyond the cap
    [InlineData(100, false, "does not exist")] // a roster id no one has
    public async Task ARefusedRequest_StoresNothing(int replications, bool realRoster, string reason)
    {
        using var app = new HostedApp();
        var factory = app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        var (_, _, rosterId) = await SwapWeek.PublishAsync(factory, app.Services.GetRequiredService<RosterStore>(), sunday);
        var simulations = app.Services.GetRequiredService<RosterSimulations>();

        var refused = await Assert.ThrowsAsync<SimulationRunRefusedException>(() => simulations.StartAsync(realRoster ? rosterId : rosterId + 1000, "rahima", replications));

        Assert.Contains(reason, refused.Message);
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(0, await db.SimulationRuns.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "roster.simulate"));
    }

    private static async Task<SimulationView> WaitAsync(RosterSimulations simulations, Guid id)
    {
        SimulationView? view = null;
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(120); await Task.Delay(200))
        {
            view = await simulations.GetAsync(id);
            if (view is { Running: false })
            {
                return view;
            }
        }

        Assert.Fail($"Simulation run {id} is still {view?.Run.Status} after 2 minutes.");
        return view!;
    }
}
