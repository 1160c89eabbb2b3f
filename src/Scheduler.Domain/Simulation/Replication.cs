using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Simulation;

/// <summary>The counts of one replication, per queue and interval (index queue × intervals + interval).</summary>
internal sealed class ReplicationCounts(int cells, int groups)
{
    public double[] Offered { get; } = new double[cells];

    public double[] Answered { get; } = new double[cells];

    public double[] InTime { get; } = new double[cells];

    public double[] Abandoned { get; } = new double[cells];

    public double[] Wait { get; } = new double[cells];

    public double[] PastDeadline { get; } = new double[cells];

    public double[] Unanswered { get; } = new double[cells];

    public double[] GroupBusySeconds { get; } = new double[groups];

    public long Events { get; set; }
}

/// <summary>
/// One replication of the horizon: a discrete-event simulation with one event list (a binary heap of arrivals and
/// completions) merged with the sorted duty changes.
/// </summary>
/// <remarks>
/// <para>Abandonment needs no event: a waiting contact leaves at its patience deadline, and since contacts are
/// served first come first served from each queue's head, a contact whose deadline has passed when it reaches the
/// head is counted as abandoned then. That is exact and saves a third of the events.</para>
/// <para>Chats are processor-shared: a chat's work is its single-chat handle time, and an agent holding j chats
/// works each at 1 ÷ multiplier(j) of full speed, so a chat held with j − 1 others throughout lasts AHT × multiplier(j),
/// the assumption of the chat staffing chain.</para>
/// </remarks>
internal sealed class Replication
{
    private const int Idle = 0;
    private const int Exclusive = 1;
    private const int Chatting = 2;

    private readonly CompiledModel _m;
    private readonly int _n;
    private readonly int _k;
    private SimulationRandom _random;

    private readonly EventList _events = new();

    private readonly WaitingLine[] _waiting;

    private readonly bool[] _available;
    private readonly int[] _load;
    private readonly int[] _cap;
    private readonly int[] _mode;
    private readonly int[] _stamp;
    private readonly double[] _busySince;
    private readonly double[] _slotWork;
    private readonly int[] _slotQueue;
    private readonly double[] _lastUpdate;

    private readonly int[][] _bucket;
    private readonly int[] _bucketCount;
    private readonly int[] _agentBucket;
    private readonly int[] _agentPosition;

    private readonly int[] _arrivalInterval;
    private readonly double[] _arrivalRate;
    private readonly int[] _factorDay;
    private readonly double[] _factor;

    private readonly ReplicationCounts _c;

    public Replication(CompiledModel model, ulong seed)
    {
        _m = model;
        _n = model.Intervals;
        _k = model.MaxChats;
        _random = new SimulationRandom(seed);
        var q = model.QueueCount;
        var a = model.AgentGroup.Length;
        var g = model.GroupQueues.Length;
        _waiting = [.. Enumerable.Range(0, q).Select(_ => new WaitingLine())];
        _available = new bool[a];
        _load = new int[a];
        _cap = new int[a];
        _mode = new int[a];
        _stamp = new int[a];
        _busySince = new double[a];
        _slotWork = new double[a * _k];
        _slotQueue = new int[a * _k];
        _lastUpdate = new double[a];
        _bucket = new int[g * _k][];
        _bucketCount = new int[g * _k];
        for (var b = 0; b < _bucket.Length; b++)
        {
            _bucket[b] = new int[Math.Max(1, model.GroupSize[b / _k])];
        }

        _agentBucket = new int[a];
        Array.Fill(_agentBucket, -1);
        _agentPosition = new int[a];
        _arrivalInterval = new int[q];
        _arrivalRate = new double[q];
        _factorDay = new int[q];
        _factor = new double[q];
        _c = new ReplicationCounts(q * _n, g);
    }

