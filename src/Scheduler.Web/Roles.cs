namespace Scheduler.Web;

/// <summary>The three roles; every page and endpoint names the ones it allows.</summary>
public static class Roles
{
    public const string Supervisor = "Supervisor";
    public const string Agent = "Agent";
    public const string Manager = "Manager";

    public static readonly IReadOnlyList<string> All = [Supervisor, Agent, Manager];
}
