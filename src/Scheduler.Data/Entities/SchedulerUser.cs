using Microsoft.AspNetCore.Identity;

namespace Scheduler.Data.Entities;

/// <summary>A person who signs in. Agents are linked to their <see cref="AgentEntity"/> by <see cref="AgentId"/>.</summary>
public sealed class SchedulerUser : IdentityUser
{
    public string? DisplayName { get; set; }

    public string? AgentId { get; set; }
}
