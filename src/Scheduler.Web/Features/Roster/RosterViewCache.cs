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
public sealed class RosterViewCache(RosterStore store)
{
    private const int Capacity = 8;
    private readonly Lock _gate = new();
    private readonly LinkedList<((long Id, Guid Version, string Zone) Key, Task<RosterPageModel?> Model)> _entries = new();

    public async Task<RosterPageModel?> GetAsync(long id, DateTimeZone zone, CancellationToken ct)
    {
        if (await store.VersionAsync(id, ct) is not { } version)
        {
            return null;
        }

        var key = (id, version, zone.Id);
        Task<RosterPageModel?> model;
        lock (_gate)
        {
            var node = _entries.First;
            while (node is not null && node.Value.Key != key)
            {
                node = node.Next;
            }

            if (node is not null)
            {
                _entries.Remove(node);
                _entries.AddFirst(node);
                model = node.Value.Model;
            }
            else
            {
                model = Task.Run(() => BuildAsync(id, zone));
                _entries.AddFirst((key, model));
                while (_entries.Count > Capacity)
                {
                    _entries.RemoveLast();
                }
            }
        }

        return await model.WaitAsync(ct);
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
