using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Rules;

namespace Scheduler.Solver.Bound;

/// <summary>A whole-horizon schedule of one agent: the option worked each day (or none), its breaks, and its cost.</summary>
/// <param name="Days">Per day, an index into <see cref="PricedOptions.Options"/>, or -1 for a day off.</param>
/// <param name="Breaks">Per day worked, the chosen slot index of each break rule (null on days off).</param>
/// <param name="Duty">The grid intervals the agent is on duty (shift minus breaks), ascending.</param>
/// <param name="Cost">The schedule's own cost: wishes, shift changes, work after a night run, and staffing where
/// nothing is required. Fairness and start consistency are left out (see <see cref="ScheduleLabelling"/>).</param>
internal sealed record ScheduleColumn(int Agent, int[] Days, int[]?[] Breaks, int[] Duty, long Cost)
{
    public string Key { get; } = string.Join(',', Days) + "|" + string.Join(';', Breaks.Select(b => b is null ? "" : string.Join('.', b)));
}

/// <summary>
/// Pricing for the column generation: the schedule of least reduced cost for one agent, by a labelling dynamic
/// programme over the days of the horizon. A label is a partial schedule up to a day; its resources are the paid
/// minutes of the current week block, the days worked among the last six (for the days off in every seven), the
/// days in a row, the earliest start the minimum rest allows next, and the state of a run of nights (for the rest
/// after nights). Availability, leave, fixed days off, night consent and locked shifts decide which options a day
/// offers (<see cref="ShiftVariables.Offered"/>, the CP-SAT model's own list). Breaks are placed exactly: each
/// option's breaks take the slots where being off duty costs least (every combination when break windows can
/// overlap, non-overlapping ones only).
/// </summary>
/// <remarks>
/// Exactness is what makes the bound valid: the minimum the programme returns is the minimum over every schedule
/// that keeps the agent's hard rules. Two soft rules are not per agent and day: fairness (a range across agents) and
/// start consistency (distinct start times); both cost at least zero (fairness too with a running balance from earlier
/// weeks, a range of totals, decision 015) and are left out of the columns, so the column
/// generation bounds a relaxation whose optimum is at most the roster's. A label is dropped when another one with the
/// same paid minutes and night state costs no more, has worked a subset of its recent days, no longer a run, and
/// allows an earlier next start: whatever extends the dropped label extends the other one at no more cost.
/// </remarks>
internal sealed class ScheduleLabelling
{
    private readonly PricedOptions _options;
    private readonly RosterScenario _scenario;
    private readonly int _agentIndex;
    private readonly int[][] _day; // per day the options offered (indices into PricedOptions)
    private readonly bool[] _mustWork;
    private readonly int[] _locked; // per day the locked option or -1
    private readonly long[] _offCost;
    private readonly long[][] _optionCost; // per day, per offered option: wishes and changes
    private readonly bool[] _night;
    private readonly int[] _midnight; // per day d, minutes from origin to the start of day d+1
    private readonly int[] _blockOf;
    private readonly int[] _blockMin;
    private readonly int[] _blockMax;
    private readonly bool[] _blockEnds;
    private readonly int[] _maxLeftInBlock; // per day, the most paid minutes the rest of its block can add after it
    private readonly int _restMinutes;
    private readonly int _initialRestIn;
    private readonly int _maxRun;
    private readonly int _maxWorkedIn7;
    private readonly int _runBefore;
    private readonly long _nightRecovery;

