using System.Globalization;
using NodaTime;
using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Simulation;

/// <summary>A <see cref="SimulationModel"/> checked and laid out in arrays for the replications to share.</summary>
internal sealed class CompiledModel
{
    private CompiledModel()
    {
    }

    public required SimulationModel Source { get; init; }

    public int QueueCount { get; private init; }

    public int Intervals { get; private init; }

    public double IntervalSeconds { get; private init; }

    /// <summary>The local day (0 = the first) of each interval, for the daily arrival factor.</summary>
    public required int[] DayOfInterval { get; init; }

    public int MaxChats { get; private init; }

    // Per queue.
    public required Channel[] Channels { get; init; }

    public required double[][] Rates { get; init; }

    public required double[][] Aht { get; init; }

    public required double[] Threshold { get; init; }

    public required int[] Priority { get; init; }

    public required int[] QueueMaxChats { get; init; }

    public required double[][] ChatRate { get; init; }

    public required double[] DayCv { get; init; }

    public required HandleTimeModel[] HandleTime { get; init; }

    public required PatienceModel[] Patience { get; init; }

    /// <summary>Groups that serve each queue, the most specialised (fewest queues) first.</summary>
    public required int[][] QueueGroups { get; init; }

    // Per group of agents with the same queues.
    public required int[][] GroupQueues { get; init; }

    public required double[] GroupDutySeconds { get; init; }

    public required int[] GroupSize { get; init; }

    // Per agent.
    public required int[] AgentGroup { get; init; }

    // Duty changes, sorted by time: agent on (true) or off.
    public required double[] ChangeTime { get; init; }

    public required int[] ChangeAgent { get; init; }

    public required bool[] ChangeOn { get; init; }

