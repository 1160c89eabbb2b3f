using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Scheduler.Data.Entities;

namespace Scheduler.Web.Features.Requests;

/// <summary>
/// Who is acting, from the signed-in user alone: their user name, the agent they are (if any) and their roles.
/// Services take an <see cref="Actor"/>, never an agent id from the request, so an agent can act only as themself.
/// </summary>
public sealed record Actor(string UserName, string? AgentId, IReadOnlySet<string> Roles)
{
    public bool IsSupervisor => Roles.Contains(Web.Roles.Supervisor);

    public bool IsManager => Roles.Contains(Web.Roles.Manager);

    /// <summary>The agent id, or a refusal for a user who is not an agent.</summary>
    public string Agent => AgentId ?? throw new UnauthorizedAccessException($"{UserName} is not an agent.");

    public static async Task<Actor?> FromAsync(ClaimsPrincipal principal, UserManager<SchedulerUser> users)
    {
        if (principal.Identity?.IsAuthenticated != true || await users.GetUserAsync(principal) is not { } user)
        {
            return null;
        }

        var roles = Web.Roles.All.Where(principal.IsInRole).ToHashSet(StringComparer.Ordinal);
        return new Actor(user.UserName ?? user.Id, user.AgentId, roles);
    }
}