    public ScheduleLabelling(RosterScenario scenario, ShiftCatalog catalog, PricedOptions options, int agentIndex, Roster? baseline)
    {
        _scenario = scenario;
        _options = options;
        _agentIndex = agentIndex;
        var agent = scenario.Agents[agentIndex];
        var days = scenario.Days;
        var rules = scenario.Rules;
        var origin = scenario.Grid.Start;
        _day = new int[days][];
        _mustWork = new bool[days];
        _locked = new int[days];
        _offCost = new long[days];
        _optionCost = new long[days][];
        _midnight = new int[days];
        var before = baseline?.For(agent.Id).GroupBy(s => s.Date).ToDictionary(g => g.Key, g => g.First());
        var byDate = catalog.Options.GroupBy(o => o.Date).ToDictionary(g => g.Key, g => g.ToList());
        for (var d = 0; d < days; d++)
        {
            var date = scenario.FirstDate.PlusDays(d);
            _midnight[d] = (int)(scenario.Zone.AtStartOfDay(date.PlusDays(1)).ToInstant() - origin).TotalMinutes;
            var offered = ShiftVariables.Offered(scenario, agent, byDate[date]).ToList();
            _day[d] = [.. offered.Select(o => options.Index[o])];
            var locked = Rules.LockedShifts.MustWork(agent, date, offered);
            _locked[d] = locked < 0 ? -1 : _day[d][locked];
            _mustWork[d] = locked >= 0;

            // Each rule's own cost of the day off and of every option (the rule classes of the same name).
            _optionCost[d] = new long[_day[d].Length];
            Preferences.DayCosts(scenario, agent, date, offered, ref _offCost[d], _optionCost[d]);
            if (before is not null)
            {
                ShiftChanges.DayCosts(scenario, before.GetValueOrDefault(date), offered, ref _offCost[d], _optionCost[d]);
            }
        }

        _night = [.. options.Options.Select(o => o.IsNight)];
        _blockOf = new int[days];
        _blockMin = new int[catalog.WeekBlocks];
        _blockMax = new int[catalog.WeekBlocks];
        _blockEnds = new bool[days];
        for (var b = 0; b < catalog.WeekBlocks; b++)
        {
            var (_, first, count, min, max) = catalog.WeekBlock(agent, b * 7);
            _blockMin[b] = (int)Math.Ceiling(min.TotalMinutes);
            _blockMax[b] = (int)Math.Floor(max.TotalMinutes);
            for (var d = first; d < first + count; d++)
            {
                _blockOf[d] = b;
            }

            _blockEnds[first + count - 1] = true;
        }

        _maxLeftInBlock = new int[days];
        for (var d = days - 1; d >= 0; d--)
        {
            _maxLeftInBlock[d] = _blockEnds[d] || d + 1 >= days ? 0 : _maxLeftInBlock[d + 1] + _day[d + 1].Select(i => options.Paid[i]).DefaultIfEmpty(0).Max();
        }

        _restMinutes = (int)rules.MinRest.TotalMinutes;
        _initialRestIn = agent.PreviousShiftEnd is { } end ? (int)(end - origin).TotalMinutes + _restMinutes : int.MinValue;
        _maxRun = agent.Contract.MaxConsecutiveDays;
        _maxWorkedIn7 = Domain.Rostering.Rules.DaysOff.MaxWorkedIn7(agent);
        _runBefore = Math.Min(agent.ConsecutiveDaysBefore, byte.MaxValue - 1);
        _nightRecovery = rules.RestAfterNights;
    }

    /// <summary>The option of each day the agent may work, as indices into <see cref="PricedOptions.Options"/>.</summary>
    public IReadOnlyList<int[]> Offered => _day;

    private struct Label
    {
        public double Reduced;
        public long Cost;
        public int Paid;
        public int RestIn;
        public int Parent;
        public int Choice; // index into the day's offered options, or -1 for off
        public byte Mask;
        public byte Run;
        public byte Night; // run of nights (0..3) + 4 when the second day after a run is still to be counted
    }

