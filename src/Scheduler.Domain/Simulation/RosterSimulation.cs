using System.Globalization;
using NodaTime;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Rostering;

namespace Scheduler.Domain.Simulation;

/// <summary>What the simulator should assume about one queue beyond its staffing policy.</summary>
/// <param name="HandleTime">Shape of handle times; null: log-normal with cv 1 (<see cref="HandleTimeModel.Default"/>).</param>
/// <param name="Patience">Null: exponential with the policy's mean patience, or none when it has none.</param>
/// <param name="Overdispersion">Coefficient of variation of a daily factor on arrivals (0: Poisson).</param>
/// <param name="Priority">Null: voice and chat 0, email 1.</param>
public sealed record QueueAssumptions(HandleTimeModel? HandleTime = null, PatienceModel? Patience = null, double Overdispersion = 0, int? Priority = null);

/// <summary>Turns a roster, its scenario, the forecast and the staffing configuration into a <see cref="SimulationModel"/>.</summary>
/// <remarks>
/// The queues are the scenario's skills that the staffing configuration knows; an agent serves the queues among
/// their skills. Each shift is on duty from its start to its end instant less its placed breaks, so a night across a
/// DST change is on duty for its 7 or 9 elapsed hours. The forecast must use the scenario's interval length; rows
/// outside the horizon are ignored.
/// </remarks>
public static class RosterSimulation
{
    public static SimulationModel Build(RosterScenario scenario, Roster roster, IEnumerable<ForecastInterval> forecast, IEnumerable<StaffedQueue> queues, IReadOnlyDictionary<string, QueueAssumptions>? assumptions = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(queues);
        var grid = scenario.Grid;
        var n = grid.Count;
        var staffed = queues.Where(q => scenario.Skills.Contains(q.Queue.Id)).ToList();
        if (staffed.Count == 0)
        {
            throw new SimulationInputException($"None of the scenario's skills ({string.Join(", ", scenario.Skills)}) is a queue of the staffing configuration.");
        }

        var arrivals = staffed.ToDictionary(q => q.Queue.Id, _ => new double[n]);
        var aht = staffed.ToDictionary(q => q.Queue.Id, _ => new double[n]);
        var seen = new HashSet<string>();
        foreach (var f in forecast)
        {
            if (!arrivals.TryGetValue(f.QueueId, out var counts))
            {
                continue;
            }

            if (f.Length != scenario.IntervalLength)
            {
                throw new SimulationInputException($"The forecast of '{f.QueueId}' has {f.Length.TotalMinutes:0}-minute intervals; the scenario plans in {scenario.IntervalLength.TotalMinutes:0}-minute intervals.");
            }

            var i = grid.IndexOf(f.Start);
            if (i < 0 || grid.Intervals[i].Start != f.Start)
            {
                continue;
            }

            counts[i] = f.Contacts;
            aht[f.QueueId][i] = f.AhtSeconds;
            seen.Add(f.QueueId);
        }

        if (seen.Count == 0)
        {
            throw new SimulationInputException(string.Create(CultureInfo.InvariantCulture, $"The forecast has no interval of {scenario.FirstDate:uuuu-MM-dd} to {scenario.LastDate:uuuu-MM-dd} for the queues {string.Join(", ", arrivals.Keys)}."));
        }

        var simulated = staffed.Select(q =>
        {
            var a = assumptions?.GetValueOrDefault(q.Queue.Id);
            var policy = q.Policy;
            var (threshold, fraction) = q.Queue.Target switch
            {
                ServiceTarget.ServiceLevel sl => (sl.Threshold.TotalSeconds, (double?)sl.Fraction),
                ServiceTarget.ResponseWithin r => (r.Deadline.TotalSeconds, null),
                _ => (0.0, null),
            };
            var patience = a?.Patience ?? (policy.MeanPatience is { } p ? new PatienceModel.Exponential(p.TotalSeconds) : PatienceModel.Infinite);
            return new SimulatedQueue(
                q.Queue.Id,
                q.Queue.Channel,
                threshold,
                fraction,
                arrivals[q.Queue.Id],
                aht[q.Queue.Id],
                a?.HandleTime ?? HandleTimeModel.Default,
                patience,
                policy.Concurrency,
                a?.Priority ?? SimulatedQueue.DefaultPriority(q.Queue.Channel),
                a?.Overdispersion ?? 0);
        }).ToList();

        var agents = Agents(scenario, roster, grid.Start);
        return new SimulationModel(grid.Start, scenario.IntervalLength, n, simulated, agents, scenario.Zone);
    }

    /// <summary>Each rostered agent with their duty spans; a shift that does not fit the scenario is refused by name.</summary>
    public static IReadOnlyList<SimulatedAgent> Agents(RosterScenario scenario, Roster roster, Instant origin)
    {
        var catalog = new ShiftCatalog(scenario);
        var byId = scenario.Agents.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var spans = new Dictionary<string, List<DutySpan>>(StringComparer.Ordinal);
        var number = 0;
        foreach (var shift in roster.Shifts)
        {
            number++;
            var where = string.Create(CultureInfo.InvariantCulture, $"Shift {number} (agent '{shift.AgentId}', {shift.Date:uuuu-MM-dd} {shift.Start:HH:mm}, template '{shift.TemplateId}')");
            if (!byId.ContainsKey(shift.AgentId))
            {
                throw new SimulationInputException($"{where}: the agent is not in the scenario.");
            }

            if (scenario.Templates.All(t => t.Id != shift.TemplateId))
            {
                throw new SimulationInputException($"{where}: the scenario has no such shift template.");
            }

            if (catalog.Find(shift) is not { } option)
            {
                throw new SimulationInputException($"{where}: the scenario does not allow this start and length on that date.");
            }

            var start = (option.StartInstant - origin).TotalSeconds;
            var end = (option.EndInstant - origin).TotalSeconds;
            var list = spans.TryGetValue(shift.AgentId, out var l) ? l : spans[shift.AgentId] = [];
            var cursor = start;
            foreach (var b in shift.Breaks.OrderBy(b => b.Start))
            {
                var bs = Math.Clamp((b.Start - origin).TotalSeconds, start, end);
                var be = Math.Clamp((b.End - origin).TotalSeconds, start, end);
                if (bs > cursor)
                {
                    list.Add(new DutySpan(cursor, bs));
                }

                cursor = Math.Max(cursor, be);
            }

            if (end > cursor)
            {
                list.Add(new DutySpan(cursor, end));
            }
        }

        return [.. scenario.Agents.Where(a => spans.ContainsKey(a.Id)).Select(a => new SimulatedAgent(a.Id, [.. a.Skills], spans[a.Id]))];
    }
}
