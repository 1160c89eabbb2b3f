using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Data.Planning;

/// <summary>An activity request refused: every problem names the field and the reason; nothing was stored.</summary>
public sealed class ActivityRequestException(IReadOnlyList<ActivityRequestProblem> problems)
    : Exception("Not saved: " + string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}")))
{
    public IReadOnlyList<ActivityRequestProblem> Problems { get; } = problems;
}

/// <summary>
/// Each site's standing requests for training, coaching and meetings. A save is checked with the site's other
/// requests (<see cref="ActivityRequestCheck"/>: fields, agents, coach, overlapping recurrences), stored or refused
/// whole, and written to the audit log.
/// </summary>
public sealed class ActivityRequestStore(IDbContextFactory<SchedulerDbContext> contextFactory, IClock clock)
{
    public async Task<IReadOnlyList<ActivityRequest>> ListAsync(string siteId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.ActivityRequests.AsNoTracking().Where(a => a.SiteId == siteId).OrderBy(a => a.Key).ToListAsync(ct);
        return [.. rows.Select(ToRequest)];
    }

    /// <summary>Adds the request, or replaces the site's request with the same id.</summary>
    /// <exception cref="ActivityRequestException">The request breaks a check; nothing is stored.</exception>
    public async Task SaveAsync(string siteId, ActivityRequest request, IReadOnlyList<RosterAgent> agents, Duration intervalLength, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.ActivityRequests.Where(a => a.SiteId == siteId).ToListAsync(ct);
        var others = rows.Where(r => r.Key != request.Id).Select(ToRequest).ToList();
        var problems = ActivityRequestCheck.Problems([.. others, request], agents, intervalLength)
            .Where(p => p.RequestId == request.Id || p.RequestId == "(no id)").ToList();
        if (problems.Count > 0)
        {
            throw new ActivityRequestException(problems);
        }

        var existing = rows.FirstOrDefault(r => r.Key == request.Id);
        var before = existing is null ? null : Describe(ToRequest(existing));
        var row = existing ?? new ActivityRequestEntity { SiteId = siteId, Key = request.Id, Kind = string.Empty, Name = string.Empty, Recurrence = string.Empty, UpdatedBy = by };
        Fill(row, request);
        row.UpdatedAt = clock.GetCurrentInstant();
        row.UpdatedBy = by;
        if (existing is null)
        {
            db.ActivityRequests.Add(row);
        }

        db.Audit(row.UpdatedAt, by, "activity.save", $"activity request {siteId}/{request.Id}", before, Describe(request));
        await db.SaveChangesAsync(ct);
    }

    /// <returns>Whether there was such a request.</returns>
    public async Task<bool> DeleteAsync(string siteId, string requestId, string by, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var row = await db.ActivityRequests.FirstOrDefaultAsync(a => a.SiteId == siteId && a.Key == requestId, ct);
        if (row is null)
        {
            return false;
        }

        db.ActivityRequests.Remove(row);
        db.Audit(clock.GetCurrentInstant(), by, "activity.delete", $"activity request {siteId}/{requestId}", Describe(ToRequest(row)));
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>One line for the audit log and for people.</summary>
    public static string Describe(ActivityRequest r)
    {
        var who = r.Who.Skill is { } skill ? $"agents with {skill}" : string.Join(", ", r.Who.AgentIds);
        var count = r.Who.Count is { } n ? $"{n} of " : string.Empty;
        return $"{RosterJson.KindText(r.Kind)} '{r.Name}': {count}{who}, {r.Length.TotalMinutes:0} min {(r.Recurrence == ActivityRecurrence.Weekly ? "every week" : "once")} {r.From:yyyy-MM-dd}..{r.To:yyyy-MM-dd} {r.WindowStart:HH:mm}-{r.WindowEnd:HH:mm}{(r.Together ? ", together" : string.Empty)}{(r.CoachId is { } c ? $", coach {c}" : string.Empty)}";
    }

    private static ActivityRequest ToRequest(ActivityRequestEntity a) => new(
        a.Key,
        RosterStore.ActivityKindOf(a.Kind),
        a.Name,
        new ActivityAttendees([.. a.AgentIds], a.Skill, a.Count),
        a.Length,
        a.FromDate,
        a.ToDate,
        a.WindowStart,
        a.WindowEnd,
        a.Recurrence == "weekly" ? ActivityRecurrence.Weekly : ActivityRecurrence.Once,
        a.Together,
        a.CoachId);

    private static void Fill(ActivityRequestEntity row, ActivityRequest r)
    {
        row.Kind = RosterJson.KindText(r.Kind);
        row.Name = r.Name.Trim();
        row.AgentIds = [.. r.Who.AgentIds];
        row.Skill = r.Who.Skill;
        row.Count = r.Who.Count;
        row.Length = r.Length;
        row.FromDate = r.From;
        row.ToDate = r.To;
        row.WindowStart = r.WindowStart;
        row.WindowEnd = r.WindowEnd;
        row.Recurrence = r.Recurrence == ActivityRecurrence.Weekly ? "weekly" : "once";
        row.Together = r.Together;
        row.CoachId = r.CoachId;
    }
}