    public ReplicationCounts Run()
    {
        for (var q = 0; q < _m.QueueCount; q++)
        {
            _factorDay[q] = -1;
            SetInterval(q, 0);
            ScheduleArrival(q, 0);
        }

        var change = 0;
        var changes = _m.ChangeTime.Length;
        long events = 0;
        var now = 0.0;
        while (true)
        {
            var nextHeap = _events.NextTime;
            var nextChange = change < changes ? _m.ChangeTime[change] : double.PositiveInfinity;
            if (double.IsPositiveInfinity(nextHeap) && double.IsPositiveInfinity(nextChange))
            {
                break;
            }

            events++;
            if (nextChange <= nextHeap)
            {
                now = nextChange;
                var agent = _m.ChangeAgent[change];
                if (_m.ChangeOn[change])
                {
                    _available[agent] = true;
                    _busySince[agent] = now; // busy time counts only on duty (occupancy never passes 100 %)
                    Pull(agent, now);
                }
                else
                {
                    AddBusy(agent, now);
                    _available[agent] = false;
                    Rebucket(agent);
                }

                change++;
                continue;
            }

            var id = _events.NextId;
            var stamp = _events.NextStamp;
            now = nextHeap;
            _events.Pop();
            if (id < 0)
            {
                Arrive(-id - 1, now);
            }
            else if (stamp == _stamp[id])
            {
                Complete(id, now);
            }
            else
            {
                events--; // a completion replaced by a later one (a chat agent's load changed)
            }
        }

        var end = Math.Max(now, _n * _m.IntervalSeconds);
        for (var q = 0; q < _m.QueueCount; q++)
        {
            var email = _m.Channels[q] == Channel.Email;
            while (_waiting[q].Count > 0)
            {
                var c = _waiting[q].Dequeue();
                var cell = (q * _n) + c.Interval;
                if (email)
                {
                    if (c.Arrive + _m.Threshold[q] <= end)
                    {
                        _c.PastDeadline[cell]++;
                    }

                    _c.Unanswered[cell]++;
                }
                else if (c.GiveUp <= end)
                {
                    _c.Abandoned[cell]++;
                }
                else
                {
                    _c.Unanswered[cell]++;
                }
            }
        }

        for (var a = 0; a < _load.Length; a++)
        {
            AddBusy(a, end);
        }

        _c.Events = events;
        return _c;
    }

    private void SetInterval(int q, int interval)
    {
        _arrivalInterval[q] = interval;
        if (interval >= _n)
        {
            _arrivalRate[q] = 0;
            return;
        }

        var day = _m.DayOfInterval[interval];
        if (day != _factorDay[q])
        {
            _factorDay[q] = day;
            var cv = _m.DayCv[q];
            _factor[q] = cv > 0 ? _random.Gamma(1 / (cv * cv)) * cv * cv : 1;
        }

        _arrivalRate[q] = _m.Rates[q][interval] * _factor[q];
    }

    /// <summary>The next arrival of a piecewise-constant Poisson process: one exponential of unit rate spent across intervals.</summary>
    private void ScheduleArrival(int q, double from)
    {
        var e = _random.Exponential(1);
        var t = from;
        var l = _m.IntervalSeconds;
        while (_arrivalInterval[q] < _n)
        {
            var end = (_arrivalInterval[q] + 1) * l;
            var rate = _arrivalRate[q];
            if (rate > 0)
            {
                var candidate = t + (e / rate);
                if (candidate < end)
                {
                    _events.Push(candidate, -q - 1, 0);
                    return;
                }

                e -= rate * (end - t);
            }

            t = end;
            SetInterval(q, _arrivalInterval[q] + 1);
        }
    }

    private void Arrive(int q, double t)
    {
        var interval = _arrivalInterval[q];
        var contact = new Contact
        {
            Arrive = t,
            GiveUp = t + _m.Patience[q].Sample(ref _random),
            Work = _m.HandleTime[q].Sample(ref _random, _m.Aht[q][interval]),
            Interval = interval,
        };
        _c.Offered[(q * _n) + interval]++;
        Purge(q, t);
        var agent = _waiting[q].Count == 0 ? FindAgent(q) : -1;
        if (agent >= 0)
        {
            Serve(agent, q, contact, t);
            Rebucket(agent);
            if (_mode[agent] == Chatting)
            {
                RescheduleChats(agent, t);
            }
        }
        else
        {
            _waiting[q].Enqueue(contact);
        }

        ScheduleArrival(q, t);
    }

