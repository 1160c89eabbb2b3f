using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Data.Entities;

namespace Scheduler.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>POST /account/login (anyone), POST /account/logout (signed in).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", LoginAsync).AllowAnonymous();
        app.MapPost("/account/logout", LogoutAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> LoginAsync([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<SchedulerUser> signIn, ILoggerFactory logs)
    {
        var result = await signIn.PasswordSignInAsync(userName ?? string.Empty, password ?? string.Empty, isPersistent: false, lockoutOnFailure: true);
        var log = logs.CreateLogger("Scheduler.Web.Account");
        if (!result.Succeeded)
        {
            log.LogWarning("Sign-in refused for {UserName}", userName);
            return Results.Redirect($"/login?error={(result.IsLockedOut ? "locked" : "failed")}&returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}");
        }

        log.LogInformation("{UserName} signed in", userName);
        return Results.LocalRedirect(LocalOnly(returnUrl));
    }

    private static async Task<IResult> LogoutAsync(SignInManager<SchedulerUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/login");
    }

    /// <summary>Only paths on this site: a crafted return URL never sends someone elsewhere.</summary>
    private static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
