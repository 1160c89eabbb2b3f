using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Queues;

namespace Scheduler.Web.Features.Planning;

/// <summary>Why a target change was refused; nothing was stored.</summary>
public sealed class QueueSaveException(string message) : Exception(message);

/// <summary>
/// Queues and their service targets. The stored target is the one staffing uses: the site's staffing policy
/// (data/demo/staffing.json) gives patience, concurrency and shrinkage; the database gives the target a supervisor set.
/// </summary>
public sealed class QueueService(IDbContextFactory<SchedulerDbContext> contextFactory, SiteSettings site, IClock clock)
{
    public async Task<IReadOnlyList<ContactQueue>> ListAsync(CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var stored = await db.Queues.AsNoTracking().ToDictionaryAsync(q => q.Id, ct);
        return [.. site.Staffing.Queues.Select(q => stored.TryGetValue(q.Queue.Id, out var s) ? s.ToDomain() : q.Queue)];
    }

    /// <summary>The site's staffing configuration with every queue's stored target.</summary>
    public async Task<StaffingConfig> StaffingAsync(CancellationToken ct)
    {
        var queues = (await ListAsync(ct)).ToDictionary(q => q.Id);
        return site.Staffing with
        {
            Queues = [.. site.Staffing.Queues.Select(q => q with { Queue = queues[q.Queue.Id], Policy = q.Policy with { Target = queues[q.Queue.Id].Target } })],
        };
    }

    private static string Describe(ServiceTarget target) => target switch
    {
        ServiceTarget.ServiceLevel sl => $"{sl.Fraction:P0} in {sl.Threshold.TotalSeconds:0} s",
        ServiceTarget.ResponseWithin r => $"answered within {r.Deadline.TotalHours:0.#} h",
        _ => target.ToString() ?? string.Empty,
    };

    /// <summary>Sets a queue's target; refused whole when it does not fit the channel or is out of range.</summary>
    public async Task SaveTargetAsync(string queueId, ServiceTarget target, string by, CancellationToken ct)
    {
        var queue = site.Staffing.Find(queueId) ?? throw new QueueSaveException($"Queue {queueId} does not exist.");
        switch (target)
        {
            case ServiceTarget.ServiceLevel sl when sl.Fraction is <= 0 or >= 1 || sl.Threshold <= Duration.Zero:
                throw new QueueSaveException("Not saved: the service level must be between 0 % and 100 % and the threshold more than 0 seconds.");
            case ServiceTarget.ResponseWithin r when r.Deadline <= Duration.Zero:
                throw new QueueSaveException("Not saved: the response deadline must be more than 0.");
            case ServiceTarget.ResponseWithin when queue.Queue.Channel != Channel.Email:
            case ServiceTarget.ServiceLevel when queue.Queue.Channel == Channel.Email:
                throw new QueueSaveException($"Not saved: a {queue.Queue.Channel} queue cannot take that kind of target.");
        }

        try
        {
            _ = queue.Policy with { Target = target }; // the staffing policy's own checks
        }
        catch (ArgumentException e)
        {
            throw new QueueSaveException($"Not saved: {e.Message}");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var entity = await db.Queues.FirstOrDefaultAsync(q => q.Id == queueId, ct);
        var updated = QueueEntity.From(queue.Queue with { Target = target }, site.SiteId);
        db.Audit(clock.GetCurrentInstant(), by, "queue.target", $"queue {queueId}", Describe(entity?.ToDomain().Target ?? queue.Queue.Target), Describe(target));
        if (entity is null)
        {
            db.Queues.Add(updated);
        }
        else
        {
            db.Entry(entity).CurrentValues.SetValues(updated);
        }

        await db.SaveChangesAsync(ct);
    }
}
