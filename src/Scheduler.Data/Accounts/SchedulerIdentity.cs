using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Accounts;

/// <summary>
/// The one set of Identity rules that the web app (with cookies) and the CLI (without) both use, so an account made by
/// <c>scheduler users add</c> obeys the same password policy and lockout as one made on the Users page.
/// </summary>
public static class SchedulerIdentity
{
    /// <summary>Failed sign-ins before an account waits <see cref="LockoutMinutes"/>.</summary>
    public const int MaxFailedAttempts = 5;

    public const int LockoutMinutes = 15;

    public static void Configure(IdentityOptions o)
    {
        // ASVS V2.1: length, not composition; the common-password check is PolicyPasswordValidator.
        o.Password.RequiredLength = PasswordPolicy.MinLength;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Password.RequiredUniqueChars = 1;
        o.User.RequireUniqueEmail = false;
        o.User.AllowedUserNameCharacters = AccountService.UserNameCharacters;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(LockoutMinutes);
        // "Confirmed" here means active: a deactivated account is refused at sign-in (ActiveUserConfirmation).
        o.SignIn.RequireConfirmedAccount = true;
    }

    /// <summary>Adds the password policy and the active-account rule to an Identity builder, and the account service.</summary>
    public static IdentityBuilder AddSchedulerAccountRules(this IdentityBuilder builder)
    {
        // Identity's own length validator would repeat the policy's message in other words: the policy is the only one.
        builder.Services.RemoveAll<IPasswordValidator<SchedulerUser>>();
        builder.AddPasswordValidator<PolicyPasswordValidator>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IUserConfirmation<SchedulerUser>, ActiveUserConfirmation>());
        builder.Services.TryAddSingleton<AccountService>();
        return builder;
    }
}
