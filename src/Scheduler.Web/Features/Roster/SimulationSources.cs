using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Simulation;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Roster;

/// <summary>What a check or an improvement by simulation plays: the roster version asked for, its forecast, the queues' staffing and the arrival assumptions fitted from history.</summary>
public sealed record SimulationSource(RosterPageModel View, IReadOnlyList<ForecastInterval> Forecast, StaffingConfig Staffing, IReadOnlyDictionary<string, double> DailyVariation)
{
    public StoredRoster Stored => View.Stored;

    public IReadOnlyDictionary<string, QueueAssumptions> Assumptions { get; } = DailyVariation.ToDictionary(kv => kv.Key, kv => new QueueAssumptions(Overdispersion: kv.Value));
}

/// <summary>Loads a <see cref="SimulationSource"/> for a simulation run, refusing in words a roster gone, changed since the request, or without shifts.</summary>
public sealed class SimulationSources(RosterViewCache views, PlanningService planning, QueueService queues, SiteSettings site)
{
    /// <param name="asked">What was asked for, for the messages ("check", "improvement").</param>
    public async Task<SimulationSource> LoadAsync(SimulationRunEntity run, string asked, CancellationToken ct)
    {
        var view = await views.GetAsync(run.RosterId, site.Zone, CancellationToken.None)
            ?? throw new InvalidOperationException($"Roster v{run.RosterNumber} of {run.FirstDate:d MMM yyyy} no longer exists.");
        var stored = view.Stored;
        if (stored.Entity.Version != run.RosterVersion)
        {
            throw new InvalidOperationException($"Roster v{run.RosterNumber} was changed after the {asked} was asked for: check it again.");
        }

        if (stored.Roster.Shifts.Count == 0)
        {
            throw new SimulationInputException($"Roster v{run.RosterNumber} has no shifts: there is no one to answer the contacts.");
        }

        var forecast = await planning.ForecastAsync(stored.Scenario.FirstDate, stored.Scenario.Days, ct);
        var staffing = await queues.StaffingAsync(ct);
        var variation = await planning.DailyVariationAsync(stored.Scenario.FirstDate, ct);
        return new SimulationSource(view, forecast, staffing, variation);
    }
}
