using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Scheduler.Data.Entities;

namespace Scheduler.Web.Features.Account;

public static class AccountEndpoints
{
    /// <summary>POST /account/login (anyone), POST /account/logout (signed in); both need the form's antiforgery token.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", LoginAsync).AllowAnonymous();
        app.MapPost("/account/logout", LogoutAsync).RequireAuthorization();
        app.MapPost("/account/language", LanguageAsync).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Signs in. Every refusal looks the same (wrong password, no such user, locked out, deactivated, no password yet)
    /// and takes about as long, so the page never tells whether a user name exists.
    /// </summary>
    private static async Task<IResult> LoginAsync([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<SchedulerUser> signIn, IClock clock, ILoggerFactory logs)
    {
        var log = logs.CreateLogger("Scheduler.Web.Account");
        var name = (userName ?? string.Empty).Trim();
        var user = name.Length is > 0 and <= 64 ? await signIn.UserManager.FindByNameAsync(name) : null;
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new SchedulerUser(), TimingHash(signIn.UserManager), password ?? string.Empty);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else
        {
            result = await signIn.CheckPasswordSignInAsync(user, password ?? string.Empty, lockoutOnFailure: true);
        }

        if (!result.Succeeded)
        {
            log.LogWarning("Sign-in refused for {UserName}: {Outcome}", name.Length > 64 ? name[..64] : name, result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "failed");
            return Results.Redirect($"/login?error=failed&returnUrl={Uri.EscapeDataString(LocalOnly(returnUrl))}");
        }

        var properties = new AuthenticationProperties { IsPersistent = false };
        properties.Items[WebSetup.SignedInAtItem] = clock.GetCurrentInstant().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        await signIn.SignInAsync(user!, properties);
        log.LogInformation("{UserName} signed in", user!.UserName);
        return Results.LocalRedirect(LocalOnly(returnUrl));
    }

    /// <summary>Sign-out is a POST with the form's token: a link or a forged form on another site cannot sign anyone out.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<SchedulerUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem("Sign out with the button on a page of this site.", statusCode: StatusCodes.Status400BadRequest);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect("/login");
    }

    /// <summary>
    /// Chooses the language (and, in Bangla, Latin or Bengali digits): stored on a signed-in user's account (audited) and
    /// in their cookie's claims; before sign-in, in a cookie for the sign-in page. The page reloads in the new language.
    /// </summary>
    private static async Task<IResult> LanguageAsync(HttpContext context, IAntiforgery antiforgery, [FromForm] string? language, [FromForm] string? latinDigits, [FromForm] string? returnUrl, SignInManager<SchedulerUser> signIn, Data.Accounts.AccountService accounts, CancellationToken ct)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.Problem("Choose the language with the switch on a page of this site.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (language is null || !Localization.Languages.All.Contains(language))
        {
            return Results.Problem($"language: '{language}' is not one of {string.Join(", ", Localization.Languages.All)}.", statusCode: StatusCodes.Status400BadRequest);
        }

        var latin = latinDigits is "true" or "on";
        if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            await accounts.SetLanguageAsync(name, language, latin, ct);
            if (await signIn.UserManager.FindByNameAsync(name) is { } user)
            {
                await signIn.RefreshSignInAsync(user); // the cookie's claims carry the new choice
            }
        }

        context.Response.Cookies.Append(Localization.UserCultureProvider.CookieName, language, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
        return Results.LocalRedirect(LocalOnly(returnUrl));
    }

    private static string? _timingHash;

    /// <summary>A hash to verify against when the user does not exist, so that answer costs what a real check costs.</summary>
    private static string TimingHash(UserManager<SchedulerUser> users) =>
        _timingHash ??= users.PasswordHasher.HashPassword(new SchedulerUser(), Data.Accounts.Secrets.New());

    /// <summary>Only paths on this site: a crafted return URL never sends someone elsewhere.</summary>
    internal static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
