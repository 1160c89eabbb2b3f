using NodaTime;

namespace Scheduler.Domain.Staffing;

/// <summary>Mean caller patience estimated from queue history, for Erlang A.</summary>
/// <remarks>
/// Uses the Anonymous Bank convention (Mandelbaum and Zeltyn): with exponential patience, every second any queued
/// caller spends waiting is a second of exposure to hanging up, so the abandonment rate θ is abandonments ÷ total
/// waiting time of all queued calls (answered and abandoned), and mean patience is its inverse. Censoring by being
/// answered is handled automatically because answered callers' waits count as exposure too.
/// </remarks>
public static class PatienceEstimate
{
    /// <summary>Mean patience, or null when nobody abandoned (patience looks infinite: use Erlang C).</summary>
    /// <param name="abandonedCalls">Calls that hung up while queued.</param>
    /// <param name="totalWaitSecondsOfAllQueuedCalls">Sum of time in queue of every queued call, answered or abandoned.</param>
    public static Duration? FromHistory(double abandonedCalls, double totalWaitSecondsOfAllQueuedCalls)
    {
        if (!(abandonedCalls >= 0) || double.IsInfinity(abandonedCalls)) throw new ArgumentOutOfRangeException(nameof(abandonedCalls), abandonedCalls, "Abandoned calls must be finite and non-negative.");
        if (!(totalWaitSecondsOfAllQueuedCalls >= 0) || double.IsInfinity(totalWaitSecondsOfAllQueuedCalls)) throw new ArgumentOutOfRangeException(nameof(totalWaitSecondsOfAllQueuedCalls), totalWaitSecondsOfAllQueuedCalls, "Total wait must be finite and non-negative.");
        if (abandonedCalls == 0) return null;
        if (totalWaitSecondsOfAllQueuedCalls == 0) throw new ArgumentException("Calls abandoned without any recorded waiting time: the history is inconsistent.", nameof(totalWaitSecondsOfAllQueuedCalls));

        return Duration.FromSeconds(totalWaitSecondsOfAllQueuedCalls / abandonedCalls);
    }
}
