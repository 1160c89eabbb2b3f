using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Data.Accounts;

/// <summary>
/// Secrets that travel in URLs (set-password links, calendar feeds). They are random (256 bits), shown once, and only
/// their SHA-256 is stored: a copy of the database does not give anyone a working link.
/// </summary>
public static class Secrets
{
    /// <summary>A new URL-safe secret of 32 random bytes (43 characters).</summary>
    public static string New() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes. A fast hash is enough: the secret has 256 bits of entropy.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Whether text could be one of our secrets at all (checked before any lookup).</summary>
    public static bool LooksLikeSecret(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length is >= 16 and <= 128 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
