using Microsoft.AspNetCore.Identity;
using NodaTime;
using NodaTime.Text;
using Scheduler.Data.Entities;
using Scheduler.Web.Features.Schedule;
using Scheduler.Web.Features.Security;

namespace Scheduler.Web.Features.Requests;

/// <summary>
/// The requests and shifts as JSON, for calendar and phone clients. Every endpoint names its roles, takes the acting
/// agent from the sign-in (never from the URL), and answers 403 for another agent's data, however the request is crafted.
/// Every POST must come from this site (<see cref="SameOrigin"/>), and every malformed parameter gets a 400
/// ProblemDetails that names it.
/// </summary>
public static class RequestEndpoints
{
    public static IEndpointRouteBuilder MapRequestEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireSameOrigin();
        // GET /api/requests (Agent): the caller's own requests and those naming them.
        api.MapGet("/requests", (HttpContext http, RequestService requests, CancellationToken ct) =>
            Act(http, async actor => Results.Ok((await requests.MineAsync(actor, ct)).Select(Dto))))
            .RequireAuthorization(p => p.RequireRole(Roles.Agent));
        // GET /api/requests/{id} (Agent: requester or named colleague; Supervisor: any).
        api.MapGet("/requests/{id}", (string id, HttpContext http, RequestService requests, CancellationToken ct) =>
            WithId(id, number => Act(http, async actor => Results.Ok(Dto(await requests.GetAsync(actor, number, ct))))))
            .RequireAuthorization(p => p.RequireRole(Roles.Agent, Roles.Supervisor));
        // POST /api/requests/{id}/withdraw|accept|decline|pickup (Agent, their own or addressed to them).
        api.MapPost("/requests/{id}/{action:regex(^(withdraw|accept|decline|pickup)$)}", (string id, string action, HttpContext http, RequestService requests, CancellationToken ct) =>
            WithId(id, number => Act(http, async actor => Results.Ok(Dto(new RequestView(action switch
            {
                "withdraw" => await requests.WithdrawAsync(actor, number, ct),
                "accept" => await requests.AnswerAsync(actor, number, true, ct),
                "decline" => await requests.AnswerAsync(actor, number, false, ct),
                _ => await requests.PickUpAsync(actor, number, ct),
            }, actor.UserName, null))))))
            .RequireAuthorization(p => p.RequireRole(Roles.Agent));
        // POST /api/requests/{id}/approve|refuse (Supervisor).
        api.MapPost("/requests/{id}/{decision:regex(^(approve|refuse)$)}", (string id, string decision, HttpContext http, RequestService requests, CancellationToken ct) =>
            WithId(id, number => Act(http, async actor => Results.Ok(Dto(new RequestView(await requests.DecideAsync(actor, number, decision == "approve", null, ct), actor.UserName, null))))))
            .RequireAuthorization(p => p.RequireRole(Roles.Supervisor));
        // GET /api/agents/{agentId}/shifts?from=2026-12-06&days=7 (Agent: only their own id; Supervisor, Manager: anyone).
        api.MapGet("/agents/{agentId}/shifts", (string agentId, string? from, string? days, HttpContext http, MySchedule schedule, IClock clock, CancellationToken ct) =>
            Act(http, async actor =>
            {
                var errors = new Dictionary<string, string[]>();
                LocalDate? first = null;
                if (from is not null)
                {
                    if (LocalDatePattern.Iso.Parse(from) is not { Success: true } parsed)
                    {
                        errors["from"] = [$"'{Clip(from)}' is not a date like 2026-12-06."];
                    }
                    else if (parsed.Value.Year is < 2000 or > 2100)
                    {
                        errors["from"] = ["Give a date between 2000-01-01 and 2100-12-31."];
                    }
                    else
                    {
                        first = parsed.Value;
                    }
                }

                var count = 7;
                if (days is not null && (!int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > 62))
                {
                    errors["days"] = [$"'{Clip(days)}' is not a whole number of days from 1 to 62."];
                }

                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors, title: "Malformed parameters");
                }

                if (!actor.IsSupervisor && !actor.IsManager && actor.AgentId != agentId)
                {
                    throw new UnauthorizedAccessException($"{actor.UserName} may see only their own shifts.");
                }

                var agent = await schedule.AgentAsync(agentId, ct);
                if (agent is null)
                {
                    return Results.NotFound();
                }

                var start = first ?? clock.GetCurrentInstant().InZone(agent.HomeZone).Date;
                var shifts = await schedule.ShiftsAsync(agent, start, count, ct);
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

    /// <summary>A request id is a positive whole number; anything else is a 400 naming "id".</summary>
    private static Task<IResult> WithId(string id, Func<long, Task<IResult>> work) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0
            ? work(number)
            : Task.FromResult<IResult>(Results.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"'{Clip(id)}' is not a request number."] }, title: "Malformed parameters"));

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

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
