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

    /// <summary>The site's language for users who have not chosen one, and before sign-in: "en" (English) or "bn" (Bangla).</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>Seed the demo contact centre into an empty database at start-up.</summary>
    public bool SeedDemo { get; set; } = true;

    /// <summary>Agents in the seeded demo centre (85, staffed for its demand; `bench web` seeds 500).</summary>
    public int DemoAgents { get; set; } = Features.Demo.DemoSeeder.DefaultAgents;

    /// <summary>Seed the demo's approved Victory Day leave (the holiday night is then its tight spot); the browser tests'
    /// original 60-agent centre leaves it out.</summary>
    public bool DemoHolidayLeave { get; set; } = true;

    /// <summary>How far into the future an imported history interval may end, in days (history is what already happened; a day covers clock skew and zones).</summary>
    public int HistoryMaxFutureDays { get; set; } = 1;

    /// <summary>Default time limit for generating a roster, in seconds.</summary>
    public int SolveSeconds { get; set; } = 30;

    /// <summary>
    /// Keep derived views (a roster version's page model, a published week's coverage, a week's forecast) for the next
    /// request. Off only to measure what they save (<c>scheduler bench load</c>): every request then derives them again.
    /// </summary>
    public bool CacheViews { get; set; } = true;

    /// <summary>The "Scheduler:Jobs" section: how many solves run at once, how long, how many wait.</summary>
    public SolveJobOptions Jobs { get; set; } = new();
}

/// <summary>Limits and timings of the durable solve jobs (Quartz.NET, docs/decisions/011-solve-jobs-on-quartz.md).</summary>
public sealed class SolveJobOptions
{
    /// <summary>Solves running at once on this instance; 0 means one per two cores (at least one).</summary>
    public int MaxConcurrentSolves { get; set; }

    /// <summary>Solves one person may have waiting in the queue.</summary>
    public int MaxQueuedPerUser { get; set; } = 3;

    /// <summary>The longest time limit a supervisor may ask for, in seconds.</summary>
    public int MaxSolveSeconds { get; set; } = 600;

    /// <summary>The shortest time limit, in seconds.</summary>
    public int MinSolveSeconds { get; set; } = 5;

    /// <summary>How often a running solve saves its best roster as the job's checkpoint, in seconds.</summary>
    public int CheckpointSeconds { get; set; } = 10;

    /// <summary>How often a running solve reports progress and looks for a stop asked from any instance, in seconds.</summary>
    public double ReportSeconds { get; set; } = 1;

    /// <summary>
    /// Share the job store with other instances (Quartz clustering, PostgreSQL only): a job of an instance that stops
    /// checking in is taken over by another. On by default on PostgreSQL.
    /// </summary>
    public bool? Clustered { get; set; }

    /// <summary>How often a clustered instance checks in, in seconds; another takes over its jobs about two check-ins after it stops.</summary>
    public double CheckinSeconds { get; set; } = 5;

    /// <summary>This instance's name in the job store and in /health; empty means host name and a unique suffix.</summary>
    public string InstanceId { get; set; } = string.Empty;

    public int ConcurrentSolves => MaxConcurrentSolves > 0 ? MaxConcurrentSolves : Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Solver threads per solve: the cores shared among the solves that may run at once.</summary>
    public int WorkersPerSolve => Math.Max(1, Environment.ProcessorCount / ConcurrentSolves);
}
