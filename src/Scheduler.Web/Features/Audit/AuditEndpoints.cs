using System.Text;
using NodaTime.Text;

namespace Scheduler.Web.Features.Audit;

public static class AuditEndpoints
{
    /// <summary>GET /audit/export.csv?who=&amp;what=&amp;from=2026-12-01&amp;to=2026-12-07 (Supervisor, Manager, Administrator).</summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/audit/export.csv", ExportAsync).RequireAuthorization(p => p.RequireRole(Roles.Supervisor, Roles.Manager, Roles.Administrator));
        return app;
    }

    private static async Task<IResult> ExportAsync(string? who, string? what, string? from, string? to, AuditService audit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var first = Date(from, "from", errors);
        var last = Date(to, "to", errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Malformed parameters");
        }

        var csv = await audit.ExportAsync(new AuditFilter(who, what, first, last), ct);
        return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv", "audit.csv");
    }

    private static NodaTime.LocalDate? Date(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (LocalDatePattern.Iso.Parse(text) is { Success: true } parsed && parsed.Value.Year is >= 2000 and <= 2100)
        {
            return parsed.Value;
        }

        errors[name] = [$"'{(text.Length > 40 ? text[..40] : text)}' is not a date like 2026-12-01 (2000-2100)."];
        return null;
    }
}