    /// <summary>
    /// The schedules of least reduced cost (at most <paramref name="keep"/>, cheapest first) for the prices of being
    /// on duty per interval (<paramref name="price"/>, the agent's skill group's), and the least reduced cost itself
    /// (the exact minimum, for the Lagrangian bound). No schedule at all: the agent's hard rules cannot hold.
    /// </summary>
    /// <param name="optionValue">Per option, its reduced cost from coverage (minus the value of the intervals on duty,
    /// breaks at their best slots), and the chosen slots: <see cref="OptionPrices"/>.</param>
    public (List<ScheduleColumn> Columns, double Least) Price(OptionPrices optionValue, int keep, IReadOnlyList<double> idle)
    {
        var days = _scenario.Days;
        var all = new List<Label>(4096);
        var current = new List<int>();
        all.Add(new Label { Reduced = 0, Cost = 0, Paid = 0, RestIn = _initialRestIn, Parent = -1, Choice = -1, Mask = 0, Run = (byte)_runBefore, Night = 0 });
        current.Add(0);
        var buckets = new Dictionary<long, List<int>>();
        var useMask = days >= 7 && _maxWorkedIn7 < 7;
        var chains = new Kind[days][];
        for (var d = 0; d < days; d++)
        {
            chains[d] = Kinds(d, optionValue);
        }

        for (var d = 0; d < days; d++)
        {
            buckets.Clear();
            var next = new List<int>(current.Count * 4);
            var offered = _day[d];
            var nextMidnight = _midnight[d];
            var block = _blockOf[d];
            var blockMax = _blockMax[block];
            var checkWindow = useMask && d >= 6;
            foreach (var from in current)
            {
                var label = all[from];
                if (!_mustWork[d] && (!checkWindow || Rules.DaysOff.MayRest(label.Mask, _maxWorkedIn7)))
                {
                    Extend(all, buckets, next, from, label, -1, 0, 0, 0, label.RestIn, false, false, d, nextMidnight, useMask);
                }

                if (!Rules.DaysInARow.MayWork(label.Run, _maxRun))
                {
                    continue; // a day off is due
                }

                if (checkWindow && !Rules.DaysOff.MayWork(label.Mask, _maxWorkedIn7))
                {
                    continue;
                }

                // Per kind of option (paid minutes and night), options by start: from the first the rest allows, only those
                // cheaper than every earlier one can give a label the earlier ones do not dominate (a later start ends later).
                foreach (var kind in chains[d])
                {
                    var k = FirstFrom(kind, label.RestIn);
                    while (k >= 0)
                    {
                        var o = offered[kind.Offered[k]];
                        if (WeeklyHours.Fits(label.Paid, _options.Paid[o], blockMax))
                        {
                            Extend(all, buckets, next, from, label, kind.Offered[k], optionValue.Value[o], _optionCost[d][kind.Offered[k]], _options.Paid[o], Rules.MinimumRest.NextStart(_options.End[o], _restMinutes), true, _night[o], d, nextMidnight, useMask);
                        }

                        k = kind.Cheaper[k];
                    }
                }
            }

            // Drop what cannot reach the week's minimum; at a block's end, start the next block at zero.
            var min = _blockMin[block];
            var left = _maxLeftInBlock[d];
            current = new List<int>(next.Count);
            foreach (var i in next)
            {
                var label = all[i];
                if (double.IsPositiveInfinity(label.Reduced) || !WeeklyHours.CanReach(label.Paid, left, min))
                {
                    continue;
                }

                if (_blockEnds[d])
                {
                    label.Paid = 0;
                    all[i] = label;
                }

                current.Add(i);
            }
        }


        var ends = current.OrderBy(i => all[i].Reduced).ToList();
        if (ends.Count == 0)
        {
            return ([], double.PositiveInfinity);
        }

        var least = all[ends[0]].Reduced;
        var columns = new List<ScheduleColumn>();
        foreach (var i in ends.Take(keep))
        {
            columns.Add(Column(all, i, optionValue, idle));
        }

        return (columns, least);
    }

    /// <summary>The options of one kind (same paid minutes, night or not) offered on a day, by start, with for each the
    /// next one that costs less (-1 when none): following it from any option walks the only ones worth a label.</summary>
    private sealed record Kind(int[] Offered, int[] Starts, int[] Cheaper);

