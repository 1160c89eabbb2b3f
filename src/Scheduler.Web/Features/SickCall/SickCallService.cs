using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Features.SickCall;

/// <summary>What the supervisor typed: who, from when (a date, and a time for "from now on today"), through which day.</summary>
public sealed record SickCallForm(string? AgentId, LocalDate? FromDate, LocalTime? FromTime, LocalDate? ThroughDate);

/// <summary>One changed shift of one agent, in the site's local times. <see cref="From"/> is the earlier start of the
/// shift before and after (the moment the change touches); <see cref="Cut"/> marks the absent agent's part worked.</summary>
public sealed record ChangedShift(ShiftChangeKind Kind, string Sentence, Instant From, bool Cut, Interval? Was = null, Interval? Now = null);

/// <summary>Every change of one agent.</summary>
public sealed record AgentChanges(string AgentId, string Name, IReadOnlyList<ChangedShift> Shifts);

/// <summary>Consecutive intervals of one skill short by the same number of agents, in site-local time.</summary>
public sealed record ShortSpan(string Skill, Instant Start, Instant End, int Short, string Label);

/// <summary>
/// A sick call's re-solve before it is published: the changes per agent (<see cref="RosterDiff"/> between the version
/// it was entered on and its draft), the cost before and after, and the intervals still short after it.
/// </summary>
/// <remarks><see cref="StillShort"/> lists the gaps left after the re-solve; the page puts the overtime panel of
/// <see cref="DraftVersion"/> under it, which turns them into ranked offers of extra hours (decision 014).</remarks>
public sealed record SickCallReview(SickCallEntity SickCall, string AgentName, RosterJob? Job, RosterEntity Base, RosterEntity? Draft, IReadOnlyList<AgentChanges> Changes, IReadOnlyList<ShortSpan> StillShort, StoredRoster? DraftVersion = null)
{
    public long? CostDifference => Draft is null ? null : Draft.Cost - Base.Cost;
}

/// <summary>
/// Sick calls in the web app: the form read in the site's zone and checked (<see cref="SickCallStore"/>), the re-solve
/// queued as a solve job (<see cref="RosterJobs"/>, run by <see cref="RosterSolveRun"/>), and its draft reviewed and
/// published like any version.
/// </summary>
public sealed class SickCallService(SickCallStore store, RosterStore rosters, RosterJobs jobs, SolveJobStore jobRows, SiteSettings site, IDbContextFactory<SchedulerDbContext> contextFactory, IOptions<SchedulerWebOptions> options, ILogger<SickCallService> logger)
{
    /// <summary>Checks and stores the sick call and queues its re-solve; refused whole (<see cref="SickCallRefusedException"/> naming the field) otherwise.</summary>
    public async Task<(SickCallEntity SickCall, RosterJob Job)> RecordAsync(SickCallForm form, string by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (from, until) = Instants(form, site.Zone);
        var (sickCall, baseline) = await store.CheckAsync(site.SiteId, site.Zone, form.AgentId!, from, until, by, ct);
        var name = baseline.Scenario.Agent(sickCall.AgentId).Name;
        var limit = TimeSpan.FromSeconds(Math.Clamp(options.Value.SolveSeconds, options.Value.Jobs.MinSolveSeconds, options.Value.Jobs.MaxSolveSeconds));
        RosterJob job;
        try
        {
            job = await jobs.StartAsync(sickCall.RosterFirstDate, baseline.Entity.Days, by, limit, (db, row) => SickCallStore.Add(db, sickCall, row.Id, name), ct);
        }
        catch (SolveJobRefusedException e)
        {
            throw new SickCallRefusedException("agent", "the re-solve cannot be queued: " + e.Message);
        }

        logger.LogInformation("Sick call {SickCallId} of {AgentId} from {From} entered by {User}; re-solve job {SolveJobId}", sickCall.Id, sickCall.AgentId, from, by, job.Id);
        return (sickCall, job);
    }

    /// <summary>
    /// The absence the form describes, in <paramref name="zone"/>: from the date's start (whole days) or from the time
    /// given on it, mapped strictly (a time the clocks skip or repeat is refused), until the end of the last day.
    /// </summary>
    public static (Instant From, Instant Until) Instants(SickCallForm form, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(form.AgentId)) throw new SickCallRefusedException("agent", "choose the agent who is absent");
        if (form.FromDate is not { } fromDate) throw new SickCallRefusedException("from", "enter the first day of the absence");
        if (form.ThroughDate is not { } through) throw new SickCallRefusedException("until", "enter the last day of the absence");
        if (through < fromDate) throw new SickCallRefusedException("until", $"the last day ({through:ddd d MMM}) is before the first ({fromDate:ddd d MMM})");
        Instant from;
        try
        {
            from = form.FromTime is { } time ? fromDate.At(time).InZoneStrictly(zone).ToInstant() : fromDate.AtStartOfDayInZone(zone).ToInstant();
        }
        catch (SkippedTimeException)
        {
            throw new SickCallRefusedException("from", $"{fromDate:d MMM} {form.FromTime:HH:mm} does not exist in {zone.Id} (the clocks skip it)");
        }
        catch (AmbiguousTimeException)
        {
            throw new SickCallRefusedException("from", $"{fromDate:d MMM} {form.FromTime:HH:mm} happens twice in {zone.Id} (the clocks go back); choose another time");
        }

