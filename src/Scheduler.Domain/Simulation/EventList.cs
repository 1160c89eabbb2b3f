namespace Scheduler.Domain.Simulation;

/// <summary>
/// The simulator's pending events (arrivals and completions) as a binary min-heap on time, in three parallel arrays
/// so a push or pop moves no objects. An event's id is an agent (completion, 0 and up) or −1 − queue (arrival);
/// its stamp lets a replaced completion be recognised and skipped when it comes up.
/// </summary>
internal sealed class EventList
{
    private double[] _time = new double[64];
    private int[] _id = new int[64];
    private int[] _stamp = new int[64];

    public int Count { get; private set; }

    /// <summary>Time of the earliest event; +∞ when there is none.</summary>
    public double NextTime => Count > 0 ? _time[0] : double.PositiveInfinity;

    public int NextId => _id[0];

    public int NextStamp => _stamp[0];

    public void Push(double time, int id, int stamp)
    {
        if (Count == _time.Length)
        {
            Array.Resize(ref _time, Count * 2);
            Array.Resize(ref _id, Count * 2);
            Array.Resize(ref _stamp, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_time[parent] <= time)
            {
                break;
            }

            _time[i] = _time[parent];
            _id[i] = _id[parent];
            _stamp[i] = _stamp[parent];
            i = parent;
        }

        _time[i] = time;
        _id[i] = id;
        _stamp[i] = stamp;
    }

    /// <summary>Removes the earliest event (read it first with <see cref="NextTime"/>, <see cref="NextId"/>, <see cref="NextStamp"/>).</summary>
    public void Pop()
    {
        var count = --Count;
        if (count == 0)
        {
            return;
        }

        var time = _time[count];
        var id = _id[count];
        var stamp = _stamp[count];
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && _time[child + 1] < _time[child])
            {
                child++;
            }

            if (_time[child] >= time)
            {
                break;
            }

            _time[i] = _time[child];
            _id[i] = _id[child];
            _stamp[i] = _stamp[child];
            i = child;
        }

        _time[i] = time;
        _id[i] = id;
        _stamp[i] = stamp;
    }
}
