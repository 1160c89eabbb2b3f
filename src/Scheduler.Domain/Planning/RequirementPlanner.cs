using System.Globalization;
using NodaTime;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Planning;

/// <summary>Agents required on one queue in one interval, with the service the model projects at that staffing.</summary>
public sealed record Requirement(ForecastInterval Forecast, StaffingResult Staffing)
{
    public string QueueId => Forecast.QueueId;

    public Instant Start => Forecast.Start;
}

/// <summary>From a forecast and a staffing configuration to the requirement per queue per interval.</summary>
public static class RequirementPlanner
{
    /// <param name="activitiesPlanned">Training, coaching and meetings are placed as activities in the roster (which
    /// takes their agents off duty), so each queue's training share of shrinkage is dropped (<see cref="Shrinkage.WithActivitiesPlanned"/>).</param>
    public static IReadOnlyList<Requirement> Plan(IReadOnlyList<ForecastInterval> forecast, StaffingConfig config, IProgress<string>? progress = null, bool activitiesPlanned = false)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(config);
        var unknown = forecast.Select(f => f.QueueId).Distinct().Where(q => config.Find(q) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"The configuration has no queue named {string.Join(", ", unknown.Select(u => $"'{u}'"))}; add it under \"queues\".", nameof(config));
        }

        var result = new List<Requirement>(forecast.Count);
        foreach (var group in forecast.GroupBy(f => f.QueueId))
        {
            progress?.Report(group.Key);
            var staffed = config.Find(group.Key)!;
            var policy = activitiesPlanned ? staffed.Policy with { Shrinkage = staffed.Policy.Shrinkage.WithActivitiesPlanned() } : staffed.Policy;
            var series = group.OrderBy(f => f.Start).ToList();
            if (staffed.Queue.Channel == Channel.Email)
            {
                var length = series[0].Length;
                if (series.Any(s => s.Length != length))
                {
                    throw new ArgumentException($"Queue '{group.Key}' mixes interval lengths; email work is spread over equal intervals.", nameof(forecast));
                }

                var arrivals = series.Select(s => s.Contacts).ToArray();
                var handled = series.Sum(s => s.Contacts);
                var aht = handled > 0 ? series.Sum(s => s.Contacts * s.AhtSeconds) / handled : 0;
                var staffing = aht > 0
                    ? StaffingCalculator.RequiredForBacklog(policy, arrivals, aht, length)
                    : series.Select(_ => new StaffingResult(0, 0, 1, 0, 0, null, "Backlog")).ToList();
                for (var i = 0; i < series.Count; i++)
                {
                    result.Add(new Requirement(series[i], staffing[i]));
                }

                continue;
            }

            foreach (var interval in series)
            {
                var staffing = interval.Contacts <= 0 || interval.AhtSeconds <= 0
                    ? new StaffingResult(0, 0, 1, 0, 0, null, "None")
                    : StaffingCalculator.Required(policy, interval.Contacts, interval.AhtSeconds, interval.Length);
                result.Add(new Requirement(interval, staffing));
            }
        }

        return result;
    }
}

/// <summary>The requirements CSV the roster engine and supervisors read (docs/formats/requirements-csv.md).</summary>
public static class RequirementsFile
{
    public const string Header = "queue,interval_start,interval_minutes,contacts,aht_seconds,agents,scheduled,service_level,asa_seconds,occupancy,abandonment,model";

    public static void Write(TextWriter writer, IEnumerable<Requirement> requirements, DateTimeZone zone)
    {
        writer.WriteLine(Header);
        foreach (var r in requirements)
        {
            var f = r.Forecast;
            var s = r.Staffing;
            var asa = double.IsFinite(s.Asa) ? s.Asa.ToString("0.#", CultureInfo.InvariantCulture) : "inf";
            var abandonment = s.Abandonment is { } a ? a.ToString("0.####", CultureInfo.InvariantCulture) : string.Empty;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{f.QueueId},{ForecastFile.StartPattern.Format(f.Start.InZone(zone).ToOffsetDateTime())},{f.Length.TotalMinutes:0},{f.Contacts:0.###},{f.AhtSeconds:0.#},{s.Agents},{s.ScheduledAgents},{s.ServiceLevel:0.####},{asa},{s.Occupancy:0.####},{abandonment},{s.Model}"));
        }
    }
}
