using NodaTime;

namespace Scheduler.Web.Features.Schedule;

public static class ScheduleEndpoints
{
    /// <summary>GET /calendar/{token}.ics (anyone holding the secret token: calendar apps cannot sign in).</summary>
    public static IEndpointRouteBuilder MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/calendar/{token}.ics", FeedAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> FeedAsync(string token, MySchedule schedule, IClock clock, CancellationToken ct) =>
        await schedule.FeedAsync(token, clock.GetCurrentInstant(), ct) is { } ics
            ? Results.Text(ics, "text/calendar; charset=utf-8")
            : Results.NotFound();
}
