using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Data;
using Scheduler.Data.Accounts;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Hiring;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Tests.Hosted;

/// <summary>
/// The staffing gap as a durable job on the whole app on SQLite: a request is stored as a row, solved by a Quartz job,
/// and its suggestion read back by a new app on the same database file, shown on the roster page; asking again for
/// the same version returns the same run, audited once; a refused request stores nothing.
/// </summary>
public sealed class StaffingGapRunTests
{
    [Fact]
    public async Task ASuggestion_IsStoredSolvedByQuartzAndReadBackAfterARestart_AskedTwiceItIsOneRunAuditedOnce()
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-hire-").FullName;
        try
        {
            long rosterId;
            Guid version;
            StaffingGapView done;
            using (var app = new HostedApp(folder))
            {
                var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
                (_, _, rosterId) = await SwapWeek.PublishAsync(app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>(), app.Services.GetRequiredService<RosterStore>(), sunday);
                var gaps = app.Services.GetRequiredService<StaffingGaps>();

                var asked = await gaps.StartAsync(rosterId, "rahima", TimeSpan.FromSeconds(5));
                var again = await gaps.StartAsync(rosterId, "sabbir", TimeSpan.FromSeconds(5)); // while queued or running
                done = await WaitAsync(gaps, asked.Run.Id);
                var afterDone = await gaps.StartAsync(rosterId, "sabbir", TimeSpan.FromSeconds(5)); // once done

                Assert.Equal(asked.Run.Id, again.Run.Id);
                Assert.Equal(asked.Run.Id, afterDone.Run.Id);
                Assert.Equal(StaffingGapRunStatus.Done, afterDone.Run.Status);
                version = asked.Run.RosterVersion;
                Assert.True(done.Run.Status == StaffingGapRunStatus.Done, done.Run.Error);
                Assert.Equal(1, done.Run.Attempts);
                Assert.NotNull(done.Run.StartedAt);
                Assert.NotNull(done.Run.Elapsed);
                Assert.Equal("rahima", done.Run.RequestedBy);
                Assert.Contains("Staffing gap run", app.ReadLog());
            }

            // A new app on the same database file: the run and its suggestion are still there, on the roster page too.
            using var restarted = new HostedApp(folder);
            await restarted.AddUserAsync("rahima", AccountRoles.Supervisor);
            var stored = restarted.Services.GetRequiredService<StaffingGaps>();
            var read = await stored.ForAsync(rosterId, version);
            var roster = (await restarted.Services.GetRequiredService<RosterStore>().LoadAsync(rosterId, default))!;
            using var client = await restarted.SignInAsync("rahima");
            var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/roster?week={roster.Entity.FirstDate:yyyy-MM-dd}")).Replace("<!--!-->", string.Empty, StringComparison.Ordinal);

            Assert.NotNull(read);
            Assert.Equal(done.Run.Id, read.Run.Id);
            Assert.Equal(done.Run.ResultJson, read.Run.ResultJson);
            var result = read.Result!;
            // Saturday 08:00-16:00 has no one on voice-bn (32 quarter-hours), and the meal breaks leave gaps on the other days.
            Assert.Equal(RosterValidator.Validate(roster.Scenario, roster.Roster).Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units), result.ShortBefore);
            Assert.True(result.ShortBefore >= 32, $"short {result.ShortBefore}");
            Assert.True(result.ShortAfter < result.ShortBefore, $"short {result.ShortBefore} -> {result.ShortAfter}");
            Assert.Equal(result.Hires, result.Groups.Sum(g => g.Count));
            Assert.All(result.Groups, g => Assert.Contains("voice-bn", g.Skills));
            Assert.Contains("data-testid=\"hire-sentence\"", page);
            Assert.Contains($"short agent-intervals {result.ShortBefore} → {result.ShortAfter}", page);
            Assert.DoesNotContain("data-testid=\"suggest-hires\"", page); // a done suggestion stays for its version
            await using (var db = await restarted.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>().CreateDbContextAsync())
            {
                Assert.Equal(1, await db.StaffingGapRuns.CountAsync());
                var audit = await db.AuditEntries.Where(a => a.Action == "roster.staffing-gap").ToListAsync();
                Assert.Single(audit);
                Assert.Equal("rahima", audit[0].Actor);
                Assert.Contains(done.Run.Id.ToString(), audit[0].After);
            }

