using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Agents;
using Scheduler.Web.Features.Overtime;
using Scheduler.Web.Features.Requests;

namespace Scheduler.Web.Tests;

/// <summary>
/// Overtime offers over the hand-made <see cref="SwapWeek"/>, whose Saturday is short of its one voice-bn agent, on a
/// real SQLite database with the real migrations: sent by a supervisor, accepted by the agent (publishing the next
/// version once), refused whole when the week changed under it, and only by the people they belong to.
/// </summary>
public sealed class OvertimeServiceTests
{
    private static readonly LocalDate Sunday = new(2026, 12, 6);
    private static readonly LocalDate Friday = Sunday.PlusDays(5);
    private static readonly LocalDate Saturday = Sunday.PlusDays(6);

    private static readonly Actor Tanvir = new("tanvir", "tanvir", new HashSet<string> { Roles.Agent });
    private static readonly Actor Nadia = new("nadia", "nadia", new HashSet<string> { Roles.Agent });
    private static readonly Actor Rahima = new("rahima", null, new HashSet<string> { Roles.Supervisor });

    private static OvertimeService Service(WebTestHost host) => new(host.Factory, host.Rosters, host.Site, host.Clock, NullLogger<OvertimeService>.Instance);

    /// <summary>The week published, and the supervisor's offer of Tanvir's extra Saturday sent (the demo gives him consent, 8 h, 180 an hour).</summary>
    private static async Task<(OvertimeService Service, long FirstId, OvertimeOfferEntity Offer)> SendSaturdayAsync(WebTestHost host)
    {
        var (_, _, firstId) = await SwapWeek.PublishAsync(host.Factory, host.Rosters, Sunday);
        var service = Service(host);
        var proposals = await service.ProposeAsync(Rahima, firstId, default);
        var saturday = Assert.Single(proposals, p => p.AgentId == "tanvir" && p.Date == Saturday);
        Assert.Equal(OfferKind.Overtime, saturday.Kind);
        Assert.Null(saturday.Before);
        return (service, firstId, await service.SendAsync(Rahima, firstId, saturday, default));
    }

    [Fact]
    public async Task An_accepted_offer_publishes_the_next_version_once_with_the_shift_as_overtime()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (service, firstId, offer) = await SendSaturdayAsync(host);
        Assert.Equal(OvertimeOfferStatus.Sent, Assert.Single(await service.MineAsync(Tanvir, default)).Entity.Status);

        var accepted = await service.AnswerAsync(Tanvir, offer.Id, accept: true, default);

        Assert.Equal(OvertimeOfferStatus.Accepted, accepted.Status);
        var second = (await host.Rosters.PublishedAsync(host.Site.SiteId, Sunday, default))!;
        Assert.Equal(accepted.ResultRosterId, second.Entity.Id);
        Assert.Equal(2, second.Entity.Number);
        Assert.Equal(firstId, second.Entity.BasedOnId);
        Assert.Equal($"overtime accepted by Tanvir Ahmed, offer {offer.Id}", second.Entity.Reason);
        var extra = Assert.Single(second.Roster.Shifts, s => s.AgentId == "tanvir" && s.Date == Saturday);
        Assert.Equal(Duration.FromHours(7.5), extra.Overtime);
        Assert.True(RosterValidator.Validate(second.Scenario, second.Roster).IsValid);
        var summary = await service.SummaryAsync(second, default);
        Assert.Equal(Duration.FromHours(7.5), summary.OvertimeHours);
        Assert.Equal(7.5m * 180 * 2, summary.OvertimeCost);
        await Assert.ThrowsAsync<OfferRefusedException>(() => service.AnswerAsync(Tanvir, offer.Id, accept: true, default));
        await using var db = await host.Factory.CreateDbContextAsync();
        var steps = await db.AuditEntries.Where(a => a.Action.StartsWith("overtime.")).OrderBy(a => a.Id).Select(a => new { a.Actor, a.Action }).ToListAsync();
        Assert.Equal(["rahima overtime.send", "tanvir overtime.accept"], steps.Select(s => $"{s.Actor} {s.Action}"));
        Assert.Equal(2, await db.Rosters.CountAsync(r => r.FirstDate == Sunday && r.Status == RosterStatus.Published));
    }

    [Fact]
    public async Task An_offer_the_week_no_longer_fits_is_refused_with_the_reason_and_nothing_is_stored()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (service, firstId, offer) = await SendSaturdayAsync(host);
        // Meanwhile Tanvir got a late Friday shift (14:00-22:00): Saturday at 08:00 would leave him 10 h of rest.
        var first = (await host.Rosters.LoadAsync(firstId, default))!;
        var late = new ShiftOption(first.Scenario, first.Scenario.Template("ft8"), Friday, new LocalTime(14, 0), Duration.FromHours(8)).Assign("tanvir", first.Scenario.IntervalLength);
        var draft = await host.Rosters.SaveEditAsync(firstId, first.Entity.Version, new Roster([.. first.Roster.Shifts, late]), "rahima", default);
        await host.Rosters.PublishAsync(draft.Id, draft.Version, "rahima", default);

        var refused = await Assert.ThrowsAsync<OfferRefusedException>(() => service.AnswerAsync(Tanvir, offer.Id, accept: true, default));

        Assert.Contains("now version 2", refused.Message, StringComparison.Ordinal);
        Assert.Contains("rests 10 h", refused.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await host.Rosters.PublishedAsync(host.Site.SiteId, Sunday, default))!.Entity.Number);
        await using var db = await host.Factory.CreateDbContextAsync();
        Assert.Equal(OvertimeOfferStatus.Sent, (await db.OvertimeOffers.SingleAsync()).Status);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "overtime.accept"));
    }

    [Fact]
    public async Task Only_a_supervisor_proposes_and_sends_and_only_the_agent_answers_their_offer()
    {
        await using var host = await WebTestHost.CreateAsync();
        var (service, firstId, offer) = await SendSaturdayAsync(host);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.ProposeAsync(Tanvir, firstId, default));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.AnswerAsync(Nadia, offer.Id, accept: true, default));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => service.WithdrawAsync(Tanvir, offer.Id, default));
        var declined = await service.AnswerAsync(Tanvir, offer.Id, accept: false, default);

        Assert.Equal(OvertimeOfferStatus.Declined, declined.Status);
        Assert.Equal(1, (await host.Rosters.PublishedAsync(host.Site.SiteId, Sunday, default))!.Entity.Number);
    }

    [Fact]
    public async Task A_negative_overtime_cap_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await using var host = await WebTestHost.CreateAsync();
        var tanvir = (await host.Agents.ListAsync(default)).Single(a => a.Id == "tanvir");
        var before = tanvir.OvertimeCapPerWeek;
        tanvir.OvertimeCapPerWeek = Duration.FromHours(-2);

        var refused = await Assert.ThrowsAsync<AgentSaveException>(() => host.Agents.SaveAsync(tanvir, "rahima", default));

        Assert.Contains("overtime cap per week", refused.Message, StringComparison.Ordinal);
        await using var db = await host.Factory.CreateDbContextAsync();
        Assert.Equal(before, (await db.Agents.SingleAsync(a => a.Id == "tanvir")).OvertimeCapPerWeek);
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "agent.edit"));
    }
}
