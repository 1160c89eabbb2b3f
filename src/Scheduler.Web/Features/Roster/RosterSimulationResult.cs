using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Simulation;

namespace Scheduler.Web.Features.Roster;

/// <summary>One queue's week as the simulation saw it, beside the Erlang projection of the same roster and forecast.</summary>
/// <param name="ErlangServiceLevel">The contact-weighted projection per queue (Erlang A / C, chat), as the coverage map computes it; null for email.</param>
/// <param name="PastDeadline">Email: items answered after their deadline or still open when it passed, ÷ offered.</param>
/// <param name="HourOffered">Contacts offered per elapsed hour from <see cref="SimulationSummary.Start"/> (mean over replications).</param>
/// <param name="HourInTime">Of those, answered within the threshold (email: the deadline).</param>
public sealed record SimulatedQueueWeek(
    string Queue,
    Channel Channel,
    double ThresholdSeconds,
    double? Target,
    double Offered,
    double? ErlangServiceLevel,
    Estimate ServiceLevel,
    Estimate Asa,
    Estimate Abandonment,
    double PastDeadline,
    double[] HourOffered,
    double[] HourInTime)
{
    /// <summary>Simulated service level of elapsed hour <paramref name="hour"/>; null when nothing arrived then.</summary>
    public double? ServiceLevelAt(int hour) => HourOffered[hour] > 1e-9 ? HourInTime[hour] / HourOffered[hour] : null;
}

/// <summary>Agents with the same queues, and how busy the simulation kept them.</summary>
public sealed record SimulatedGroup(IReadOnlyList<string> Queues, int Agents, double DutyHours, double Occupancy);

/// <summary>What a simulation run keeps of its result (the SimulationRuns row's ResultJson).</summary>
/// <param name="Start">The horizon's first instant (the first date's midnight at the site); hour arrays count from it.</param>
public sealed record SimulationSummary(
    Instant Start,
    int Replications,
    long Events,
    Estimate ServiceLevel,
    IReadOnlyList<SimulatedQueueWeek> Queues,
    IReadOnlyList<SimulatedGroup> Groups)
{
    /// <remarks>An estimate of a queue with no contacts is NaN and one of a single replication has an infinite half-width: both are written as named literals.</remarks>
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(), new InstantConverter() },
    };

    /// <summary>Per queue, the coefficient of variation of a day's volume beyond Poisson that the run assumed (fitted from history); empty: Poisson around the forecast.</summary>
    public IReadOnlyDictionary<string, double> DailyVariation { get; init; } = new Dictionary<string, double>();

    [JsonIgnore]
    public int Hours => Queues.Count == 0 ? 0 : Queues[0].HourOffered.Length;

    public SimulatedQueueWeek? Queue(string id) => Queues.FirstOrDefault(q => q.Queue == id);

    /// <summary>Whether agents who serve <paramref name="queue"/> also serve another queue.</summary>
    public bool Shared(string queue) => Groups.Any(g => g.Queues.Contains(queue) && g.Queues.Count > 1 && g.Agents > 0);

    public static SimulationSummary From(SimulationResult result, IReadOnlyDictionary<string, double?> erlang)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(erlang);
        var perHour = Math.Max(1, (int)(Duration.FromHours(1) / result.IntervalLength));
        var hours = (result.Intervals + perHour - 1) / perHour;
        var queues = result.Queues.Select(q =>
        {
            var offered = new double[hours];
            var inTime = new double[hours];
            for (var i = 0; i < result.Intervals; i++)
            {
                offered[i / perHour] += q.Offered[i];
                inTime[i / perHour] += q.AnsweredInTime[i];
            }

            var total = q.TotalOffered;
            return new SimulatedQueueWeek(q.QueueId, q.Channel, q.ThresholdSeconds, q.TargetFraction, total, erlang.GetValueOrDefault(q.QueueId), q.ServiceLevel, q.Asa, q.Abandonment,
                total > 0 ? q.PastDeadline.Sum() / total : 0, offered, inTime);
        }).ToList();
        var groups = result.Groups.Select(g => new SimulatedGroup(g.Queues, g.Agents, g.DutyHours, g.Occupancy)).ToList();
        return new SimulationSummary(result.Start, result.Replications, result.Events, result.ServiceLevel, queues, groups);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SimulationSummary? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<SimulationSummary>(json, Json);

    /// <summary>
    /// What the two numbers of a queue mean together, in a sentence: "Erlang per queue says 74 %, simulation says
    /// 81 ± 1 %: agents shared between queues help."
    /// </summary>
    /// <remarks>
    /// The two agree when they differ by no more than the simulation's half-width or 2 points, whichever is larger: the
    /// projection rounds agents per quarter-hour and averages within it, so closer than that is not a difference to act on.
    /// </remarks>
    public string Explain(SimulatedQueueWeek q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Offered <= 0 || double.IsNaN(q.ServiceLevel.Mean))
        {
            return $"{q.Queue}: no contacts arrived in the simulated week.";
        }

        var sim = $"{Percent(q.ServiceLevel.Mean)} ± {HalfWidth(q.ServiceLevel.HalfWidth)} %";
        if (q.Channel == Channel.Email)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{q.Queue}: simulation says {sim} answered within {Duration.FromSeconds(q.ThresholdSeconds).TotalHours:0.#} h; {q.PastDeadline * 100:0.#} % past the deadline.");
        }

        if (q.ErlangServiceLevel is not { } erlang)
        {
            return $"{q.Queue}: simulation says {sim}; there is no Erlang projection to compare with.";
        }

        var head = $"{q.Queue}: Erlang per queue says {Percent(erlang)} %, simulation says {sim}";
        var difference = q.ServiceLevel.Mean - erlang;
        if (Math.Abs(difference) <= Math.Max(0.02, q.ServiceLevel.HalfWidth))
        {
            return head + ": the two agree.";
        }

        if (difference > 0)
        {
            return head + (Shared(q.Queue)
                ? ": agents shared between queues help."
                : ": callers who give up and quiet quarter-hours leave more room than the formula assumes.");
        }

        return head + (Shared(q.Queue)
            ? ": the agents it shares are busy on other queues, and breaks and long contacts cost more than the formula assumes."
            : ": breaks, shift edges and long contacts cost more than the formula assumes.");
    }

    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture);

    public static string HalfWidth(double fraction) => double.IsFinite(fraction) ? (fraction * 100).ToString(fraction < 0.0095 ? "0.#" : "0", CultureInfo.InvariantCulture) : "?";

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            InstantPattern.ExtendedIso.Parse(reader.GetString() ?? string.Empty).GetValueOrThrow();

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
