using NodaTime;
using Scheduler.Data.Conversions;
using Scheduler.Domain.History;

namespace Scheduler.Data.History;

/// <summary>
/// A batch of observations that passed the store's own checks, indexed by queue for the clash search.
/// </summary>
/// <remarks>Parsers check their files first; these checks guard the table whoever the caller is.</remarks>
internal sealed class ObservationBatch
{
    private static readonly Duration MaximumLength = Duration.FromDays(1);

    private ObservationBatch(IReadOnlyList<IntervalObservation> observations, Dictionary<string, HashSet<Instant>> startsByQueue)
    {
        Observations = observations;
        StartsByQueue = startsByQueue;
        IntervalLength = observations[0].Length;
        From = observations.Min(o => o.Start);
        To = observations.Max(o => o.Start) + IntervalLength;
    }

    public IReadOnlyList<IntervalObservation> Observations { get; }

    public IReadOnlyDictionary<string, HashSet<Instant>> StartsByQueue { get; }

    public Duration IntervalLength { get; }

    public Instant From { get; }

    public Instant To { get; }

    /// <summary>Checks every observation and throws one <see cref="ImportException"/> listing every problem.</summary>
    /// <remarks>Line numbers are positions in the batch, counted from 1.</remarks>
    public static ObservationBatch Validate(string fileName, IReadOnlyList<IntervalObservation> observations)
    {
        if (observations.Count == 0) throw new ImportException([new ImportError(fileName, 0, "(file)", "There are no observations to import.")]);

        var errors = new List<ImportError>();
        var startsByQueue = new Dictionary<string, HashSet<Instant>>(StringComparer.Ordinal);
        var firstLine = new Dictionary<(string, Instant), int>();
        var length = observations[0].Length;
        for (var i = 0; i < observations.Count; i++)
        {
            var o = observations[i];
            var line = i + 1;
            void Fail(string field, string reason) => errors.Add(new ImportError(fileName, line, field, reason));

            if (o is null)
            {
                Fail("(row)", "Observation is missing.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(o.QueueId)) Fail(nameof(o.QueueId), "Queue id is empty.");
            else if (o.QueueId.Length > StorageLimits.IdLength) Fail(nameof(o.QueueId), $"Queue id is longer than {StorageLimits.IdLength} characters.");

            if (!NodaTimeStorage.IsWholeMilliseconds(o.Start)) Fail(nameof(o.Start), "Start has sub-millisecond precision, which storage does not keep.");

            if (o.Length <= Duration.Zero || o.Length > MaximumLength) Fail(nameof(o.Length), "Interval length must be more than zero and at most one day.");
            else if (o.Length != length) Fail(nameof(o.Length), $"Interval length {o.Length.TotalMinutes:0.##} min differs from the file's {length.TotalMinutes:0.##} min.");
            else if (!NodaTimeStorage.IsWholeMilliseconds(o.Length)) Fail(nameof(o.Length), "Interval length has sub-millisecond precision.");

            CheckCount(o.Offered, nameof(o.Offered), Fail);
            CheckCount(o.Answered, nameof(o.Answered), Fail);
            CheckCount(o.Abandoned, nameof(o.Abandoned), Fail);
            CheckCount(o.HandleSeconds, nameof(o.HandleSeconds), Fail);
            if (o.WaitSeconds is { } wait) CheckCount(wait, nameof(o.WaitSeconds), Fail);
            if (o.AnsweredWithinThreshold is { } within) CheckCount(within, nameof(o.AnsweredWithinThreshold), Fail);

            if (string.IsNullOrWhiteSpace(o.QueueId)) continue;
            if (!firstLine.TryAdd((o.QueueId, o.Start), line))
            {
                Fail(nameof(o.Start), $"Queue {o.QueueId} already has an interval starting {o.Start} (line {firstLine[(o.QueueId, o.Start)]}).");
                continue;
            }

            if (!startsByQueue.TryGetValue(o.QueueId, out var starts)) startsByQueue[o.QueueId] = starts = [];
            starts.Add(o.Start);
        }

        if (errors.Count > 0) throw new ImportException(errors);
        return new ObservationBatch(observations, startsByQueue);
    }

    private static void CheckCount(double value, string field, Action<string, string> fail)
    {
        if (!double.IsFinite(value)) fail(field, "Value is not a finite number.");
        else if (value < 0) fail(field, $"Value {value} is negative.");
    }
}
