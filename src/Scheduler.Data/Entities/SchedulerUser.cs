using Microsoft.AspNetCore.Identity;
using NodaTime;

namespace Scheduler.Data.Entities;

/// <summary>
/// A person who signs in, with exactly one role (<see cref="Accounts.AccountRoles"/>). Agents are linked to their
/// <see cref="AgentEntity"/> by <see cref="AgentId"/>.
/// </summary>
public sealed class SchedulerUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public string? AgentId { get; set; }

    /// <summary>False once an administrator deactivates the account: it cannot sign in and its sessions end.</summary>
    public bool Active { get; set; } = true;

    /// <summary>One of the demo users seeded in Development; a Production start refuses a database that holds one.</summary>
    public bool IsDemo { get; set; }

    public Instant? CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    /// <summary>The language the user reads the app in ("en" or "bn"); null means the site's default.</summary>
    public string? Language { get; set; }

    /// <summary>Bangla pages show Bengali digits on the agent's pages unless the user keeps Latin digits.</summary>
    public bool LatinDigits { get; set; }

    /// <summary>
    /// When the user (an agent) last opened My schedule: the home page lists the published changes to their shifts
    /// since then. Null until they first open it.
    /// </summary>
    public Instant? ScheduleSeenAt { get; set; }
}
