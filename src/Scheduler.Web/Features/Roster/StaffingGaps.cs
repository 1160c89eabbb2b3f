using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Solver;
using Scheduler.Solver.Hiring;

namespace Scheduler.Web.Features.Roster;

/// <summary>A staffing-gap run as the panel shows it: who asked, whether it still runs, and its suggestion or error.</summary>
public sealed record StaffingGapView(long RosterId, Guid RosterVersion, string RequestedBy, Instant RequestedAt, TimeSpan Elapsed, HiringSuggestion? Result, string? Error)
{
    public bool Running => Result is null && Error is null;
}

/// <summary>Hires of one profile in a suggestion: how many, and their paid hours and wages together.</summary>
public sealed record HireGroup(HireProfile Profile, int Count, Duration Paid, decimal WeeklyCost);

/// <summary>
/// The staffing-gap panel's work: turns a roster version's remaining shortfall into a hiring suggestion
/// (<see cref="HiringSolver"/>) in the background, one at a time on this instance (a solve's worth of cores), never on
/// the page's circuit; the panel polls <see cref="For"/>. Asking changes nothing stored, so nothing is audited.
/// </summary>
/// <remarks>Runs and their results are kept in memory for the app's life (the newest per roster version): a suggestion
/// is advice recomputed in seconds, not a record; a restart forgets it (decision 021).</remarks>
public sealed class StaffingGaps(IOptions<SchedulerWebOptions> options, IClock clock, ILogger<StaffingGaps> logger)
{
    /// <summary>How long a suggestion searches: long enough for the demo week on two cores, short enough to wait for.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    private readonly ConcurrentDictionary<(long, Guid), Run> _runs = new();
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>
    /// The kinds of hire offered: each skill set the centre's agents already have (the mixes it trains for), full-time
    /// 40-48 h on the 8-hour shifts with nights agreed, and part-time 20-30 h on the 4- and 6-hour shifts without; the
    /// wage is the agents' median.
    /// </summary>
    public static IReadOnlyList<HireProfile> Profiles(RosterScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var sets = scenario.Agents
            .Select(a => scenario.Skills.Where(a.Skills.Contains).ToList())
            .Where(s => s.Count > 0)
            .GroupBy(s => string.Join('+', s), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(6)
            .Select(g => g.First())
            .ToList();
        var wages = scenario.Agents.Select(a => a.HourlyCost).Where(w => w > 0).Order().ToList();
        var wage = wages.Count == 0 ? 200m : wages[wages.Count / 2];
        var templates = scenario.Templates.Where(t => t.OnlyFor is null).ToList();
        var full = templates.Where(t => t.Lengths.Any(l => l >= Duration.FromHours(7))).Select(t => t.Id).ToList();
        var part = templates.Where(t => t.Lengths.All(l => l < Duration.FromHours(7))).Select(t => t.Id).ToList();
        var profiles = new List<HireProfile>();
        foreach (var skills in sets)
        {
            profiles.Add(new HireProfile(skills, Duration.FromHours(40), Duration.FromHours(48), 1, true, wage, full));
            if (part.Count > 0)
            {
                profiles.Add(new HireProfile(skills, Duration.FromHours(20), Duration.FromHours(30), 2, false, wage, part));
            }
        }

        return profiles;
    }

    /// <summary>Hires grouped by profile, the most first.</summary>
    public static IReadOnlyList<HireGroup> Groups(HiringSuggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return [.. suggestion.Hires.GroupBy(h => h.Profile)
            .Select(g => new HireGroup(g.Key, g.Count(), g.Aggregate(Duration.Zero, (sum, h) => sum + h.Paid), g.Sum(h => h.WeeklyCost)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Profile.Id, StringComparer.Ordinal)];
    }

    /// <summary>Suggests hires for <paramref name="roster"/> of <paramref name="scenario"/> now, on the caller's thread.</summary>
    public HiringSuggestion Suggest(RosterScenario scenario, Domain.Rostering.Roster roster, CancellationToken ct = default) =>
        HiringSolver.Suggest(scenario, roster, Profiles(scenario), new HiringOptions { TimeLimit = TimeLimit, Workers = options.Value.Jobs.WorkersPerSolve }, null, ct);

    /// <summary>
    /// Starts a suggestion for the roster version (or returns the one already running or done for it). It waits for
    /// any other suggestion on this instance to finish first.
    /// </summary>
    public StaffingGapView Start(long rosterId, Guid rosterVersion, RosterScenario scenario, Domain.Rostering.Roster roster, string by)
    {
        var key = (rosterId, rosterVersion);
        var run = _runs.GetOrAdd(key, _ => new Run(rosterId, rosterVersion, by, clock.GetCurrentInstant()));
        if (Interlocked.Exchange(ref run.Started, 1) == 0)
        {
            _ = Task.Run(() => ExecuteAsync(run, scenario, roster), CancellationToken.None);
        }

        return run.View();
    }

    /// <summary>The newest run for this roster version, or null when none was asked for.</summary>
    public StaffingGapView? For(long rosterId, Guid rosterVersion) => _runs.TryGetValue((rosterId, rosterVersion), out var run) ? run.View() : null;

    /// <summary>Waits for the run of this roster version to end (tests; the panel polls instead).</summary>
    public Task WhenDoneAsync(long rosterId, Guid rosterVersion) => _runs.TryGetValue((rosterId, rosterVersion), out var run) ? run.Done.Task : Task.CompletedTask;

    private async Task ExecuteAsync(Run run, RosterScenario scenario, Domain.Rostering.Roster roster)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RosterId"] = run.RosterId });
        await _one.WaitAsync();
        try
        {
            run.Clock.Start();
            logger.LogInformation("Staffing gap of roster {RosterId} asked by {User}: {Agents} agents, {Profiles} hire profiles", run.RosterId, run.RequestedBy, scenario.Agents.Count, Profiles(scenario).Count);
            var result = Suggest(scenario, roster);
            run.Result = result;
            logger.LogInformation("Staffing gap of roster {RosterId}: {Hires} hires, short {ShortBefore} -> {ShortAfter} agent-intervals in {Seconds:0.0} s ({Status})", run.RosterId, result.Hires.Count, result.ShortBefore, result.ShortAfter, result.Elapsed.TotalSeconds, result.Status);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            logger.LogWarning(e, "Staffing gap of roster {RosterId} failed: {Reason}", run.RosterId, e.Message);
            run.Error = e.Message;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Staffing gap of roster {RosterId} failed", run.RosterId);
            run.Error = "The suggestion stopped on an error; the log has the details.";
        }
        finally
        {
            run.Clock.Stop();
            _one.Release();
            run.Done.TrySetResult();
        }
    }

    private sealed class Run(long rosterId, Guid rosterVersion, string by, Instant at)
    {
        public int Started;

        public long RosterId { get; } = rosterId;

        public string RequestedBy { get; } = by;

        public System.Diagnostics.Stopwatch Clock { get; } = new();

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public volatile HiringSuggestion? Result;

        public volatile string? Error;

        public StaffingGapView View() => new(RosterId, rosterVersion, RequestedBy, at, Clock.Elapsed, Result, Error);
    }
}