    private int FindAgent(int q)
    {
        var groups = _m.QueueGroups[q];
        if (_m.Channels[q] == Channel.Chat)
        {
            // The most specialised group with room first (so chats do not take the agents who could also answer
            // calls while chat specialists have free slots), and in it the least-loaded agent (chats spread evenly).
            var most = Math.Min(_m.QueueMaxChats[q], _k);
            foreach (var g in groups)
            {
                for (var j = 0; j < most; j++)
                {
                    var b = (g * _k) + j;
                    if (_bucketCount[b] > 0)
                    {
                        return _bucket[b][_bucketCount[b] - 1];
                    }
                }
            }

            return -1;
        }

        foreach (var g in groups)
        {
            var b = g * _k;
            if (_bucketCount[b] > 0)
            {
                return _bucket[b][_bucketCount[b] - 1];
            }
        }

        return -1;
    }

    /// <summary>An agent with room takes waiting contacts: lowest priority number first, then the longest waiting.</summary>
    private void Pull(int agent, double t)
    {
        var queues = _m.GroupQueues[_m.AgentGroup[agent]];
        while (_mode[agent] != Exclusive)
        {
            var best = -1;
            var bestPriority = int.MaxValue;
            var bestArrive = double.PositiveInfinity;
            foreach (var q in queues)
            {
                if (_m.Priority[q] > bestPriority)
                {
                    break; // queues are sorted by priority
                }

                if (_load[agent] > 0 && (_m.Channels[q] != Channel.Chat || _load[agent] >= Math.Min(_cap[agent], _m.QueueMaxChats[q])))
                {
                    continue;
                }

                Purge(q, t);
                if (_waiting[q].Count == 0)
                {
                    continue;
                }

                var arrive = _waiting[q].Head.Arrive;
                if (_m.Priority[q] < bestPriority || arrive < bestArrive)
                {
                    best = q;
                    bestPriority = _m.Priority[q];
                    bestArrive = arrive;
                }
            }

            if (best < 0)
            {
                break;
            }

            Serve(agent, best, _waiting[best].Dequeue(), t);
        }

        Rebucket(agent);
        if (_mode[agent] == Chatting)
        {
            RescheduleChats(agent, t);
        }
    }

    private void Serve(int agent, int q, Contact c, double t)
    {
        var cell = (q * _n) + c.Interval;
        var wait = t - c.Arrive;
        _c.Answered[cell]++;
        _c.Wait[cell] += wait;
        if (_m.Channels[q] == Channel.Chat)
        {
            if (wait <= _m.Threshold[q])
            {
                _c.InTime[cell]++;
            }

            AdvanceChats(agent, t);
            if (_load[agent] == 0)
            {
                _busySince[agent] = t;
                _cap[agent] = _m.QueueMaxChats[q];
            }

            var slot = (agent * _k) + _load[agent];
            _slotWork[slot] = c.Work;
            _slotQueue[slot] = q;
            _load[agent]++;
            _cap[agent] = Math.Min(_cap[agent], _m.QueueMaxChats[q]);
            _mode[agent] = Chatting;
            return;
        }

        var done = t + c.Work;
        if (_m.Channels[q] == Channel.Email)
        {
            if (done - c.Arrive <= _m.Threshold[q])
            {
                _c.InTime[cell]++;
            }
            else
            {
                _c.PastDeadline[cell]++;
            }
        }
        else if (wait <= _m.Threshold[q])
        {
            _c.InTime[cell]++;
        }

        _mode[agent] = Exclusive;
        _load[agent] = 1;
        _busySince[agent] = t;
        _events.Push(done, agent, ++_stamp[agent]);
    }

