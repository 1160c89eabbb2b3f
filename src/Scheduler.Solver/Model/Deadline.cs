using System.Diagnostics;

namespace Scheduler.Solver.Model;

/// <summary>A moment measured on the monotonic <see cref="Stopwatch"/> clock, never the wall clock: how long is left
/// until it, and whether it has passed. A solve's phases share one.</summary>
internal readonly struct Deadline
{
    private readonly long _at; // Stopwatch timestamp

    private Deadline(long at) => _at = at;

    /// <summary>The moment <paramref name="span"/> from now.</summary>
    public static Deadline In(TimeSpan span) => new(Stopwatch.GetTimestamp() + (long)(Math.Max(0, span.TotalSeconds) * Stopwatch.Frequency));

    /// <summary>A deadline already passed (for work that must not start anything timed).</summary>
    public static Deadline Past => new(0);

    /// <summary>Time left (negative once passed).</summary>
    public TimeSpan Left => Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), _at);

    public bool HasPassed => Stopwatch.GetTimestamp() >= _at;
}
