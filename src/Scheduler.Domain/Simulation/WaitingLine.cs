namespace Scheduler.Domain.Simulation;

/// <summary>A contact waiting in its queue: when it arrived, when it gives up, its work (seconds), its arrival interval.</summary>
internal struct Contact
{
    public double Arrive;
    public double GiveUp;
    public double Work;
    public int Interval;
}

/// <summary>One queue's waiting contacts, first come first served: a ring buffer that doubles when full.</summary>
internal sealed class WaitingLine
{
    private Contact[] _buffer = new Contact[16];
    private int _head;

    public int Count { get; private set; }

    /// <summary>The contact that has waited longest (only when <see cref="Count"/> is above 0).</summary>
    public ref readonly Contact Head => ref _buffer[_head];

    public void Enqueue(in Contact c)
    {
        if (Count == _buffer.Length)
        {
            var bigger = new Contact[_buffer.Length * 2];
            for (var i = 0; i < Count; i++)
            {
                bigger[i] = _buffer[(_head + i) % _buffer.Length];
            }

            _buffer = bigger;
            _head = 0;
        }

        _buffer[(_head + Count) % _buffer.Length] = c;
        Count++;
    }

    public Contact Dequeue()
    {
        var c = _buffer[_head];
        _head = (_head + 1) % _buffer.Length;
        Count--;
        return c;
    }
}
