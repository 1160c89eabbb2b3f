using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;

namespace Scheduler.Web.Features.Roster;

/// <summary>Everything the roster page shows for one roster version in one zone.</summary>
public sealed record RosterPageModel(StoredRoster Stored, ValidationReport Report, IReadOnlyList<CoverageSeries> Coverage, IReadOnlyList<LocalDate> Days, IReadOnlyList<AgentRow> Rows);

/// <summary>
/// The roster page's model per (roster, version, zone), computed once: validating 500 agents' week and laying out
/// the grid is the expensive part of opening the page, and it is the same for every supervisor and every reload
/// until someone saves (which changes the version). A few recent entries are kept.
/// </summary>
public sealed class RosterViewCache(RosterStore store, IOptions<SchedulerWebOptions>? options = null)
{
    private readonly RecentCache<(long Id, Guid Version, string Zone), RosterPageModel?> _models = new(8, options?.Value.CacheViews ?? true);

    public async Task<RosterPageModel?> GetAsync(long id, DateTimeZone zone, CancellationToken ct)
    {
        if (await store.VersionAsync(id, ct) is not { } version)
        {
            return null;
        }

        return await _models.GetAsync((id, version, zone.Id), () => BuildAsync(id, zone), ct);
    }

    private async Task<RosterPageModel?> BuildAsync(long id, DateTimeZone zone)
    {
        var stored = await store.LoadAsync(id, CancellationToken.None);
        if (stored is null)
        {
            return null;
        }

        var report = RosterValidator.Validate(stored.Scenario, stored.Roster);
        return new RosterPageModel(stored, report, RosterView.Coverage(report, stored.Scenario), RosterView.Days(stored.Scenario, zone), RosterView.Rows(stored.Scenario, stored.Roster, zone));
    }
}
