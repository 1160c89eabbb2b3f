using Scheduler.Domain.Curtois;

namespace Scheduler.Solver.Curtois;

/// <summary>What one labelling run found: the cheapest schedules (cheapest first), the least cost, and whether that
/// least cost is the exact minimum over every schedule that keeps the employee's hard rules.</summary>
/// <param name="Schedules">Per day a shift type index or <see cref="CurtoisRoster.Off"/>, with its cost.</param>
/// <param name="Least">The least cost found (+∞ when no schedule was found).</param>
/// <param name="Exact">True when the search was complete: <paramref name="Least"/> is the true minimum, and no
/// schedule at all means the employee's rules cannot hold. False after a beam cut or when the label budget ran out.</param>
internal sealed record LabellingResult(IReadOnlyList<(int[] Schedule, double Cost)> Schedules, double Least, bool Exact);

/// <summary>
/// One Curtois &amp; Qu employee's cheapest schedule under a cost per (day, shift type), by a labelling dynamic
/// programme over the days (the Curtois counterpart of the roster engine's <c>Bound.ScheduleLabelling</c>). A label is a
/// partial schedule up to a day. Its <i>state</i> is the last day's shift type (or off), the length of the current run
/// of working days or days off, and whether that run began on day 0 (runs touching the horizon's edges are exempt from
/// the minimums); its <i>resources</i> are the total minutes, the weekends worked, and the shifts of each type whose
/// limit can bind. Every hard rule of the benchmark is kept exactly: one shift a day (by construction), shift rotation
/// (the state's last shift), maximum shifts per type (counts), maximum and minimum total minutes (minutes, with a
/// look-ahead: the most minutes the days left can still add), maximum and minimum consecutive shifts and minimum
/// consecutive days off (the run in the state; a run is checked when it ends, and runs that touch day 0 or the last
/// day are exempt), maximum weekends (a Saturday worked, or a Sunday worked after a Saturday off, counts one), and the
/// hard days off (never offered). Nothing is relaxed.
/// </summary>
/// <remarks>
/// Dominance, which keeps the search exact: of two labels with the same state and the same minutes, one that costs no
/// more, has worked no more weekends and no more shifts of any counted type than the other extends to every schedule
/// the other does at no more cost, so the other is dropped. (Minutes are compared by equality because they have both
/// a minimum and a maximum.) A shift type whose limit is at least the days the employee may work is not counted.
/// Two ways make it inexact, and the result says so: a <c>beam</c> (keep only so many cheapest labels per state and
/// day: the constructive start and quick columns), and a label budget (the search gives up rather than use seconds
/// and memory on year-long horizons with many counted types; the caller then falls back to CP-SAT for a bound).
/// </remarks>
internal sealed class CurtoisLabelling
{
    private const double Epsilon = 1e-9;

    private readonly CurtoisInstance _instance;
    private readonly CurtoisEmployee _employee;
    private readonly int _days;
    private readonly int _types;
    private readonly int[] _minutes; // per shift type
    private readonly bool[,] _forbidden; // [last, next]: next may not follow last
    private readonly int[] _counted; // per shift type, its index among the counted types, or -1
    private readonly int[] _countedMax; // per counted type, its limit
    private readonly bool _countWeekends;
    private readonly int _longest; // the longest shift type the employee may work, in minutes
    private readonly int _runCap; // runs of work are at most MaxConsecutiveShifts; runs off are capped at MinConsecutiveDaysOff
    private readonly int[][] _open; // per day, the shift types the employee may work (days off and limits of 0 removed)

    public CurtoisLabelling(CurtoisInstance instance, int employee)
    {
        ArgumentNullException.ThrowIfNull(instance);
        _instance = instance;
        _employee = instance.Employees[employee];
        _days = instance.Days;
        _types = instance.ShiftTypes.Count;
        _minutes = [.. instance.ShiftTypes.Select(s => s.Minutes)];
        _forbidden = new bool[_types, _types];
        for (var s = 0; s < _types; s++)
        {
            foreach (var t in instance.ShiftTypes[s].CannotFollow)
            {
                _forbidden[s, t] = true;
            }
        }

        var workable = _days - _employee.DaysOff.Count(d => d >= 0 && d < _days);
        _counted = new int[_types];
        var max = new List<int>();
        for (var s = 0; s < _types; s++)
        {
            var limit = _employee.MaxShifts[s];
            _counted[s] = limit > 0 && limit < workable ? max.Count : -1;
            if (_counted[s] >= 0)
            {
                max.Add(limit);
            }
        }

        _countedMax = [.. max];
        _countWeekends = _employee.MaxWeekends < instance.Weeks;
        _longest = Enumerable.Range(0, _types).Where(s => _employee.MaxShifts[s] > 0).Select(s => _minutes[s]).DefaultIfEmpty(0).Max();
        _runCap = Math.Max(1, Math.Max(_employee.MaxConsecutiveShifts, Math.Max(_employee.MinConsecutiveShifts, _employee.MinConsecutiveDaysOff)));
        _open = new int[_days][];
        for (var d = 0; d < _days; d++)
        {
            _open[d] = _employee.DaysOff.Contains(d) ? [] : [.. Enumerable.Range(0, _types).Where(s => _employee.MaxShifts[s] > 0)];
        }
    }

