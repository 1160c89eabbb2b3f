using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Staffing;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Features.Requests;

/// <summary>The judging half of <see cref="RequestService"/>: a request applied to the latest published version of each
/// week it touches, the validator's verdict, and the projected service level over the hours it touches.</summary>
public sealed partial class RequestService
{
    private sealed record WeekChange(long RosterId, RosterScenario Scenario, Domain.Rostering.Roster Roster, TradeEffect Effect, RosterPageModel Week);

    /// <summary>The request applied to the latest published version of every week it touches.</summary>
    private async Task<IReadOnlyList<WeekChange>> ChangesAsync(ShiftRequestEntity request, CancellationToken ct)
    {
        if (request.Kind != ShiftRequestKind.TimeOff)
        {
            var week = await PublishedWeekAsync(request.Date, ct) ?? throw new RequestRefusedException($"No published roster holds {request.Date:d MMM yyyy} any more.");
            var taker = request.ColleagueId ?? throw new RequestRefusedException("Nobody has picked this shift up yet.");
            var (scenario, roster, report) = (week.Stored.Scenario, week.Stored.Roster, week.Report);
            if (!roster.Shifts.Any(s => s.AgentId == request.RequesterId && s.Date == request.Date)
                || (request.ReturnDate is { } back && !roster.Shifts.Any(s => s.AgentId == taker && s.Date == back)))
            {
                throw new RequestRefusedException("The shifts of this request are no longer in the published roster.");
            }

            var effect = await Task.Run(() => ShiftTrade.Judge(scenario, roster, report, request.RequesterId, request.Date, taker, request.ReturnDate), ct);
            return [new WeekChange(week.Stored.Entity.Id, scenario, ShiftTrade.Apply(roster, request.RequesterId, request.Date, taker, request.ReturnDate), effect, week)];
        }

        var dates = Dates(request.Date, request.LastDate ?? request.Date).ToList();
        var changes = new List<WeekChange>();
        var seen = new HashSet<long>();
        foreach (var date in dates)
        {
            if (await PublishedWeekAsync(date, ct) is not { } week || !seen.Add(week.Stored.Entity.Id))
            {
                continue;
            }

            var (scenario, roster) = ShiftTrade.Leave(week.Stored.Scenario, week.Stored.Roster, request.RequesterId, dates);
            var effect = await Task.Run(() => ShiftTrade.Compare(week.Stored.Scenario, week.Report, scenario, roster), ct);
            changes.Add(new WeekChange(week.Stored.Entity.Id, scenario, roster, effect, week));
        }

        return changes;
    }

    private async Task<ChangePreview> JudgeAsync(ShiftRequestEntity request, CancellationToken ct)
    {
        if (request.Kind == ShiftRequestKind.Offer && request.ColleagueId is null)
        {
            throw new RequestRefusedException("Nobody has picked this shift up yet.");
        }

        var changes = await ChangesAsync(request, ct);
        if (changes.Count == 0)
        {
            return new ChangePreview(0, 0, new TradeEffect([], 0, 0, 0, 0, []), []);
        }

        var effect = new TradeEffect(
            [.. changes.SelectMany(c => c.Effect.Violations)],
            changes.Sum(c => c.Effect.CostBefore),
            changes.Sum(c => c.Effect.CostAfter),
            changes.Sum(c => c.Effect.ShortBefore),
            changes.Sum(c => c.Effect.ShortAfter),
            [.. changes.SelectMany(c => c.Effect.Changes)]);
        var impact = new List<QueueImpact>();
        foreach (var change in changes)
        {
            impact.AddRange(await ImpactAsync(change.Week, change.Effect, ct));
        }

        var merged = impact.GroupBy(i => i.Queue).Select(g => new QueueImpact(g.Key, Weighted(g, i => i.Before), Weighted(g, i => i.After), g.Sum(i => i.Contacts))).ToList();
        return new ChangePreview(changes[0].RosterId, changes[0].Week.Stored.Entity.Number, effect, merged);
    }

    private async Task<ChangePreview> JudgeHandOverAsync(string giverId, LocalDate date, string takerId, LocalDate? returnDate, CancellationToken ct)
    {
        var probe = new ShiftRequestEntity
        {
            SiteId = site.SiteId,
            Kind = ShiftRequestKind.Swap,
            RequesterId = giverId,
            ColleagueId = takerId,
            Date = date,
            ReturnDate = returnDate,
        };
        if (giverId == takerId)
        {
            throw new RequestRefusedException("You cannot hand a shift to yourself.");
        }

        return await JudgeAsync(probe, ct);
    }

    /// <summary>Per queue, the projected service level over the quarter-hours the change touches, before and after.</summary>
    private async Task<IReadOnlyList<QueueImpact>> ImpactAsync(RosterPageModel week, TradeEffect effect, CancellationToken ct)
    {
        if (effect.Changes.Count == 0)
        {
            return [];
        }

        var scenario = week.Stored.Scenario;
        var staffing = await queues.StaffingAsync(ct);
        var forecast = (await planning.ForecastAsync(scenario.FirstDate, scenario.Days, ct)).ToDictionary(f => (f.QueueId, f.Start));
        var result = new List<QueueImpact>();
        foreach (var g in effect.Changes.GroupBy(c => c.Skill))
        {
            var policy = staffing.Find(g.Key)?.Policy;
            var points = g.Select(c => (c, f: forecast.GetValueOrDefault((g.Key, c.Start)))).Where(x => x.f is not null && policy is not null).ToList();
            double? Level(Func<CoverageChange, int> agents)
            {
                var levels = points.Select(x => (sl: ServiceProjection.ServiceLevel(policy!, agents(x.c), x.f!.Contacts, x.f.AhtSeconds, x.f.Length), w: x.f.Contacts))
                    .Where(x => x.sl is not null && x.w > 0).ToList();
                return levels.Count == 0 ? null : levels.Sum(x => x.sl!.Value * x.w) / levels.Sum(x => x.w);
            }

            result.Add(new QueueImpact(g.Key, Level(c => c.Before), Level(c => c.After), points.Sum(x => x.f!.Contacts)));
        }

        return result;
    }

    private static double? Weighted(IEnumerable<QueueImpact> impacts, Func<QueueImpact, double?> level)
    {
        var known = impacts.Where(i => level(i) is not null && i.Contacts > 0).ToList();
        return known.Count == 0 ? null : known.Sum(i => level(i)!.Value * i.Contacts) / known.Sum(i => i.Contacts);
    }
}