    private Kind[] Kinds(int d, OptionPrices optionValue)
    {
        var offered = _day[d];
        var kinds = new List<Kind>();
        var candidates = Enumerable.Range(0, offered.Length).Where(k => !_mustWork[d] || offered[k] == _locked[d]);
        foreach (var group in candidates.GroupBy(k => (_options.Paid[offered[k]], _night[offered[k]])))
        {
            var ks = group.OrderBy(k => _options.Start[offered[k]]).ThenBy(k => _options.End[offered[k]]).ToArray();
            var cost = ks.Select(k => optionValue.Value[offered[k]] + _optionCost[d][k]).ToArray();
            var cheaper = new int[ks.Length];
            var stack = new Stack<int>();
            for (var i = ks.Length - 1; i >= 0; i--)
            {
                while (stack.Count > 0 && cost[stack.Peek()] >= cost[i] - 1e-12)
                {
                    stack.Pop();
                }

                cheaper[i] = stack.Count > 0 ? stack.Peek() : -1;
                stack.Push(i);
            }

            kinds.Add(new Kind(ks, [.. ks.Select(k => _options.Start[offered[k]])], cheaper));
        }

        return [.. kinds];
    }

    private static int FirstFrom(Kind kind, int restIn)
    {
        var i = Array.BinarySearch(kind.Starts, restIn);
        if (i < 0)
        {
            return ~i < kind.Starts.Length ? ~i : -1;
        }

        while (i > 0 && kind.Starts[i - 1] == restIn)
        {
            i--;
        }

        return i;
    }

    private void Extend(List<Label> all, Dictionary<long, List<int>> buckets, List<int> next, int from, Label label, int choice, double value, long ownCost, int paid, int restOut, bool worked, bool night, int d, int nextMidnight, bool useMask)
    {
        var run = Rules.DaysInARow.Run(label.Run, worked);
        var mask = useMask ? Rules.DaysOff.Mask(label.Mask, worked) : (byte)0;
        var nightState = Rules.RestAfterNights.Step(label.Night, worked, night, _nightRecovery, out var recovery);
        var rest = Math.Max(restOut, nextMidnight); // no start on a later day can come before midnight: one class
        var candidate = new Label
        {
            Reduced = label.Reduced + value + ownCost + recovery + (worked ? 0 : _offCost[d]),
            Cost = label.Cost + ownCost + recovery + (worked ? 0 : _offCost[d]),
            Paid = label.Paid + paid,
            RestIn = rest,
            Parent = from,
            Choice = choice,
            Mask = mask,
            Run = (byte)Math.Min(run, byte.MaxValue - 1),
            Night = nightState,
        };

        var key = ((long)candidate.Paid << 3) | candidate.Night;
        if (!buckets.TryGetValue(key, out var bucket))
        {
            buckets[key] = bucket = [];
        }

        for (var j = 0; j < bucket.Count; j++)
        {
            var other = all[bucket[j]];
            if (other.Reduced <= candidate.Reduced + 1e-9 && (other.Mask & ~candidate.Mask) == 0 && other.Run <= candidate.Run && other.RestIn <= candidate.RestIn)
            {
                return; // dominated
            }
        }

        for (var j = bucket.Count - 1; j >= 0; j--)
        {
            var other = all[bucket[j]];
            if (candidate.Reduced <= other.Reduced + 1e-9 && (candidate.Mask & ~other.Mask) == 0 && candidate.Run <= other.Run && candidate.RestIn <= other.RestIn)
            {
                other.Reduced = double.PositiveInfinity; // dropped: marked, since the day's list holds its index
                all[bucket[j]] = other;
                bucket.RemoveAt(j);
            }
        }

        all.Add(candidate);
        bucket.Add(all.Count - 1);
        next.Add(all.Count - 1);
    }