    public static CompiledModel Compile(SimulationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var n = model.Intervals;
        var l = model.IntervalLength.TotalSeconds;
        if (n <= 0 || !(l > 0))
        {
            throw new SimulationInputException("The horizon has no intervals to simulate.");
        }

        if (model.Queues.Count == 0)
        {
            throw new SimulationInputException("There is no queue to simulate: the forecast has none of the staffing configuration's queues.");
        }

        var q = model.Queues.Count;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var channels = new Channel[q];
        var rates = new double[q][];
        var aht = new double[q][];
        var threshold = new double[q];
        var priority = new int[q];
        var maxChats = new int[q];
        var chatRate = new double[q][];
        var dayCv = new double[q];
        for (var k = 0; k < q; k++)
        {
            var queue = model.Queues[k];
            if (!ids.TryAdd(queue.Id, k))
            {
                throw new SimulationInputException($"Queue '{queue.Id}' is listed twice.");
            }

            if (queue.Arrivals.Count != n || queue.AhtSeconds.Count != n)
            {
                throw new SimulationInputException($"Queue '{queue.Id}' has {queue.Arrivals.Count} arrival and {queue.AhtSeconds.Count} handle-time figures for a horizon of {n} intervals.");
            }

            if (!(queue.ThresholdSeconds >= 0) || double.IsInfinity(queue.ThresholdSeconds))
            {
                throw new SimulationInputException($"Queue '{queue.Id}': the threshold {queue.ThresholdSeconds} s must be zero or more.");
            }

            if (!(queue.Overdispersion >= 0) || queue.Overdispersion > 10)
            {
                throw new SimulationInputException($"Queue '{queue.Id}': overdispersion {queue.Overdispersion} must be between 0 and 10.");
            }

            if (queue.HandleTime is HandleTimeModel.LogNormal { Cv: var cv } && !(cv > 0 && cv <= 20))
            {
                throw new SimulationInputException($"Queue '{queue.Id}': a log-normal handle time needs a coefficient of variation between 0 and 20, not {cv}.");
            }

            if (queue.Patience is PatienceModel.Exponential { MeanSeconds: var p } && !(p > 0))
            {
                throw new SimulationInputException($"Queue '{queue.Id}': mean patience {p} s must be above zero.");
            }

            channels[k] = queue.Channel;
            rates[k] = new double[n];
            aht[k] = new double[n];
            for (var i = 0; i < n; i++)
            {
                var arrivals = queue.Arrivals[i];
                var handle = queue.AhtSeconds[i];
                if (!(arrivals >= 0) || double.IsInfinity(arrivals))
                {
                    throw new SimulationInputException($"Queue '{queue.Id}', interval {i + 1}: {arrivals} contacts is not a count.");
                }

                if (arrivals > 0 && (!(handle > 0) || double.IsInfinity(handle)))
                {
                    throw new SimulationInputException(string.Create(CultureInfo.InvariantCulture, $"Queue '{queue.Id}' has {arrivals:0.##} contacts in interval {i + 1} but no handle time (AHT {handle}): it needs a handle-time history."));
                }

                rates[k][i] = arrivals / l;
                aht[k][i] = handle;
            }

            threshold[k] = queue.ThresholdSeconds;
            priority[k] = queue.Priority;
            dayCv[k] = queue.Overdispersion;
            if (queue.Channel == Channel.Chat)
            {
                var curve = queue.Concurrency ?? Staffing.ConcurrencyCurve.Single;
                maxChats[k] = curve.MaxConcurrency;
                chatRate[k] = [.. curve.Multipliers.Select(m => 1 / m)];
            }
            else
            {
                maxChats[k] = 1;
                chatRate[k] = [1];
            }
        }

        if (model.Agents.Count == 0)
        {
            throw new SimulationInputException("There are no agents to simulate: the roster has no shifts.");
        }

        var groupIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var groupQueues = new List<int[]>();
        var groupDuty = new List<double>();
        var groupSize = new List<int>();
        var agentGroup = new int[model.Agents.Count];
        var changes = new List<(double Time, int Agent, bool On)>();
        for (var a = 0; a < model.Agents.Count; a++)
        {
            var agent = model.Agents[a];
            var served = agent.Queues.Where(ids.ContainsKey).Select(id => ids[id]).Distinct()
                .OrderBy(k => priority[k]).ThenBy(k => k).ToArray();
            var key = string.Join(",", served);
            if (!groupIndex.TryGetValue(key, out var g))
            {
                g = groupQueues.Count;
                groupIndex[key] = g;
                groupQueues.Add(served);
                groupDuty.Add(0);
                groupSize.Add(0);
            }

            agentGroup[a] = g;
            groupSize[g]++;
            foreach (var span in Merge(agent))
            {
                groupDuty[g] += span.End - span.Start;
                changes.Add((span.Start, a, true));
                changes.Add((span.End, a, false));
            }
        }

        changes.Sort((x, y) => x.Time != y.Time ? x.Time.CompareTo(y.Time) : x.On != y.On ? (x.On ? 1 : -1) : x.Agent.CompareTo(y.Agent));
        var queueGroups = new int[q][];
        for (var k = 0; k < q; k++)
        {
            var kk = k;
            queueGroups[k] = [.. Enumerable.Range(0, groupQueues.Count).Where(g => groupQueues[g].Contains(kk)).OrderBy(g => groupQueues[g].Length).ThenBy(g => g)];
        }

        return new CompiledModel
        {
            Source = model,
            QueueCount = q,
            Intervals = n,
            IntervalSeconds = l,
            DayOfInterval = Days(model),
            MaxChats = Math.Max(1, maxChats.Max()),
            Channels = channels,
            Rates = rates,
            Aht = aht,
            Threshold = threshold,
            Priority = priority,
            QueueMaxChats = maxChats,
            ChatRate = chatRate,
            DayCv = dayCv,
            HandleTime = [.. model.Queues.Select(x => x.HandleTime)],
            Patience = [.. model.Queues.Select(x => x.Channel == Channel.Email ? PatienceModel.Infinite : x.Patience)],
            QueueGroups = queueGroups,
            GroupQueues = [.. groupQueues],
            GroupDutySeconds = [.. groupDuty],
            GroupSize = [.. groupSize],
            AgentGroup = agentGroup,
            ChangeTime = [.. changes.Select(c => c.Time)],
            ChangeAgent = [.. changes.Select(c => c.Agent)],
            ChangeOn = [.. changes.Select(c => c.On)],
        };
    }

    private static int[] Days(SimulationModel model)
    {
        var days = new int[model.Intervals];
        if (model.Zone is null)
        {
            var perDay = Math.Max(1, (int)Math.Round(86_400 / model.IntervalLength.TotalSeconds));
            for (var i = 0; i < days.Length; i++)
            {
                days[i] = i / perDay;
            }

            return days;
        }

        var first = model.Start.InZone(model.Zone).Date;
        for (var i = 0; i < days.Length; i++)
        {
            var start = model.Start + (model.IntervalLength * i);
            days[i] = Period.Between(first, start.InZone(model.Zone).Date, PeriodUnits.Days).Days;
        }

        return days;
    }

    /// <summary>An agent's duty spans sorted, clipped at the horizon's start, with overlapping or touching spans joined.</summary>
    private static List<DutySpan> Merge(SimulatedAgent agent)
    {
        var spans = new List<DutySpan>();
        foreach (var span in agent.Duty.OrderBy(s => s.Start))
        {
            if (double.IsNaN(span.Start) || double.IsNaN(span.End) || double.IsInfinity(span.Start) || double.IsInfinity(span.End))
            {
                throw new SimulationInputException($"Agent '{agent.Id}' has a duty span that is not a time ({span.Start}..{span.End}).");
            }

            var start = Math.Max(0, span.Start);
            if (span.End <= start)
            {
                continue;
            }

            if (spans.Count > 0 && start <= spans[^1].End)
            {
                spans[^1] = spans[^1] with { End = Math.Max(spans[^1].End, span.End) };
            }
            else
            {
                spans.Add(new DutySpan(start, span.End));
            }
        }

        return spans;
    }
}
