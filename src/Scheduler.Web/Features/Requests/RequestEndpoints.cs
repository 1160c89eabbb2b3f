using Microsoft.AspNetCore.Identity;
using NodaTime;
using NodaTime.Text;
using Scheduler.Data.Entities;
using Scheduler.Web.Features.Schedule;

namespace Scheduler.Web.Features.Requests;

/// <summary>
/// The requests and shifts as JSON, for calendar and phone clients. Every endpoint names its roles, takes the acting
/// agent from the sign-in (never from the URL), and answers 403 for another agent's data, however the request is crafted.
/// </summary>
public static class RequestEndpoints
{
    public static IEndpointRouteBuilder MapRequestEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        // GET /api/requests (Agent): the caller's own requests and those naming them.
        api.MapGet("/requests", (HttpContext http, RequestService requests, CancellationToken ct) =>
            Act(http, async actor => Results.Ok((await requests.MineAsync(actor, ct)).Select(Dto))))
            .RequireAuthorization(p => p.RequireRole(Roles.Agent));
        // GET /api/requests/{id} (Agent: requester or named colleague; Supervisor: any).
        api.MapGet("/requests/{id:long}", (long id, HttpContext http, RequestService requests, CancellationToken ct) =>
            Act(http, async actor => Results.Ok(Dto(await requests.GetAsync(actor, id, ct)))))
            .RequireAuthorization(p => p.RequireRole(Roles.Agent, Roles.Supervisor));
        // POST /api/requests/{id}/withdraw|accept|decline|pickup (Agent, their own or addressed to them).
        api.MapPost("/requests/{id:long}/{action:regex(^(withdraw|accept|decline|pickup)$)}", (long id, string action, HttpContext http, RequestService requests, CancellationToken ct) =>
            Act(http, async actor => Results.Ok(Dto(new RequestView(action switch
            {
                "withdraw" => await requests.WithdrawAsync(actor, id, ct),
                "accept" => await requests.AnswerAsync(actor, id, true, ct),
                "decline" => await requests.AnswerAsync(actor, id, false, ct),
                _ => await requests.PickUpAsync(actor, id, ct),
            }, actor.UserName, null)))))
            .RequireAuthorization(p => p.RequireRole(Roles.Agent));
        // POST /api/requests/{id}/approve|refuse (Supervisor).
        api.MapPost("/requests/{id:long}/{decision:regex(^(approve|refuse)$)}", (long id, string decision, HttpContext http, RequestService requests, CancellationToken ct) =>
            Act(http, async actor => Results.Ok(Dto(new RequestView(await requests.DecideAsync(actor, id, decision == "approve", null, ct), actor.UserName, null)))))
            .RequireAuthorization(p => p.RequireRole(Roles.Supervisor));
        // GET /api/agents/{agentId}/shifts?from=2026-12-06&days=7 (Agent: only their own id; Supervisor, Manager: anyone).
        api.MapGet("/agents/{agentId}/shifts", (string agentId, string? from, int? days, HttpContext http, MySchedule schedule, IClock clock, CancellationToken ct) =>
            Act(http, async actor =>
            {
                if (!actor.IsSupervisor && !actor.IsManager && actor.AgentId != agentId)
                {
                    throw new UnauthorizedAccessException($"{actor.UserName} may see only their own shifts.");
                }

                var agent = await schedule.AgentAsync(agentId, ct);
                if (agent is null)
                {
                    return Results.NotFound();
                }

                var first = from is null ? clock.GetCurrentInstant().InZone(agent.HomeZone).Date : LocalDatePattern.Iso.Parse(from).GetValueOrThrow();
                var shifts = await schedule.ShiftsAsync(agent, first, Math.Clamp(days ?? 7, 1, 62), ct);
                return Results.Ok(shifts.Select(s => new { date = s.Date.ToString("yyyy-MM-dd", null), start = s.Start.ToString("yyyy-MM-dd'T'HH:mm", null), end = s.End.ToString("yyyy-MM-dd'T'HH:mm", null), zone = agent.HomeZone.Id, template = s.TemplateId }));
            }))
            .RequireAuthorization(p => p.RequireRole(Roles.Agent, Roles.Supervisor, Roles.Manager));
        return app;
    }

    private static async Task<IResult> Act(HttpContext http, Func<Actor, Task<IResult>> work)
    {
        var users = http.RequestServices.GetRequiredService<UserManager<SchedulerUser>>();
        if (await Actor.FromAsync(http.User, users) is not { } actor)
        {
            return Results.Unauthorized();
        }

        try
        {
            return await work(actor);
        }
        catch (UnauthorizedAccessException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is RequestRefusedException or UnparsableValueException)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static object Dto(RequestView v) => new
    {
        id = v.Entity.Id,
        kind = v.Entity.Kind.ToString(),
        status = v.Entity.Status.ToString(),
        requester = v.Entity.RequesterId,
        colleague = v.Entity.ColleagueId,
        date = v.Entity.Date.ToString("yyyy-MM-dd", null),
        returnDate = v.Entity.ReturnDate?.ToString("yyyy-MM-dd", null),
        lastDate = v.Entity.LastDate?.ToString("yyyy-MM-dd", null),
        decision = v.Entity.Decision,
    };
}
