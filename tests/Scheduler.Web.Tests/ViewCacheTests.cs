using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Coverage;

namespace Scheduler.Web.Tests;

/// <summary>
/// Derived views are cached per version of what they come from: the same version is served from the cache, and an
/// edit, a publish, an import, a roll-back or a target change is seen on the very next request.
/// </summary>
public sealed class ViewCacheTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);

    [Fact]
    public async Task Roster_page_model_an_edit_and_a_publish_are_seen_on_the_next_request()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (_, roster, publishedId) = await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        var published = (await host.Rosters.LoadAsync(publishedId, default))!;

        var first = await host.Views.GetAsync(publishedId, host.Site.Zone, default);
        Assert.Same(first, await host.Views.GetAsync(publishedId, host.Site.Zone, default)); // unchanged: one build

        // Editing the published version makes draft v2; editing that draft changes it in place (same id, new version).
        var draft = await host.Rosters.SaveEditAsync(publishedId, published.Entity.Version, Without(roster, "nadia", 5), "rahima", default);
        var drafted = await host.Views.GetAsync(draft.Id, host.Site.Zone, default);
        Assert.Equal(roster.Shifts.Count - 1, drafted!.Stored.Roster.Shifts.Count);
        var edited = await host.Rosters.SaveEditAsync(draft.Id, draft.Version, Without(drafted.Stored.Roster, "nadia", 4), "rahima", default);
        Assert.Equal(draft.Id, edited.Id);

        var afterEdit = await host.Views.GetAsync(draft.Id, host.Site.Zone, default);
        Assert.Equal(roster.Shifts.Count - 2, afterEdit!.Stored.Roster.Shifts.Count);
        Assert.Equal(0, Count(afterEdit.Rows, "nadia")); // the grid too, not only the stored roster

        await host.Rosters.PublishAsync(edited.Id, edited.Version, "rahima", default);
        var afterPublish = await host.Views.GetAsync(draft.Id, host.Site.Zone, default);
        Assert.Equal(Data.Entities.RosterStatus.Published, afterPublish!.Stored.Entity.Status);
        Assert.Equal(Data.Entities.RosterStatus.Published, first!.Stored.Entity.Status); // v1 is still what it was
    }

    [Fact]
    public async Task Coverage_week_a_newly_published_version_is_seen_on_the_next_request()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (_, roster, publishedId) = await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        var coverage = new CoverageService(host.Rosters, host.Views, host.Planning, host.Queues, host.Site);

        var v1 = await coverage.WeekAsync(Sunday, default);
        Assert.Same(v1, await coverage.WeekAsync(Sunday, default));
        Assert.Equal(1, SundayVoiceBn(v1!, host).Max(p => p.Scheduled)); // Tanvir, Sunday 08:00-16:00

        var published = (await host.Rosters.LoadAsync(publishedId, default))!;
        var draft = await host.Rosters.SaveEditAsync(publishedId, published.Entity.Version, Without(roster, "tanvir", 0), "rahima", default);
        Assert.Same(v1, await coverage.WeekAsync(Sunday, default)); // a draft is not what the manager sees
        await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);

        var v2 = await coverage.WeekAsync(Sunday, default);
        Assert.Equal(draft.Id, v2!.Roster.Entity.Id);
        Assert.Equal(0, SundayVoiceBn(v2, host).Max(p => p.Scheduled));
        Assert.Equal(8 * 7.5, v1!.Summary.PaidHours, 6); // the old week's summary is its own, not the new one's
        Assert.Equal(7 * 7.5, v2.Summary.PaidHours, 6);
    }

    [Fact]
    public async Task Coverage_week_a_queue_target_change_is_seen_on_the_next_request()
    {
        await using var host = await WebTestHost.CreateAsync();
        await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        var coverage = new CoverageService(host.Rosters, host.Views, host.Planning, host.Queues, host.Site);
        var before = SundayVoiceBn((await coverage.WeekAsync(Sunday, default))!, host).Where(p => p.Scheduled > 0).Sum(p => p.ServiceLevel!.Value);

        // Answered within 10 s is a stricter test than within 20 s: the same agent projects a lower service level.
        await host.Queues.SaveTargetAsync("voice-bn", new ServiceTarget.ServiceLevel(0.95, Duration.FromSeconds(10)), "rahima", default);
        var after = SundayVoiceBn((await coverage.WeekAsync(Sunday, default))!, host).Where(p => p.Scheduled > 0).Sum(p => p.ServiceLevel!.Value);

        Assert.True(after < before, $"service level at 10 s ({after}) below that at 20 s ({before})");
    }

    [Fact]
    public async Task Forecast_an_import_and_its_roll_back_are_seen_on_the_next_request()
    {
        await using var host = await WebTestHost.CreateAsync();
        var week = host.Planning.NextPlanningWeek(host.Clock);
        var original = await host.Planning.ForecastAsync(week, 7, default);
        Assert.Same(original, await host.Planning.ForecastAsync(week, 7, default));

        // The last stored week of voice-bn history again, three times busier: it replaces the stored intervals.
        var stored = await host.History.LoadAsync("voice-bn", Instant.MinValue, Instant.MaxValue, default);
        var lastWeek = stored[^1].Start - Duration.FromDays(7);
        var busier = stored.Where(o => o.Start > lastWeek)
            .Select(o => o with { Offered = o.Offered * 3, Answered = o.Answered * 3, Abandoned = o.Abandoned * 3, HandleSeconds = o.HandleSeconds * 3, WaitSeconds = o.WaitSeconds * 3, AnsweredWithinThreshold = o.AnsweredWithinThreshold * 3 })
            .ToList();
        var import = await host.History.ImportAsync("busier.csv", "interval-csv", busier, default);
        var imported = await host.Planning.ForecastAsync(week, 7, default);
        Assert.True(VoiceBn(imported) > VoiceBn(original) * 1.1, $"the busier week raises the forecast ({VoiceBn(imported)} vs {VoiceBn(original)})");

        await host.History.RollBackAsync(import.Id, "rahima", default);
        var rolledBack = await host.Planning.ForecastAsync(week, 7, default);
        Assert.Equal(original.Select(f => (f.QueueId, f.Start, f.Contacts)), rolledBack.Select(f => (f.QueueId, f.Start, f.Contacts)));
    }

    private static double VoiceBn(IReadOnlyList<Domain.Planning.ForecastInterval> forecast) => forecast.Where(f => f.QueueId == "voice-bn").Sum(f => f.Contacts);

    private static List<CoveragePoint> SundayVoiceBn(CoverageWeek week, WebTestHost host) =>
        [.. week.Points.Where(p => p.Skill == "voice-bn" && p.Required == 1 && p.Start.InZone(host.Site.Zone).Date == Sunday)];

    private static Roster Without(Roster roster, string agent, int day) =>
        new([.. roster.Shifts.Where(s => !(s.AgentId == agent && s.Date == Sunday.PlusDays(day)))]);

    private static int Count(IEnumerable<Features.Roster.AgentRow> rows, string agent) => rows.Single(r => r.Agent.Id == agent).Shifts;
}
