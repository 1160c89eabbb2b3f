namespace Scheduler.Web;

/// <summary>The "Scheduler" section of appsettings.json.</summary>
public sealed class SchedulerWebOptions
{
    /// <summary>Folder (relative to the content root, or absolute) for the SQLite file and other app data.</summary>
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>"Sqlite" (default, a file in <see cref="DataFolder"/>) or "Postgres" (needs <see cref="ConnectionString"/>).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Connection string; empty means a SQLite file scheduler.db in <see cref="DataFolder"/>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Seed the demo contact centre into an empty database at start-up.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>Agents in the seeded demo centre (60; `bench web` seeds 500).</summary>
    public int DemoAgents { get; set; } = 60;

    /// <summary>How far into the future an imported history interval may end, in days (history is what already happened; a day covers clock skew and zones).</summary>
    public int HistoryMaxFutureDays { get; set; } = 1;

    /// <summary>Default time limit for generating a roster, in seconds.</summary>
    public int SolveSeconds { get; set; } = 30;

    /// <summary>
    /// Keep derived views (a roster version's page model, a published week's coverage, a week's forecast) for the next
    /// request. Off only to measure what they save (<c>scheduler bench load</c>): every request then derives them again.
    /// </summary>
    public bool CacheViews { get; set; } = true;
}
