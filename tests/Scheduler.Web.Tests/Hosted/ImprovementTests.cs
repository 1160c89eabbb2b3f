using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Data;
using Scheduler.Data.Accounts;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Solver;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Tests.Hosted;

/// <summary>
/// "Improve by simulation" on the whole app on SQLite: on the demo forecast, a thinly staffed published week is checked,
/// then improved round by round on the solves' scheduler; the rounds are stored, the best saved as the next draft with
/// its reason and audit entry, and a refused request stores nothing.
/// </summary>
public sealed class ImprovementTests
{
    [Fact]
    public async Task AnUnderstaffedWeek_IsImprovedRoundByRound_TheBestRoundSavedAsTheNextDraft()
    {
        using var app = new HostedApp();
        await app.AddUserAsync("rahima", AccountRoles.Supervisor);
        var factory = app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
        var rosters = app.Services.GetRequiredService<RosterStore>();
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        // The demo week as the roster page plans it, solved briefly and published.
        var plan = await app.Services.GetRequiredService<PlanningService>().PlanWeekAsync(sunday, 7, default);
        // Planned for 80 % of what the forecast needs, so the roster is short whatever the week holds (this week's Victory
        // Day lowers the forecast, and the demo centre then sometimes met every target) and the agents have hours to spare
        // for the rounds' raised requirement.
        var scenario = plan.Scenario with { Requirements = plan.Scenario.Requirements.ToDictionary(r => r.Key, r => r.Value.Select(n => n * 4 / 5).ToArray()) };
        // 20 s: on a loaded 2-core CI machine 5 s sometimes ended before the first roster.
        var first = RosterSolver.Solve(scenario, new SolveOptions { TimeLimit = TimeSpan.FromSeconds(20), Workers = 2, Seed = 1 });
        Assert.True(first.Roster is not null, $"no roster of the demo week in 20 s ({first.Status})");
        var solved = first.Roster!;
        var v1 = await rosters.SaveDraftAsync("dhaka", scenario, solved, null, "rahima", default);
        var rosterId = (await rosters.PublishAsync(v1.Id, v1.Version, "rahima", default)).Id;
        var simulations = app.Services.GetRequiredService<RosterSimulations>();
        var check = await WaitAsync(simulations, (await simulations.StartAsync(rosterId, "rahima", replications: 10)).Id);
        Assert.True(check.Run.Status == SimulationRunStatus.Done, check.Run.Message);
        Assert.True(check.Result!.Queues.Any(q => q.Target is { } t && q.ServiceLevel.Mean < t), string.Join("; ", check.Result.Queues.Select(q => $"{q.Queue} {q.ServiceLevel.Mean:P1} of {q.Target:P0}")));

        // 15 s a round: at the solves' minimum of 5 s, a loaded 2-core CI machine sometimes found no roster in round 1.
        var run = await simulations.ImproveAsync(rosterId, "rahima", rounds: 2, TimeSpan.FromSeconds(15), replications: 10);
        var done = await WaitImprovementAsync(simulations, run.Id);
        using var client = await app.SignInAsync("rahima");
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/roster?week={sunday:yyyy-MM-dd}&version=1"));

        Assert.True(done.Run.Status == SimulationRunStatus.Done, done.Run.Message);
        Assert.Equal(15, done.Run.TimeLimitSeconds);
        var result = done.Result!;
        Assert.Equal(1, result.FromNumber);
        Assert.Equal(0, result.Rounds[0].Round);
        Assert.Equal(0, result.Rounds[0].Added);
        Assert.InRange(result.Rounds.Count, 2, 3);
        Assert.All(result.Rounds.Skip(1), r => Assert.True(r.Added > 0));
        Assert.All(result.Rounds, r => Assert.Contains(r.Queues, q => q.Queue == "voice-bn" && q.Target is not null && q.ServiceLevel.HalfWidth >= 0));
        Assert.True(result.Best > 0, result.Sentence()); // the re-solves add shifts where the week falls short: a later round comes closer
        Assert.Equal(result.Rounds.Where(r => r.MeetsTargets).OrderBy(r => r.Cost).FirstOrDefault()?.Round ?? result.Rounds.MaxBy(r => r.WorstMargin)!.Round, result.Best);

        var draftId = done.Run.DraftRosterId!.Value;
        var draft = (await rosters.LoadAsync(draftId, default))!;
        Assert.Equal(RosterStatus.Draft, draft.Entity.Status);
        Assert.Equal(2, draft.Entity.Number);
        Assert.Equal(result.DraftNumber, draft.Entity.Number);
        Assert.Equal($"improved by simulation, round {result.Best}", draft.Entity.Reason);
        Assert.Equal(result.BestRound.Cost, draft.Entity.Cost);
        var report = RosterValidator.Validate(scenario, draft.Roster);
        Assert.True(report.IsValid);
        Assert.Equal(result.BestRound.Cost, report.TotalCost);
        Assert.Equal(RosterStatus.Published, (await rosters.LoadAsync(rosterId, default))!.Entity.Status); // v1 untouched
        Assert.Contains("saved as draft v2", result.Sentence(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(result.Sentence(), done.Run.Message);

        Assert.Contains("data-testid=\"improve-rounds-table\"", page);
        Assert.Contains(result.Sentence(), page);
        Assert.Contains($"version=2", page);
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "roster.improve-queue" && a.Actor == "rahima"));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "roster.improve");
        Assert.Contains($"improved by simulation, round {result.Best}", audit.After);
        Assert.Contains("v2", audit.Subject);
    }

    [Fact]
    public async Task ARosterChangedBeforeTheRunBegins_EndsFailedInWordsOnThePage_NoDraftSaved()
    {
        using var app = new HostedApp();
        await app.AddUserAsync("rahima", AccountRoles.Supervisor);
        var factory = app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        var (_, _, rosterId) = await SwapWeek.PublishAsync(factory, app.Services.GetRequiredService<RosterStore>(), sunday);
        var id = Guid.NewGuid();
        await using (var db = await factory.CreateDbContextAsync())
        {
            // A request of a version since replaced (as when a draft is edited after asking), run here directly.
            var roster = await db.Rosters.AsNoTracking().SingleAsync(r => r.Id == rosterId);
            db.SimulationRuns.Add(new SimulationRunEntity
            {
                Id = id,
                SiteId = roster.SiteId,
                RosterId = rosterId,
                RosterVersion = Guid.NewGuid(),
                RosterNumber = roster.Number,
                FirstDate = roster.FirstDate,
                RequestedBy = "rahima",
                RequestedAt = app.Clock.GetCurrentInstant(),
                Replications = 5,
                Seed = 16,
                Rounds = 2,
                TimeLimitSeconds = 5,
                Status = SimulationRunStatus.Queued,
            });
            await db.SaveChangesAsync();
        }

        await app.Services.GetRequiredService<RosterImprovementRun>().RunAsync(id, "test", default);
        var view = (await app.Services.GetRequiredService<RosterSimulations>().GetImprovementAsync(id))!;

        Assert.Equal(SimulationRunStatus.Failed, view.Run.Status);
        Assert.Equal("Roster v1 was changed after the improvement was asked for: check it again.", view.Run.Message);
        Assert.Null(view.Result);
        Assert.Null(view.Run.DraftRosterId);
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(1, await check.Rosters.CountAsync());
    }

    [Theory]
    [InlineData(0, true, "Rounds: 0 is outside 1-5.")]
    [InlineData(6, true, "Rounds: 6 is outside 1-5.")]
    [InlineData(3, false, "has not been checked by simulation")] // no Done check of this version
    public async Task ARefusedRequest_StoresNothing(int rounds, bool checkFirst, string reason)
    {
        using var app = new HostedApp();
        var factory = app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        var (_, _, rosterId) = await SwapWeek.PublishAsync(factory, app.Services.GetRequiredService<RosterStore>(), sunday);
        var simulations = app.Services.GetRequiredService<RosterSimulations>();
        var checks = 0;
        if (checkFirst)
        {
            await WaitAsync(simulations, (await simulations.StartAsync(rosterId, "rahima", replications: 5)).Id);
            checks = 1;
        }

        var refused = await Assert.ThrowsAsync<SimulationRunRefusedException>(() => simulations.ImproveAsync(rosterId, "rahima", rounds, TimeSpan.FromSeconds(5), replications: 5));

        Assert.Contains(reason, refused.Message);
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(checks, await db.SimulationRuns.CountAsync());
        Assert.Equal(0, await db.SimulationRuns.CountAsync(r => r.Rounds > 0));
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "roster.improve" || a.Action == "roster.improve-queue"));
        Assert.Equal(1, await db.Rosters.CountAsync());
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

    private static async Task<ImprovementView> WaitImprovementAsync(RosterSimulations simulations, Guid id)
    {
        ImprovementView? view = null;
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(240); await Task.Delay(200))
        {
            view = await simulations.GetImprovementAsync(id);
            if (view is { Running: false })
            {
                return view;
            }
        }

        Assert.Fail($"Improvement {id} is still {view?.Run.Status} ({view?.Run.Round}, {view?.Run.Phase}) after 4 minutes.");
        return view!;
    }
}