    private int[][]? _mostLeft; // the look-ahead tables without fixed cells, computed once
    private int[][]? _mostLeftNoWeekends;

    /// <summary>Labels created by the last call (for the tests and the log).</summary>
    public long LastLabels { get; private set; }

    // A state is (last, run, edge): last = shift type or -1 (off), run = length of the current run (off runs capped),
    // edge = the run began on day 0 and is still short of its minimum.
    private int StateCount => (_types + 1) * (_runCap + 1) * 2;

    private int Encode(int last, int run, bool edge) => ((((last + 1) * (_runCap + 1)) + run) * 2) + (edge ? 1 : 0);

    private (int Last, int Run, bool Edge) Decode(int state) => ((state / 2 / (_runCap + 1)) - 1, state / 2 % (_runCap + 1), state % 2 == 1);

    /// <summary>The state after <paramref name="choice"/> (a shift type or -1) on day <paramref name="day"/>, or -1 when a rule forbids it.</summary>
    private int Next(int state, int day, int choice)
    {
        if (day == 0)
        {
            return Normal(choice, 1, true);
        }

        var (last, run, edge) = Decode(state);
        if (choice < 0)
        {
            if (last < 0)
            {
                return Normal(-1, Math.Min(run + 1, Math.Max(1, _employee.MinConsecutiveDaysOff)), edge);
            }

            // A run of working days ends on day - 1, inside the horizon unless it began on day 0.
            return !edge && run < _employee.MinConsecutiveShifts ? -1 : Normal(-1, 1, false);
        }

        if (last >= 0)
        {
            return _forbidden[last, choice] || run + 1 > _employee.MaxConsecutiveShifts ? -1 : Normal(choice, run + 1, edge);
        }

        // A run of days off ends on day - 1.
        return !edge && run < _employee.MinConsecutiveDaysOff ? -1 : Normal(choice, 1, false);
    }

    private int Normal(int last, int run, bool edge)
    {
        if (last >= 0 && run > _employee.MaxConsecutiveShifts)
        {
            return -1;
        }

        var minimum = last >= 0 ? _employee.MinConsecutiveShifts : _employee.MinConsecutiveDaysOff;
        return Encode(last, last < 0 ? Math.Min(run, Math.Max(1, _employee.MinConsecutiveDaysOff)) : run, edge && run < minimum);
    }

    /// <summary>
    /// Per day and state (after that day), the most minutes the days after it can still add under the run, rotation and
    /// day-off rules (counts, weekends and the maximum minutes relaxed): a label that cannot reach the minimum total
    /// minutes even so is dropped. With <paramref name="noWeekends"/>, weekend days are off (the weekends are used up).
    /// </summary>
    private int[][] MostMinutesLeft(int[][] open, bool noWeekends)
    {
        var states = StateCount;
        var most = new int[_days][];
        most[_days - 1] = new int[states];
        for (var d = _days - 2; d >= 0; d--)
        {
            most[d] = new int[states];
            var next = d + 1;
            for (var state = 0; state < states; state++)
            {
                // With the weekends used up, no weekend day may be worked, except a Sunday after a worked Saturday (the
                // same weekend, already counted).
                var weekendOff = noWeekends && CurtoisInstance.IsWeekend(next) && !(next % 7 == 6 && Decode(state).Last >= 0);
                var best = int.MinValue;
                if (open[next].Length == 0 || open[next][0] != FixedWork)
                {
                    var off = Next(state, next, -1);
                    if (off >= 0 && most[next][off] != int.MinValue)
                    {
                        best = most[next][off];
                    }
                }

                if (!weekendOff)
                {
                    foreach (var s in Choices(open[next]))
                    {
                        var to = Next(state, next, s);
                        if (to >= 0 && most[next][to] != int.MinValue)
                        {
                            best = Math.Max(best, _minutes[s] + most[next][to]);
                        }
                    }
                }

                most[d][state] = best;
            }
        }

        return most;
    }

    /// <summary>Marks a day whose cell is fixed to work (the shift type follows): no day off that day.</summary>
    private const int FixedWork = -100;

    private static ReadOnlySpan<int> Choices(int[] open) => open.Length > 0 && open[0] == FixedWork ? open.AsSpan(1) : open;

