using NodaTime;

namespace Scheduler.Data.Entities;

/// <summary>
/// A one-time set-password link (an invitation, or an administrator's reset). Only the SHA-256 of its secret is stored:
/// the link itself is shown once, to the person who made it. It is good once, until <see cref="ExpiresAt"/>, and only
/// while it is the user's newest link and the account is active.
/// </summary>
public sealed class SetPasswordLinkEntity
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the secret in the link.</summary>
    public required string TokenHash { get; set; }

    /// <summary>"invite" or "reset".</summary>
    public required string Purpose { get; set; }

    public Instant CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public Instant ExpiresAt { get; set; }

    /// <summary>When the password was set with it; a used link is refused.</summary>
    public Instant? UsedAt { get; set; }

    /// <summary>When a newer link for the same user replaced it.</summary>
    public Instant? RevokedAt { get; set; }
}
