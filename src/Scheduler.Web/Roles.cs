using Scheduler.Data.Accounts;

namespace Scheduler.Web;

/// <summary>The four roles (<see cref="AccountRoles"/>); every page and endpoint names the ones it allows.</summary>
public static class Roles
{
    public const string Administrator = AccountRoles.Administrator;
    public const string Supervisor = AccountRoles.Supervisor;
    public const string Agent = AccountRoles.Agent;
    public const string Manager = AccountRoles.Manager;

    /// <summary>Who may open the Users page.</summary>
    public const string AccountAdmins = $"{Administrator},{Supervisor}";

    public static readonly IReadOnlyList<string> All = AccountRoles.All;
}