    private ScheduleColumn Column(List<Label> all, int end, OptionPrices optionValue, IReadOnlyList<double> idle)
    {
        var days = _scenario.Days;
        var chosen = new int[days];
        var breaks = new int[]?[days];
        var cost = all[end].Cost;
        var i = end;
        for (var d = days - 1; d >= 0; d--)
        {
            var label = all[i];
            chosen[d] = label.Choice < 0 ? -1 : _day[d][label.Choice];
            if (chosen[d] >= 0)
            {
                breaks[d] = optionValue.Slots[chosen[d]];
            }

            i = label.Parent;
        }

        var duty = Duty(_options, chosen, breaks);
        foreach (var t in duty)
        {
            cost += (long)idle[t];
        }

        return new ScheduleColumn(_agentIndex, chosen, breaks, duty, cost);
    }

    /// <summary>The intervals on duty of a schedule: each shift's intervals less those its breaks take.</summary>
    public static int[] Duty(PricedOptions options, int[] chosen, int[]?[] breaks)
    {
        var duty = new List<int>();
        for (var d = 0; d < chosen.Length; d++)
        {
            if (chosen[d] < 0)
            {
                continue;
            }

            var o = options.Options[chosen[d]];
            var off = new HashSet<int>();
            for (var r = 0; r < breaks[d]!.Length; r++)
            {
                off.UnionWith(options.Slots[chosen[d]][r][breaks[d]![r]].Intervals);
            }

            for (var t = o.FirstInterval; t >= 0 && t < o.FirstInterval + o.IntervalCount; t++)
            {
                if (!off.Contains(t))
                {
                    duty.Add(t);
                }
            }
        }

        duty.Sort();
        return [.. duty];
    }
}

/// <summary>
/// One skill group's reduced cost of every option under the current prices: minus the price of each interval on
/// duty, plus the price of the intervals its breaks take at their best slots; and those slots.
/// </summary>
internal sealed class OptionPrices
{
    public OptionPrices(PricedOptions options, IReadOnlyList<double> price)
    {
        var n = options.Options.Count;
        Value = new double[n];
        Slots = new int[n][];
        for (var o = 0; o < n; o++)
        {
            var option = options.Options[o];
            double value = 0;
            for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
            {
                value -= price[t];
            }

            var rules = options.Slots[o];
            var chosen = new int[rules.Length];
            if (options.DisjointBreaks[o])
            {
                for (var r = 0; r < rules.Length; r++)
                {
                    var best = double.PositiveInfinity;
                    for (var k = 0; k < rules[r].Length; k++)
                    {
                        var back = rules[r][k].Intervals.Sum(t => price[t]);
                        if (back < best - 1e-12)
                        {
                            best = back;
                            chosen[r] = k;
                        }
                    }

                    value += double.IsPositiveInfinity(best) ? 0 : best;
                }
            }
            else
            {
                var (best, slots) = Joint(rules, price, 0, new int[rules.Length], []);
                value += double.IsPositiveInfinity(best) ? 0 : best;
                chosen = slots ?? chosen;
            }

            Value[o] = value;
            Slots[o] = chosen;
        }
    }

    /// <summary>Per option, its reduced cost from coverage.</summary>
    public double[] Value { get; }

    /// <summary>Per option, the slot of each break rule.</summary>
    public int[][] Slots { get; }

    /// <summary>The best non-overlapping slots of every break rule, by enumeration (templates have few breaks).</summary>
    private static (double Value, int[]? Slots) Joint(BreakSlot[][] rules, IReadOnlyList<double> price, int r, int[] picked, List<BreakSlot> taken)
    {
        if (r == rules.Length)
        {
            var off = new HashSet<int>(taken.SelectMany(s => s.Intervals));
            return (off.Sum(t => price[t]), (int[])picked.Clone());
        }

        (double Value, int[]? Slots) best = (double.PositiveInfinity, null);
        for (var k = 0; k < rules[r].Length; k++)
        {
            var slot = rules[r][k];
            if (taken.Any(s => slot.From < s.To && s.From < slot.To))
            {
                continue;
            }

            picked[r] = k;
            taken.Add(slot);
            var result = Joint(rules, price, r + 1, picked, taken);
            taken.RemoveAt(taken.Count - 1);
            if (result.Value < best.Value)
            {
                best = result;
            }
        }

        return best;
    }
}
