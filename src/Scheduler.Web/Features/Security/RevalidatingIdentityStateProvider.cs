using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Scheduler.Data.Entities;

namespace Scheduler.Web.Features.Security;

/// <summary>
/// An open page (a Blazor circuit) checks its account every <see cref="SecurityOptions.RevalidateSeconds"/>: once the
/// account is deactivated, or its security stamp changes (password set, sessions ended), the page loses access and
/// goes to the sign-in page, without waiting for a new HTTP request.
/// </summary>
internal sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> identity, IOptions<SecurityOptions> security)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => security.Value.Revalidation;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SchedulerUser>>();
        var user = await users.GetUserAsync(authenticationState.User);
        if (user is null || !user.Active)
        {
            return false;
        }

        var stamp = authenticationState.User.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        return stamp == await users.GetSecurityStampAsync(user);
    }
}
