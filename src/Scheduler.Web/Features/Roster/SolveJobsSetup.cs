using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;
using Scheduler.Data.Planning;

namespace Scheduler.Web.Features.Roster;

/// <summary>
/// Quartz.NET as the engine of the solve jobs (docs/decisions/011-solve-jobs-on-quartz.md): its ADO job store in the
/// app's own database (QRTZ_* tables, which Quartz provisions itself), a thread pool of <see cref="SolveJobOptions.ConcurrentSolves"/>,
/// clustering on PostgreSQL, and a run cut short by a shutdown or a crash handed back for recovery.
/// </summary>
public static class SolveJobsSetup
{
    /// <summary>The scheduler's name in the job store: every instance of a cluster shares it.</summary>
    public const string SchedulerName = "Scheduler";

    public static IServiceCollection AddSolveJobs(this IServiceCollection services, SchedulerWebOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jobs = options.Jobs;
        var postgres = options.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase);
        var clustered = jobs.Clustered ?? postgres;
        if (clustered && !postgres)
        {
            throw new InvalidOperationException("Scheduler:Jobs:Clustered needs Scheduler:Provider Postgres: instances share the job store through one database server.");
        }

        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = SchedulerName;
                if (!string.IsNullOrWhiteSpace(jobs.InstanceId))
                {
                    s.InstanceId = jobs.InstanceId;
                }
                else
                {
                    s.GenerateInstanceId = true;
                }

                // A shutdown asks running solves to stop; each saves its checkpoint and is handed back for recovery.
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
                // A queued solve queued on another instance is seen within 2 s (Quartz's default is 30 s).
                s.IdleWaitTime = TimeSpan.FromSeconds(2);
            });
            q.UseDefaultThreadPool(jobs.ConcurrentSolves);
            q.UsePersistentStore(store =>
            {
                if (postgres)
                {
                    store.UsePostgres(connectionString);
                }
                else
                {
                    store.UseSqlite(connectionString);
                }

                store.UseSystemTextJsonSerializer();
                // Quartz keeps its own schema (QRTZ_* tables, beside ours): it creates what is missing at start and
                // refuses to start, naming the upgrade scripts, when a Quartz upgrade needs columns it lacks.
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.StoreJobDataAsStrings = true;
                    o.RecoverFiringsCancelledByShutdown = true;
                    // A solve waiting in the queue is not late, it is queued: without this, waits past Quartz's default
                    // minute count as misfires, and the misfire handling reorders the queue and pauses it.
                    o.MisfireThreshold = TimeSpan.FromDays(7);
                });
                if (clustered)
                {
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = TimeSpan.FromSeconds(jobs.CheckinSeconds);
                        c.CheckinMisfireThreshold = TimeSpan.FromSeconds(jobs.CheckinSeconds * 2);
                    });
                }
            });
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = true; // after the interruption above: each run has saved its checkpoint
            o.AwaitApplicationStarted = true; // the migrations (which create Quartz's tables) have run by then
        });
        return services;
    }
}

/// <summary>/health's "jobs" entry: the Quartz scheduler's state on this instance, and the solves queued and running.</summary>
internal sealed class SolveJobsHealthCheck(ISchedulerFactory quartz, SolveJobStore store, IOptions<SchedulerWebOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await quartz.GetScheduler(cancellationToken);
            var status = await scheduler.GetStatus(cancellationToken);
            var active = await store.ActiveAsync(cancellationToken);
            var instance = await scheduler.GetSchedulerInstanceId(cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["instance"] = instance,
                ["state"] = status.ToString(),
                ["maxConcurrentSolves"] = options.Value.Jobs.ConcurrentSolves,
                ["runningHere"] = active.Count(j => j.Status == Data.Entities.SolveJobStatus.Running && j.Instance == instance),
                ["running"] = active.Count(j => j.Status == Data.Entities.SolveJobStatus.Running),
                ["queued"] = active.Count(j => j.Status == Data.Entities.SolveJobStatus.Queued),
            };
            return status switch
            {
                SchedulerStatus.Running => HealthCheckResult.Healthy($"{data["runningHere"]} solve(s) running here, {data["queued"]} queued", data),
                SchedulerStatus.Shutdown or SchedulerStatus.ShuttingDown => HealthCheckResult.Unhealthy("The job scheduler is shut down.", data: data),
                _ => HealthCheckResult.Degraded($"The job scheduler is {status}.", data: data),
            };
        }
        catch (Exception e) when (e is SchedulerException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The job scheduler does not answer.", e);
        }
    }

    /// <summary>
    /// Writes /health as JSON: the overall status, and each check's status and data, with its description only when
    /// healthy (why something is down goes to the log, not to anyone who asks).
    /// </summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Status == HealthStatus.Healthy ? e.Value.Description : null, data = e.Value.Data }),
        }));
    }
}
