using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Scheduler.Data.Entities;

namespace Scheduler.Web.Localization;

/// <summary>Puts the user's language and digits into their sign-in cookie, so each request and page knows them without a query.</summary>
internal sealed class LanguageClaimsFactory(UserManager<SchedulerUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<SchedulerUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SchedulerUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.Language is { } language)
        {
            identity.AddClaim(new Claim(Languages.LanguageClaim, language));
        }

        if (user.LatinDigits)
        {
            identity.AddClaim(new Claim(Languages.LatinDigitsClaim, "true"));
        }

        return identity;
    }
}
