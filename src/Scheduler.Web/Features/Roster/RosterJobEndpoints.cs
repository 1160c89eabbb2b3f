using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Security;

namespace Scheduler.Web.Features.Roster;

/// <summary>A solve asked for through the API: the week (any date in it), how many weeks, and the time limit.</summary>
public sealed record SolveRequestBody(string? FirstDate, int? Weeks, int? Seconds);

/// <summary>
/// Solve jobs as JSON, for scripts and for a second instance's tools: queue a solve, read a job (from whichever instance
/// runs it), stop it. Supervisors only; every POST must come from this site. Out-of-range options are a 400 naming the
/// field; a week already being solved, or too many solves waiting, a 409 saying why. Nothing is stored then.
/// </summary>
public static class RosterJobEndpoints
{
    public static IEndpointRouteBuilder MapRosterJobEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/roster/solves").RequireSameOrigin().RequireAuthorization(p => p.RequireRole(Roles.Supervisor));
        // GET /api/roster/solves: jobs queued or running, oldest first.
        api.MapGet("/", async (SolveJobStore store, CancellationToken ct) =>
        {
            var active = await store.ActiveAsync(ct);
            var views = new List<object>();
            foreach (var job in active)
            {
                views.Add(Dto(job, await store.QueuePositionAsync(job, ct)));
            }

            return Results.Ok(views);
        });
        // GET /api/roster/solves/{id}
        api.MapGet("/{id:guid}", async (Guid id, SolveJobStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } job ? Results.Ok(Dto(job, await store.QueuePositionAsync(job, ct))) : Results.NotFound());
        // POST /api/roster/solves {"firstDate": "2026-12-06", "weeks": 1, "seconds": 30}
        api.MapPost("/", async (SolveRequestBody body, HttpContext http, RosterJobs jobs, SolveJobStore store, Microsoft.Extensions.Options.IOptions<SchedulerWebOptions> options, CancellationToken ct) =>
        {
            var limits = options.Value.Jobs;
            var errors = new Dictionary<string, string[]>();
            var week = PlanningService.PlanningWeekOf(body.FirstDate);
            if (week is null)
            {
                errors["firstDate"] = [$"'{Clip(body.FirstDate)}' is not a date like 2026-12-06."];
            }

            var weeks = body.Weeks ?? 1;
            if (weeks is < 1 or > RosterStore.MaxHorizonDays / 7)
            {
                errors["weeks"] = [$"Weeks must be 1 to {RosterStore.MaxHorizonDays / 7}; {weeks} was given."];
            }

            var seconds = body.Seconds ?? options.Value.SolveSeconds;
            if (seconds < limits.MinSolveSeconds || seconds > limits.MaxSolveSeconds)
            {
                errors["seconds"] = [$"The time limit must be {limits.MinSolveSeconds} to {limits.MaxSolveSeconds} s; {seconds} was given."];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors, title: "Solve options out of range");
            }

            try
            {
                var job = await jobs.StartAsync(week!.Value, weeks * 7, http.User.Identity?.Name ?? "unknown", TimeSpan.FromSeconds(seconds), ct);
                var row = await store.GetAsync(job.Id, ct);
                return Results.Accepted($"/api/roster/solves/{job.Id}", Dto(row!, job.QueuePosition));
            }
            catch (SolveJobRefusedException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Solve refused");
            }
        });
        // POST /api/roster/solves/{id}/stop: from any instance; a running solve keeps its best roster.
        api.MapPost("/{id:guid}/stop", async (Guid id, HttpContext http, RosterJobs jobs, SolveJobStore store, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is not { } row)
            {
                return Results.NotFound();
            }

            var job = await jobs.WatchAsync(row, ct);
            await jobs.StopAsync(job, http.User.Identity?.Name ?? "unknown", ct);
            var after = await store.GetAsync(id, ct);
            return Results.Ok(Dto(after!, 0));
        });
        return app;
    }

    private static object Dto(SolveJobEntity job, int queuePosition) => new
    {
        id = job.Id,
        firstDate = job.FirstDate.ToString("yyyy-MM-dd", null),
        days = job.Days,
        status = job.Status.ToString(),
        queuePosition,
        requestedBy = job.RequestedBy,
        requestedAt = job.RequestedAt.ToString(),
        timeLimitSeconds = job.TimeLimitSeconds,
        workers = job.Workers,
        instance = job.Instance,
        attempts = job.Attempts,
        bestObjective = job.BestObjective,
        bound = job.Bound,
        gap = job.Gap,
        elapsedSeconds = Math.Round(job.ElapsedSeconds, 1),
        solutions = job.Solutions,
        hasCheckpoint = job.CheckpointJson is not null,
        cancelRequested = job.CancelRequested,
        rosterId = job.RosterId,
        message = job.Message,
    };

    private static string Clip(string? text) => text is null ? string.Empty : text.Length > 40 ? text[..40] + "..." : text;
}
