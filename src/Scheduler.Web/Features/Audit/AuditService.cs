using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Scheduler.Data;
using Scheduler.Data.Audit;

namespace Scheduler.Web.Features.Audit;

/// <summary>What the audit page asks for: who, what (an action or its area, "roster" or "roster.publish"), and site-local dates.</summary>
public sealed record AuditFilter(string? Who = null, string? What = null, LocalDate? From = null, LocalDate? To = null);

/// <summary>Reads the audit log (it is written by the stores and services, in the transaction of each change).</summary>
public sealed class AuditService(IDbContextFactory<SchedulerDbContext> contexts, Planning.SiteSettings site)
{
    public const int PageSize = 500;

    public async Task<IReadOnlyList<AuditEntryEntity>> ListAsync(AuditFilter filter, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Query(db, filter).OrderByDescending(a => a.Id).Take(limit).ToListAsync(ct);
    }

    /// <summary>The distinct actors and action areas, for the filters' choices.</summary>
    public async Task<(IReadOnlyList<string> Actors, IReadOnlyList<string> Actions)> ChoicesAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var actors = await db.AuditEntries.Select(a => a.Actor).Distinct().OrderBy(a => a).ToListAsync(ct);
        var actions = await db.AuditEntries.Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        return (actors, actions);
    }

    /// <summary>Every matching entry as CSV (oldest first), cells neutralised against formula injection.</summary>
    public async Task<string> ExportAsync(AuditFilter filter, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var text = new StringBuilder().AppendLine("at_utc,at_site,actor,action,subject,before,after");
        var pattern = InstantPattern.ExtendedIso;
        await foreach (var a in Query(db, filter).OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            text.AppendLine(CsvText.Line([pattern.Format(a.At), a.At.InZone(site.Zone).ToString("yyyy-MM-dd HH:mm", null), a.Actor, a.Action, a.Subject, a.Before, a.After]));
        }

        return text.ToString();
    }

    private IQueryable<AuditEntryEntity> Query(SchedulerDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Who))
        {
            query = query.Where(a => a.Actor == filter.Who);
        }

        if (!string.IsNullOrWhiteSpace(filter.What))
        {
            var what = filter.What.Trim();
            query = query.Where(a => a.Action == what || a.Action.StartsWith(what + "."));
        }

        if (filter.From is { } from)
        {
            var start = from.AtStartOfDayInZone(site.Zone).ToInstant();
            query = query.Where(a => a.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = to.PlusDays(1).AtStartOfDayInZone(site.Zone).ToInstant();
            query = query.Where(a => a.At < end);
        }

        return query;
    }
}
