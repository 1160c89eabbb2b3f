using NodaTime;

namespace Scheduler.Domain.History;

/// <summary>One call in service with a named agent.</summary>
public readonly record struct ServiceSpan(string Server, Instant Start, Instant End);

/// <summary>A stretch of time an agent is taken to have been logged in: from the start of a call to the end of a later one.</summary>
public readonly record struct PresenceSpan(string Server, Instant Start, Instant End)
{
    public Duration Length => End - Start;
}

/// <summary>
/// When agents were at work, rebuilt from the calls they served: call records say when an agent talked, not when they
/// were logged in, so presence has to be inferred.
/// </summary>
/// <remarks>
/// The rule: an agent is present from the start of a call to its end, and also between two of their calls whose gap
/// (start of the next minus end of the one before) is shorter than <c>maxGap</c>; a longer gap is a break or the
/// end of a shift. Overlapping calls of one agent (a transfer, a clock glitch) join into one stretch. Presence begins
/// at the first call of a stretch and ends with its last, so an agent who logged in and waited before the first call,
/// or stayed on after the last, is undercounted; an agent idle for longer than the gap in a quiet hour is too.
/// </remarks>
public static class ServerPresence
{
    /// <summary>Each agent's stretches of presence, ordered by agent (ordinal) and start.</summary>
    /// <param name="services">Calls in service; a call ending before it starts is an error.</param>
    /// <param name="maxGap">Gaps between calls shorter than this are bridged; zero bridges only overlaps and touching calls.</param>
    public static IReadOnlyList<PresenceSpan> Sessions(IEnumerable<ServiceSpan> services, Duration maxGap)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (maxGap < Duration.Zero) throw new ArgumentOutOfRangeException(nameof(maxGap), maxGap, "The gap must not be negative.");
        var result = new List<PresenceSpan>();
        foreach (var server in services.GroupBy(s => s.Server, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            PresenceSpan? open = null;
            foreach (var call in server.OrderBy(s => s.Start))
            {
                if (call.End < call.Start) throw new ArgumentException($"A call of {call.Server} ends ({call.End}) before it starts ({call.Start}).", nameof(services));
                if (open is { } o && (call.Start - o.End < maxGap || call.Start <= o.End))
                {
                    open = o with { End = Instant.Max(o.End, call.End) };
                    continue;
                }

                if (open is { } done) result.Add(done);
                open = new PresenceSpan(server.Key, call.Start, call.End);
            }

            if (open is { } last) result.Add(last);
        }

        return result;
    }

    /// <summary>
    /// Agents present per interval, averaged over the interval: the seconds of presence in it divided by its length
    /// (an agent there for half of a quarter-hour counts 0.5).
    /// </summary>
    /// <param name="spans">Stretches of presence (or of service, for agents busy).</param>
    /// <param name="start">Start of the first interval.</param>
    /// <param name="length">Length of each interval.</param>
    /// <param name="count">Number of consecutive intervals.</param>
    public static double[] AveragePerInterval(IEnumerable<(Instant Start, Instant End)> spans, Instant start, Duration length, int count)
    {
        ArgumentNullException.ThrowIfNull(spans);
        if (length <= Duration.Zero) throw new ArgumentOutOfRangeException(nameof(length), length, "The interval length must be positive.");
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var seconds = length.TotalSeconds;
        var result = new double[count];
        foreach (var (from, to) in spans)
        {
            var a = Math.Max(0, (from - start).TotalSeconds);
            var b = Math.Min(count * seconds, (to - start).TotalSeconds);
            if (!(b > a)) continue;
            for (var i = (int)(a / seconds); i < count && i * seconds < b; i++)
            {
                var overlap = Math.Min(b, (i + 1) * seconds) - Math.Max(a, i * seconds);
                if (overlap > 0) result[i] += overlap / seconds;
            }
        }

        return result;
    }
}
