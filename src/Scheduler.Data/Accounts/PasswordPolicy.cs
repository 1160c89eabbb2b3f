using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Scheduler.Data.Entities;

namespace Scheduler.Data.Accounts;

/// <summary>
/// Passwords as OWASP ASVS level 2 asks (V2.1): at least 12 characters, up to 128, any characters, no composition rules,
/// and not one of the common passwords attackers try first (a list of 30,000 shipped inside this assembly).
/// </summary>
/// <remarks>
/// A common password with digits or signs stuck to its ends ("iloveyou2026!") is refused too: that is how people
/// stretch a short password to the length rule, and attackers' lists try it first.
/// </remarks>
public static class PasswordPolicy
{
    public const int MinLength = 12;

    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    /// <summary>Why the password is refused, in a sentence for the form; null when it is acceptable.</summary>
    public static string? Check(string? password, string? userName = null)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Enter a password.";
        }

        var length = password.EnumerateRunes().Count();
        if (length < MinLength)
        {
            return $"Use at least {MinLength} characters (this has {length}). A few unrelated words make a strong password that is easy to remember.";
        }

        if (length > MaxLength)
        {
            return $"Use at most {MaxLength} characters.";
        }

        if (password.Distinct().Count() < 4)
        {
            return "This password repeats too few characters; choose another.";
        }

        if (IsCommon(password))
        {
            return "This is one of the common passwords that attackers try first; choose another.";
        }

        if (userName is { Length: >= 3 } && password.Contains(userName, StringComparison.OrdinalIgnoreCase))
        {
            return "Do not use your user name in the password.";
        }

        return null;
    }

    /// <summary>On the common list, as typed or once the digits and signs at its ends are taken off.</summary>
    public static bool IsCommon(string password)
    {
        var lower = password.ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return true;
        }

        var core = lower.Trim().TrimStart(NotLetters(lower)).TrimEnd(NotLetters(lower));
        return core.Length >= 4 && Common.Value.Contains(core);
    }

    private static char[] NotLetters(string text) => [.. text.Where(c => !char.IsLetter(c)).Distinct()];

    private static HashSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("Scheduler.Data.Accounts.common-passwords.txt.gz")
            ?? throw new InvalidOperationException("The common-password list is missing from Scheduler.Data.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress), Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }

        return set;
    }
}

/// <summary>The <see cref="PasswordPolicy"/> as ASP.NET Core Identity's password validator.</summary>
public sealed class PolicyPasswordValidator : IPasswordValidator<SchedulerUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<SchedulerUser> manager, SchedulerUser user, string? password) =>
        Task.FromResult(PasswordPolicy.Check(password, user.UserName) is { } reason
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordPolicy", Description = reason })
            : IdentityResult.Success);
}

/// <summary>A deactivated account cannot sign in (Identity asks this before every sign-in).</summary>
public sealed class ActiveUserConfirmation : IUserConfirmation<SchedulerUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<SchedulerUser> manager, SchedulerUser user) => Task.FromResult(user.Active);
}