            // The same roster re-solved with the same hire profiles, judged by the validator alone: its shortfall before
            // is the stored one, and the hires it adds break no rule.
            var check = HiringSolver.Suggest(roster.Scenario, roster.Roster, HireProfiles.For(roster.Scenario), new HiringOptions { TimeLimit = TimeSpan.FromSeconds(5), Workers = 2 });
            var report = RosterValidator.Validate(check.Scenario, check.Roster);
            Assert.Equal(result.ShortBefore, check.ShortBefore);
            Assert.Equal(result.ShortAfter, check.ShortAfter);
            Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
            Assert.Equal(check.ShortAfter, report.Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ARunCutShortByAShutdown_IsSolvedAgainWhenTheAppStartsAgain()
    {
        var folder = Directory.CreateTempSubdirectory("scheduler-hire-").FullName;
        try
        {
            Guid id;
            using (var app = new HostedApp(folder))
            {
                var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
                var (_, _, rosterId) = await SwapWeek.PublishAsync(app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>(), app.Services.GetRequiredService<RosterStore>(), sunday);
                var gaps = app.Services.GetRequiredService<StaffingGaps>();
                // 20 s: this week's suggestion searches its whole limit (CP-SAT does not prove it optimal sooner).
                id = (await gaps.StartAsync(rosterId, "rahima", TimeSpan.FromSeconds(20))).Run.Id;
                for (var clock = Stopwatch.StartNew(); (await gaps.GetAsync(id))!.Run.Status != StaffingGapRunStatus.Running; await Task.Delay(100))
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "the run never began");
                }
            } // the app stops while CP-SAT searches: the job stops it and hands the run back

            using var restarted = new HostedApp(folder);
            var cut = await restarted.Services.GetRequiredService<StaffingGapRunStore>().GetAsync(id, default);
            var done = await WaitAsync(restarted.Services.GetRequiredService<StaffingGaps>(), id);

            Assert.True(done.Run.Status == StaffingGapRunStatus.Done, done.Run.Error);
            Assert.Equal(2, done.Run.Attempts); // begun, cut short, recovered and begun again
            Assert.NotNull(done.Result);
            Assert.Equal(StaffingGapRunStatus.Running, cut!.Status); // never ended: neither Done with half an answer nor Failed
            var roster = (await restarted.Services.GetRequiredService<RosterStore>().LoadAsync(done.Run.RosterId, default))!;
            var check = HiringSolver.Suggest(roster.Scenario, roster.Roster, HireProfiles.For(roster.Scenario), new HiringOptions { TimeLimit = TimeSpan.FromSeconds(5), Workers = 2 });
            Assert.Equal(check.ShortBefore, done.Result.ShortBefore);
            Assert.True(RosterValidator.Validate(check.Scenario, check.Roster).IsValid);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ARosterChangedAfterTheRequest_EndsFailedSayingSo_AndMayBeAskedAgain()
    {
        using var app = new HostedApp();
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        var rosters = app.Services.GetRequiredService<RosterStore>();
        var (scenario, roster, _) = await SwapWeek.PublishAsync(app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>(), rosters, sunday);
        var draft = await rosters.SaveDraftAsync("dhaka", scenario, roster, null, "rahima", default);
        var gaps = app.Services.GetRequiredService<StaffingGaps>();
        var store = app.Services.GetRequiredService<StaffingGapRunStore>();

        // Stored for the draft as it is, then the draft is edited before the job begins.
        var (queued, _) = await store.EnqueueAsync(draft.Id, "rahima", 5, default);
        await rosters.SaveEditAsync(draft.Id, draft.Version, new Roster([.. roster.Shifts.Skip(1)]), "rahima", default);
        await app.Services.GetRequiredService<StaffingGapRun>().RunAsync(queued.Id, "test", default);
        var failed = (await gaps.GetAsync(queued.Id))!;

        Assert.Equal(StaffingGapRunStatus.Failed, failed.Run.Status);
        Assert.Equal($"Roster v{draft.Number} was changed after the suggestion was asked for: ask again.", failed.Error);
        Assert.Null(failed.Result);
        var fresh = await gaps.StartAsync(draft.Id, "rahima", TimeSpan.FromSeconds(5));
        Assert.NotEqual(queued.Id, fresh.Run.Id);
        var solved = await WaitAsync(gaps, fresh.Run.Id);
        Assert.True(solved.Run.Status == StaffingGapRunStatus.Done, solved.Run.Error);
        var edited = (await rosters.LoadAsync(draft.Id, default))!;
        var check = HiringSolver.Suggest(edited.Scenario, edited.Roster, HireProfiles.For(edited.Scenario), new HiringOptions { TimeLimit = TimeSpan.FromSeconds(5), Workers = 2 });
        Assert.Equal(check.ShortBefore, solved.Result!.ShortBefore);
        Assert.True(RosterValidator.Validate(check.Scenario, check.Roster).IsValid);
    }

    [Theory]
    [InlineData(0, true, "Time limit: 0 s is outside 1-600 s.")]
    [InlineData(5, false, "does not exist")]
    public async Task ARefusedRequest_StoresNothingAndAuditsNothing(int seconds, bool realRoster, string reason)
    {
        using var app = new HostedApp();
        var factory = app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
        var sunday = app.Services.GetRequiredService<PlanningService>().NextPlanningWeek(app.Clock);
        var (_, _, rosterId) = await SwapWeek.PublishAsync(factory, app.Services.GetRequiredService<RosterStore>(), sunday);
        var gaps = app.Services.GetRequiredService<StaffingGaps>();

        var refused = await Assert.ThrowsAsync<StaffingGapRunRefusedException>(() => gaps.StartAsync(realRoster ? rosterId : rosterId + 1000, "rahima", TimeSpan.FromSeconds(seconds)));

        Assert.Contains(reason, refused.Message);
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(0, await db.StaffingGapRuns.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "roster.staffing-gap"));
    }

    private static async Task<StaffingGapView> WaitAsync(StaffingGaps gaps, Guid id, TimeSpan? limit = null)
    {
        StaffingGapView? view = null;
        for (var clock = Stopwatch.StartNew(); clock.Elapsed < (limit ?? TimeSpan.FromSeconds(120)); await Task.Delay(200))
        {
            view = await gaps.GetAsync(id);
            if (view is { Running: false })
            {
                return view;
            }
        }

        Assert.Fail($"Staffing gap run {id} is still {view?.Run.Status} after {(limit ?? TimeSpan.FromSeconds(120)).TotalSeconds} s.");
        return view!;
    }
}