    private void Complete(int agent, double t)
    {
        if (_mode[agent] == Exclusive)
        {
            AddBusy(agent, t);
            _load[agent] = 0;
            _mode[agent] = Idle;
        }
        else
        {
            AdvanceChats(agent, t);
            var first = agent * _k;
            var load = _load[agent];
            var done = first;
            for (var s = first + 1; s < first + load; s++)
            {
                if (_slotWork[s] < _slotWork[done])
                {
                    done = s;
                }
            }

            var last = first + load - 1;
            _slotWork[done] = _slotWork[last];
            _slotQueue[done] = _slotQueue[last];
            if (load == 1)
            {
                AddBusy(agent, t); // the last chat ends
            }

            _load[agent] = --load;
            if (load == 0)
            {
                _mode[agent] = Idle;
                _stamp[agent]++;
            }
            else
            {
                var cap = int.MaxValue;
                for (var s = first; s < first + load; s++)
                {
                    cap = Math.Min(cap, _m.QueueMaxChats[_slotQueue[s]]);
                }

                _cap[agent] = cap;
            }
        }

        if (_available[agent])
        {
            Pull(agent, t);
        }
        else
        {
            Rebucket(agent);
            if (_mode[agent] == Chatting)
            {
                RescheduleChats(agent, t);
            }
        }
    }

    /// <summary>Adds the time since <c>_busySince</c> to the agent's group when the agent holds contacts and is on duty.</summary>
    private void AddBusy(int agent, double t)
    {
        if (_load[agent] > 0 && _available[agent])
        {
            _c.GroupBusySeconds[_m.AgentGroup[agent]] += t - _busySince[agent];
        }
    }

    private void AdvanceChats(int agent, double t)
    {
        var load = _load[agent];
        var elapsed = t - _lastUpdate[agent];
        _lastUpdate[agent] = t;
        if (load == 0 || elapsed <= 0)
        {
            return;
        }

        var first = agent * _k;
        for (var s = first; s < first + load; s++)
        {
            var rates = _m.ChatRate[_slotQueue[s]];
            _slotWork[s] -= elapsed * rates[Math.Min(load, rates.Length) - 1];
        }
    }

    private void RescheduleChats(int agent, double t)
    {
        AdvanceChats(agent, t); // the work done since the last change counts (a break's end reschedules too)
        var load = _load[agent];
        var first = agent * _k;
        var soonest = double.PositiveInfinity;
        for (var s = first; s < first + load; s++)
        {
            var rates = _m.ChatRate[_slotQueue[s]];
            soonest = Math.Min(soonest, Math.Max(0, _slotWork[s]) / rates[Math.Min(load, rates.Length) - 1]);
        }

        _events.Push(t + soonest, agent, ++_stamp[agent]);
    }

    /// <summary>Puts the agent in the bucket of its group and load if it can take a contact, and nowhere otherwise.</summary>
    private void Rebucket(int agent)
    {
        var load = _load[agent];
        var wanted = _available[agent] && (load == 0 || (_mode[agent] == Chatting && load < _cap[agent]))
            ? (_m.AgentGroup[agent] * _k) + load
            : -1;
        var current = _agentBucket[agent];
        if (wanted == current)
        {
            return;
        }

        if (current >= 0)
        {
            var list = _bucket[current];
            var position = _agentPosition[agent];
            var moved = list[--_bucketCount[current]];
            list[position] = moved;
            _agentPosition[moved] = position;
        }

        if (wanted >= 0)
        {
            _bucket[wanted][_bucketCount[wanted]] = agent;
            _agentPosition[agent] = _bucketCount[wanted]++;
        }

        _agentBucket[agent] = wanted;
    }

    private void Purge(int q, double t)
    {
        var waiting = _waiting[q];
        while (waiting.Count > 0 && waiting.Head.GiveUp <= t)
        {
            var c = _waiting[q].Dequeue();
            _c.Abandoned[(q * _n) + c.Interval]++;
        }
    }
}
