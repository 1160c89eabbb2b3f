namespace Scheduler.Data.Accounts;

/// <summary>The four roles. A user has exactly one; every page and endpoint names the ones it allows.</summary>
public static class AccountRoles
{
    /// <summary>Runs the installation: every account, including other administrators.</summary>
    public const string Administrator = "Administrator";

    public const string Supervisor = "Supervisor";

    public const string Manager = "Manager";

    public const string Agent = "Agent";

    public static readonly IReadOnlyList<string> All = [Administrator, Supervisor, Manager, Agent];
}
