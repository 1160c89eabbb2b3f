namespace Scheduler.Web.Features.Security;

/// <summary>
/// Cross-site request forgery, for what the cookie authenticates outside Blazor's forms. A state-changing call to the
/// JSON API must carry the header <see cref="HeaderName"/> (a page on another origin cannot send a custom header without
/// a CORS preflight, which this app never grants), and when the browser says where it comes from (Origin,
/// Sec-Fetch-Site), that must be this site. The Blazor hub refuses a foreign Origin too.
/// </summary>
public static class SameOrigin
{
    public const string HeaderName = "X-Scheduler-Request";

    /// <summary>Null when the request may go on; otherwise why not.</summary>
    public static string? Refusal(HttpRequest request, bool requireHeader)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site is not ("same-origin" or "none"))
        {
            return $"Cross-site request refused (Sec-Fetch-Site: {site}).";
        }

        if (request.Headers.Origin.ToString() is { Length: > 0 } origin && !SameAuthority(origin, request))
        {
            return "Cross-site request refused: the Origin is not this site.";
        }

        if (requireHeader && string.IsNullOrEmpty(request.Headers[HeaderName]))
        {
            return $"Send the header {HeaderName}: 1 with every POST to the API (it shows the call comes from a client of this site, not from another web page).";
        }

        return null;
    }

    /// <summary>Adds the check to every unsafe method of an endpoint group.</summary>
    public static RouteGroupBuilder RequireSameOrigin(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var request = context.HttpContext.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
                && Refusal(request, requireHeader: true) is { } refusal)
            {
                return Results.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused");
            }

            return await next(context);
        });
        return group;
    }

    /// <summary>The Blazor hub (/_blazor) accepts connections only from pages of this site.</summary>
    public static IApplicationBuilder UseSameOriginCircuits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/_blazor") && Refusal(context.Request, requireHeader: false) is not null)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await next();
    });

    private static bool SameAuthority(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}", request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
