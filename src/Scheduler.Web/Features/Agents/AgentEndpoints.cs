using System.Text;

namespace Scheduler.Web.Features.Agents;

public static class AgentEndpoints
{
    /// <summary>GET /agents/export.csv (Supervisor): every agent as CSV, the same columns the import reads.</summary>
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/agents/export.csv", ExportAsync).RequireAuthorization(p => p.RequireRole(Roles.Supervisor));
        return app;
    }

    private static async Task<IResult> ExportAsync(AgentService agents, CancellationToken ct) =>
        Results.File(Encoding.UTF8.GetBytes(AgentService.Export(await agents.ListAsync(ct))), "text/csv", "agents.csv");
}
