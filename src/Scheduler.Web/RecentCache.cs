namespace Scheduler.Web;

/// <summary>
/// The few most recently used values of something expensive to derive, by a key that names everything the value
/// depends on (a roster's id and version Guid, the history's version, ...): a changed input is a new key, so nothing is
/// ever invalidated by hand and a stale value is never served; old keys fall off the end.
/// </summary>
/// <remarks>
/// Concurrent requests for a key that is being built share the one build (50 supervisors opening the page at once
/// compute it once). A build that fails is forgotten, so the next request tries again. With <c>enabled</c> false
/// every call builds (the baseline <c>bench load</c> compares against).
/// </remarks>
public sealed class RecentCache<TKey, TValue>(int capacity, bool enabled = true)
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly LinkedList<(TKey Key, Task<TValue> Value)> _entries = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The value for <paramref name="key"/>, built on the thread pool (off the caller's context) when missing.</summary>
    public async Task<TValue> GetAsync(TKey key, Func<Task<TValue>> build, CancellationToken ct)
    {
        if (!enabled)
        {
            return await Task.Run(build, CancellationToken.None).WaitAsync(ct);
        }

        Task<TValue> value;
        lock (_gate)
        {
            var node = _entries.First;
            while (node is not null && !EqualityComparer<TKey>.Default.Equals(node.Value.Key, key))
            {
                node = node.Next;
            }

            if (node is not null)
            {
                _entries.Remove(node);
                _entries.AddFirst(node);
                value = node.Value.Value;
            }
            else
            {
                value = Task.Run(build, CancellationToken.None);
                _entries.AddFirst((key, value));
                while (_entries.Count > capacity)
                {
                    _entries.RemoveLast();
                }
            }
        }

        try
        {
            return await value.WaitAsync(ct);
        }
        catch when (value.IsFaulted || value.IsCanceled)
        {
            Forget(key, value);
            throw;
        }
    }

    private void Forget(TKey key, Task<TValue> failed)
    {
        lock (_gate)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (EqualityComparer<TKey>.Default.Equals(node.Value.Key, key) && node.Value.Value == failed)
                {
                    _entries.Remove(node);
                    return;
                }
            }
        }
    }
}