        return (from, through.PlusDays(1).AtStartOfDayInZone(zone).ToInstant());
    }

    /// <summary>The sick calls of the horizon holding <paramref name="date"/>, newest first.</summary>
    public async Task<IReadOnlyList<SickCallEntity>> ListAsync(LocalDate date, CancellationToken ct = default)
    {
        var horizon = await rosters.HorizonHoldingAsync(site.SiteId, date, ct);
        return horizon is null ? [] : await store.ListAsync(site.SiteId, horizon.Value.FirstDate, ct);
    }

    /// <summary>The agents of the site, for the form.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AgentsAsync(CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return [.. (await db.Agents.AsNoTracking().Where(a => a.SiteId == site.SiteId && a.Active).OrderBy(a => a.Name).Select(a => new { a.Id, a.Name }).ToListAsync(ct)).Select(a => (a.Id, a.Name))];
    }

    /// <summary>The review of one sick call: its job, and once the job saved a draft, every change and what is still short.</summary>
    public async Task<SickCallReview?> ReviewAsync(long sickCallId, CancellationToken ct = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var sickCall = await db.SickCalls.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sickCallId, ct);
        if (sickCall is null) return null;
        var baseline = await rosters.LoadAsync(sickCall.BaseRosterId, ct) ?? throw new InvalidOperationException($"Roster {sickCall.BaseRosterId} is gone.");
        var row = await jobRows.GetAsync(sickCall.SolveJobId, ct);
        var job = row is null ? null : await jobs.WatchAsync(row, ct);
        var name = baseline.Scenario.Agents.FirstOrDefault(a => a.Id == sickCall.AgentId)?.Name ?? sickCall.AgentId;
        if (row?.RosterId is not { } draftId || await rosters.LoadAsync(draftId, ct) is not { } draft)
        {
            return new SickCallReview(sickCall, name, job, baseline.Entity, null, [], []);
        }

        return new SickCallReview(sickCall, name, job, baseline.Entity, draft.Entity, Changes(baseline, draft, sickCall.AgentId), StillShort(draft, sickCall.From), draft);
    }

    /// <summary>Publishes the sick call's draft as the next version; refused (stale, broken rule) as any publish is.</summary>
    public async Task<RosterEntity> PublishAsync(SickCallReview review, string by, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        var draft = review.Draft ?? throw new RosterSaveException("The re-solve has not saved a draft yet.");
        return await rosters.PublishAsync(draft.Id, draft.Version, by, ct);
    }

    /// <summary>Every change from <paramref name="before"/> to <paramref name="after"/>, per agent, in the site's local times.</summary>
    internal static IReadOnlyList<AgentChanges> Changes(StoredRoster before, StoredRoster after, string absentId)
    {
        var zone = after.Scenario.Zone;
        var beforeCatalog = new ShiftCatalog(before.Scenario);
        var afterCatalog = new ShiftCatalog(after.Scenario);
        var names = after.Scenario.Agents.ToDictionary(a => a.Id, a => a.Name);
        return [.. RosterDiff.Between(before.Roster, after.Roster).Changes
            .GroupBy(c => c.AgentId)
            .Select(g => new AgentChanges(g.Key, names.GetValueOrDefault(g.Key, g.Key), [.. g.Select(c =>
            {
                var was = c.Before is null ? null : beforeCatalog.Find(c.Before);
                var now = c.After is null ? null : afterCatalog.Find(c.After);
                var from = new[] { was?.StartInstant, now?.StartInstant }.Where(i => i is not null).Min()!.Value;
                var cut = g.Key == absentId && now?.OnlyFor is not null;
                var sentence = c.Kind switch
                {
                    ShiftChangeKind.Removed => $"{Span(zone, was)} removed",
                    ShiftChangeKind.Added => $"{Span(zone, now)} added",
                    _ when cut => $"{Span(zone, was)} cut at {now!.EndInstant.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture)} (the part worked is kept)",
                    _ when was?.StartInstant == now?.StartInstant && was?.EndInstant == now?.EndInstant => $"{Span(zone, was)}: breaks moved",
                    _ => $"{Span(zone, was)} moved to {Span(zone, now)}",
                };
                return new ChangedShift(c.Kind, sentence, from, cut, Span(was), Span(now));
            })]))
            .OrderBy(a => a.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>Intervals from <paramref name="from"/> on where some skill has fewer agents than required, merged into spans.</summary>
    internal static IReadOnlyList<ShortSpan> StillShort(StoredRoster draft, Instant from)
    {
        var zone = draft.Scenario.Zone;
        var step = draft.Scenario.IntervalLength;
        var spans = new List<ShortSpan>();
        var coverage = RosterValidator.Validate(draft.Scenario, draft.Roster).Coverage;
        foreach (var skill in draft.Scenario.Skills)
        {
            ShortSpan? open = null;
            foreach (var c in coverage.Where(c => c.Start >= from))
            {
                var shortBy = Math.Max(0, c.Required.GetValueOrDefault(skill) - c.Covered.GetValueOrDefault(skill));
                if (open is not null && (shortBy != open.Short || c.Start != open.End))
                {
                    spans.Add(open);
                    open = null;
                }

                if (shortBy > 0)
                {
                    open = open is null ? new ShortSpan(skill, c.Start, c.Start + step, shortBy, string.Empty) : open with { End = c.Start + step };
                }
            }

            if (open is not null) spans.Add(open);
        }

        return [.. spans.OrderBy(s => s.Start).ThenBy(s => s.Skill, StringComparer.Ordinal).Select(s => s with
        {
            Label = $"{s.Skill} {s.Start.InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}-{s.End.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture)}: short {s.Short}",
        })];
    }

    private static Interval? Span(ShiftOption? option) => option is null ? null : new Interval(option.StartInstant, option.EndInstant);

    private static string Span(DateTimeZone zone, ShiftOption? option) => option is null ? "?" :
        $"{option.StartInstant.InZone(zone).ToString("ddd d MMM HH:mm", CultureInfo.InvariantCulture)}-{option.EndInstant.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture)}";
}