    private struct Label
    {
        public double Cost;
        public int Parent;
        public int Minutes;
        public int Counts; // offset into the counts pool
        public int State;
        public short Choice;
        public short Weekends;
        public bool Dead;
    }

    /// <summary>
    /// The cheapest schedules for <paramref name="cost"/>[day, shift] (the cost of working that shift that day; a day off
    /// costs nothing).
    /// </summary>
    /// <param name="fixedCells">Optional: per day a shift type or <see cref="CurtoisRoster.Off"/> the schedule must take,
    /// or any other value for a free day.</param>
    /// <param name="keep">At most this many schedules, cheapest first.</param>
    /// <param name="beam">0 for the exact search; otherwise at most this many labels per state and day (cheapest kept).</param>
    /// <param name="budget">The exact search gives up after this many labels.</param>
    /// <param name="below">Only schedules cheaper than this are returned.</param>
    public LabellingResult Price(double[,] cost, int[]? fixedCells = null, int keep = 1, int beam = 0, long budget = 2_000_000, double below = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(cost);
        var open = _open;
        if (fixedCells is not null)
        {
            open = new int[_days][];
            for (var d = 0; d < _days; d++)
            {
                var f = fixedCells[d];
                open[d] = f == CurtoisRoster.Off ? [] : f >= 0 ? (Array.IndexOf(_open[d], f) >= 0 ? [FixedWork, f] : [FixedWork]) : _open[d];
            }
        }

        int[][] mostLeft, mostLeftNoWeekends;
        if (fixedCells is null)
        {
            _mostLeft ??= MostMinutesLeft(open, noWeekends: false);
            _mostLeftNoWeekends ??= _countWeekends ? MostMinutesLeft(open, noWeekends: true) : _mostLeft;
            (mostLeft, mostLeftNoWeekends) = (_mostLeft, _mostLeftNoWeekends);
        }
        else
        {
            mostLeft = MostMinutesLeft(open, noWeekends: false);
            mostLeftNoWeekends = _countWeekends ? MostMinutesLeft(open, noWeekends: true) : mostLeft;
        }
        var counted = _countedMax.Length;
        var countedLeftMinutes = 0L; // most minutes the counted types allow at the start, when no other type is open
        var onlyCounted = Enumerable.Range(0, _types).All(s => _employee.MaxShifts[s] == 0 || _counted[s] >= 0);
        var all = new List<Label>(1 << 16);
        var pool = new List<short>(1 << 16);
        for (var s = 0; s < _types; s++)
        {
            if (_counted[s] >= 0)
            {
                countedLeftMinutes += (long)_countedMax[_counted[s]] * _minutes[s];
            }
        }

        var current = new List<int>();
        var buckets = new Dictionary<long, List<int>>();
        var exact = beam == 0;
        var scratch = new short[Math.Max(1, counted)];
        long created = 0;
        for (var d = 0; d < _days; d++)
        {
            buckets.Clear();
            var next = new List<int>(Math.Max(16, current.Count * 2));
            var saturday = d % 7 == 5;
            var sunday = d % 7 == 6;
            var mayOff = open[d].Length == 0 || open[d][0] != FixedWork;
            var sources = d == 0 ? 1 : current.Count;
            for (var i = 0; i < sources; i++)
            {
                var from = d == 0 ? -1 : current[i];
                var label = from < 0 ? default : all[from];
                if (from >= 0 && label.Dead)
                {
                    continue;
                }

                if (mayOff)
                {
                    var to = Next(label.State, d, -1);
                    if (to >= 0)
                    {
                        Try(d, from, label, to, -1, label.Cost, label.Minutes, label.Weekends, -1);
                    }
                }

                foreach (var s in Choices(open[d]))
                {
                    var to = Next(label.State, d, s);
                    if (to < 0)
                    {
                        continue;
                    }

                    var minutes = label.Minutes + _minutes[s];
                    if (minutes > _employee.MaxTotalMinutes)
                    {
                        continue;
                    }

                    var weekends = label.Weekends;
                    if (_countWeekends && (saturday || (sunday && (from < 0 || label.Choice < 0))))
                    {
                        weekends++;
                        if (weekends > _employee.MaxWeekends)
                        {
                            continue;
                        }
                    }

                    var c = _counted[s];
                    if (c >= 0 && (from < 0 ? 0 : pool[label.Counts + c]) + 1 > _countedMax[c])
                    {
                        continue;
                    }

                    Try(d, from, label, to, s, label.Cost + cost[d, s], minutes, weekends, c);
                }

                if (exact && created > budget)
                {
                    LastLabels = created;
                    return new LabellingResult([], double.PositiveInfinity, false);
                }
            }

            next.RemoveAll(i => all[i].Dead);
            if (beam > 0)
            {
                next.Sort((a, b) => all[a].State != all[b].State ? all[a].State.CompareTo(all[b].State) : all[a].Cost.CompareTo(all[b].Cost));
                var kept = 0;
                for (var i = 0; i < next.Count; i++)
                {
                    kept = i > 0 && all[next[i]].State == all[next[i - 1]].State ? kept + 1 : 0;
                    if (kept >= beam)
                    {
                        var dead = all[next[i]];
                        dead.Dead = true;
                        all[next[i]] = dead;
                    }
                }

                next.RemoveAll(i => all[i].Dead);
            }

            current = next;

            void Try(int day, int from, Label label, int state, int choice, double newCost, int minutes, int weekends, int countedType)
            {
                // Look-ahead: the minimum total minutes must still be reachable.
                var left = (_countWeekends && weekends >= _employee.MaxWeekends ? mostLeftNoWeekends : mostLeft)[day][state];
                if (left == int.MinValue || (long)minutes + left < _employee.MinTotalMinutes)
                {
                    return;
                }

                // The beam also drops a label that would need more weekends than it has left (a heuristic: the days
                // without weekends plus two longest shifts per weekend left; not a strict bound, so never in the exact search).
                if (!exact && _countWeekends && mostLeftNoWeekends[day][state] != int.MinValue
                    && (long)minutes + mostLeftNoWeekends[day][state] + ((long)(_employee.MaxWeekends - weekends) * 2 * _longest) < _employee.MinTotalMinutes)
                {
                    return;
                }

                for (var k = 0; k < counted; k++)
                {
                    scratch[k] = from < 0 ? (short)0 : pool[label.Counts + k];
                }

                if (countedType >= 0)
                {
                    scratch[countedType]++;
                }

                if (onlyCounted && counted > 0)
                {
                    long room = 0;
                    for (var s = 0; s < _types; s++)
                    {
                        if (_counted[s] >= 0)
                        {
                            room += (long)(_countedMax[_counted[s]] - scratch[_counted[s]]) * _minutes[s];
                        }
                    }

                    if (minutes + room < _employee.MinTotalMinutes)
                    {
                        return;
                    }
                }

                var key = ((long)state << 32) | (uint)minutes;
                if (!buckets.TryGetValue(key, out var bucket))
                {
                    bucket = [];
                    buckets[key] = bucket;
                }

                for (var b = bucket.Count - 1; b >= 0; b--)
                {
                    var other = all[bucket[b]];
                    if (other.Cost <= newCost + Epsilon && other.Weekends <= weekends && CountsAtMost(pool, other.Counts, scratch, counted))
                    {
                        return; // dominated
                    }
                }

                for (var b = bucket.Count - 1; b >= 0; b--)
                {
                    var index = bucket[b];
                    var other = all[index];
                    if (newCost <= other.Cost + Epsilon && weekends <= other.Weekends && CountsAtLeast(pool, other.Counts, scratch, counted))
                    {
                        other.Dead = true;
                        all[index] = other;
                        bucket.RemoveAt(b);
                    }
                }

                var offset = pool.Count;
                for (var k = 0; k < counted; k++)
                {
                    pool.Add(scratch[k]);
                }

                all.Add(new Label { Cost = newCost, Parent = from, Minutes = minutes, Counts = offset, State = state, Choice = (short)choice, Weekends = (short)weekends });
                bucket.Add(all.Count - 1);
                next.Add(all.Count - 1);
                created++;
            }
        }

        LastLabels = created;
        var ends = current.Where(i => all[i].Minutes >= _employee.MinTotalMinutes).OrderBy(i => all[i].Cost).ToList();
        var least = ends.Count > 0 ? all[ends[0]].Cost : double.PositiveInfinity;
        var schedules = new List<(int[] Schedule, double Cost)>();
        foreach (var end in ends)
        {
            if (schedules.Count >= keep || all[end].Cost >= below)
            {
                break;
            }

            var schedule = new int[_days];
            var at = end;
            for (var d = _days - 1; d >= 0; d--)
            {
                schedule[d] = all[at].Choice < 0 ? CurtoisRoster.Off : all[at].Choice;
                at = all[at].Parent;
            }

            schedules.Add((schedule, all[end].Cost));
        }

        return new LabellingResult(schedules, least, exact);
    }

    /// <summary>The stored counts are at most the new ones, type by type.</summary>
    private static bool CountsAtMost(List<short> pool, int offset, short[] counts, int n)
    {
        for (var k = 0; k < n; k++)
        {
            if (pool[offset + k] > counts[k])
            {
                return false;
            }
        }

        return true;
    }

    private static bool CountsAtLeast(List<short> pool, int offset, short[] counts, int n)
    {
        for (var k = 0; k < n; k++)
        {
            if (pool[offset + k] < counts[k])
            {
                return false;
            }
        }

        return true;
    }
}
