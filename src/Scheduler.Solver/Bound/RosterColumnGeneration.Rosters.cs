using System.Diagnostics;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Bound;

/// <summary>Between rosters and columns: a roster's schedules as first columns, and the LP's columns back as a roster
/// (rounded, or combined by local search).</summary>
internal sealed partial class RosterColumnGeneration
{
    /// <summary>Adds each agent's schedule in a roster as a column (a good first basis for the LP).</summary>
    public void AddRoster(Roster roster)
    {
        for (var a = 0; a < _scenario.Agents.Count; a++)
        {
            if (ColumnOf(a, roster) is { } column)
            {
                Add(column);
            }
        }
    }

    /// <summary>
    /// The LP's roster rounded: each agent's heaviest schedule, with the break slots its column chose. It keeps every
    /// hard rule of every agent (each column does), so it is a valid roster; coverage is what the LP mix rounds to.
    /// </summary>
    public Roster Rounded() => RosterOf([.. Enumerable.Range(0, _scenario.Agents.Count).Select(Heaviest)]);

    /// <summary>
    /// The LP's columns turned into a roster by local search: from each agent's heaviest schedule, each agent in turn
    /// takes the schedule of their pool that lowers the roster's cost most (exact coverage: a maximum flow per interval),
    /// until no agent can improve or the time is up. Every schedule keeps its agent's hard rules, so the roster is valid.
    /// </summary>
    public Roster Combined(TimeSpan limit, int seed, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var agents = _scenario.Agents.Count;
        var count = _scenario.Grid.Count;
        var choice = Enumerable.Range(0, agents).Select(Heaviest).ToArray();

        var duty = new int[count][];
        for (var t = 0; t < count; t++)
        {
            duty[t] = new int[_groups.Count];
        }

        for (var a = 0; a < agents; a++)
        {
            if (_columns[a].Count > 0)
            {
                foreach (var t in _columns[a][choice[a]].Duty)
                {
                    duty[t][_groupOf[a]]++;
                }
            }
        }

        var groupSkills = _groups.Select(g => g.SkillIndices).ToList();
        var required = Enumerable.Range(0, count).Select(t => _scenario.Skills.Select(s => _scenario.Requirements[s][t]).ToArray()).ToArray();
        long Cost(int t, int[] counts)
        {
            if (_total[t] == 0)
            {
                return 0; // idle staffing is in the column's own cost
            }

            var covered = Domain.Rostering.CoverageFlow.Covered(counts, groupSkills, required[t]).Sum();
            var onDuty = counts.Sum();
            return (_rules.UnderCoverage * (_total[t] - covered)) + (_rules.OverCoverage * Math.Max(0, onDuty - _total[t]));
        }

        var random = new Random(seed);
        var improved = true;
        var marginal = new long[count];
        var stamp = new int[count];
        var round = 0;
        while (improved && !ct.IsCancellationRequested && clock.Elapsed < limit)
        {
            improved = false;
            foreach (var a in Enumerable.Range(0, agents).OrderBy(_ => random.Next()))
            {
                if (_columns[a].Count < 2 || clock.Elapsed >= limit || ct.IsCancellationRequested)
                {
                    continue;
                }

                round++;
                var g = _groupOf[a];
                var current = _columns[a][choice[a]];
                foreach (var t in current.Duty)
                {
                    duty[t][g]--;
                }

                // What one more agent of this group on duty is worth in each interval, given everyone else.
                long Marginal(int t)
                {
                    if (stamp[t] != round)
                    {
                        stamp[t] = round;
                        var without = Cost(t, duty[t]);
                        duty[t][g]++;
                        marginal[t] = Cost(t, duty[t]) - without;
                        duty[t][g]--;
                    }

                    return marginal[t];
                }

                var best = choice[a];
                var bestCost = long.MaxValue;
                for (var p = 0; p < _columns[a].Count; p++)
                {
                    var column = _columns[a][p];
                    var cost = column.Cost;
                    foreach (var t in column.Duty)
                    {
                        cost += Marginal(t);
                    }

                    if (cost < bestCost || (cost == bestCost && p == choice[a]))
                    {
                        bestCost = cost;
                        best = p;
                    }
                }

                improved |= best != choice[a];
                choice[a] = best;
                foreach (var t in _columns[a][best].Duty)
                {
                    duty[t][g]++;
                }
            }
        }

        return RosterOf(choice);
    }

    /// <summary>
    /// Improves a roster one agent at a time over every schedule the agent may work, not only the pool: given everyone
    /// else, the value of one more agent of the agent's group on duty in each interval is exact (the change of that
    /// interval's under- and over-coverage, by maximum flow), so the labelling with those values finds the agent's
    /// schedule (shifts and break slots) that lowers the roster's cost most. Agents take turns in a random order until
    /// a whole round improves nothing or the time is up. Each new schedule joins the agent's pool. Agents whose
    /// schedule in <paramref name="start"/> the labelling cannot represent (a shift it would not offer) keep it.
    /// </summary>
    /// <remarks>Fairness and start consistency are not in a column's cost (decision 009): a move may worsen them by a few
    /// units while it gains coverage; the returned roster is the last one, and the caller compares exact costs.</remarks>
    public Roster Improve(Roster start, TimeSpan limit, int seed, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var agents = _scenario.Agents.Count;
        var count = _scenario.Grid.Count;
        var current = new ScheduleColumn?[agents];
        var duty = new int[count][];
        for (var t = 0; t < count; t++)
        {
            duty[t] = new int[_groups.Count];
        }

        for (var a = 0; a < agents; a++)
        {
            current[a] = ColumnOf(a, start);
            foreach (var t in current[a]?.Duty ?? FixedDuty(a, start))
            {
                duty[t][_groupOf[a]]++;
            }
        }

        var groupSkills = _groups.Select(g => g.SkillIndices).ToList();
        var required = Enumerable.Range(0, count).Select(t => _scenario.Skills.Select(s => _scenario.Requirements[s][t]).ToArray()).ToArray();
        long Cost(int t, int[] counts)
        {
            var covered = Domain.Rostering.CoverageFlow.Covered(counts, groupSkills, required[t]).Sum();
            return (_rules.UnderCoverage * (_total[t] - covered)) + (_rules.OverCoverage * Math.Max(0, counts.Sum() - _total[t]));
        }

        var random = new Random(seed);
        var price = new double[count];
        var marginal = new long[count];

        // Coverage costs cached per interval (and per group with one more agent on duty), recomputed only after the
        // interval's duty changed: a move changes a few hundred intervals, a response reads them all.
        var version = new int[count];
        var baseCost = new long[count];
        var baseAt = Enumerable.Repeat(-1, count).ToArray();
        var plusCost = new long[_groups.Count][];
        var plusAt = new int[_groups.Count][];
        for (var g = 0; g < _groups.Count; g++)
        {
            plusCost[g] = new long[count];
            plusAt[g] = Enumerable.Repeat(-1, count).ToArray();
        }

        long CostNow(int t)
        {
            if (baseAt[t] != version[t])
            {
                baseCost[t] = Cost(t, duty[t]);
                baseAt[t] = version[t];
            }

            return baseCost[t];
        }

        long CostPlusOne(int t, int g)
        {
            if (plusAt[g][t] != version[t])
            {
                duty[t][g]++;
                plusCost[g][t] = Cost(t, duty[t]);
                duty[t][g]--;
                plusAt[g][t] = version[t];
            }

            return plusCost[g][t];
        }

        // The agent's best schedule given everyone else's duty (the agent's own taken out); marginal[t] then holds what
        // one more agent of the agent's group on duty in t changes in coverage cost.
        ScheduleColumn? Respond(int a)
        {
            var g = _groupOf[a];
            for (var t = 0; t < count; t++)
            {
                if (_total[t] == 0)
                {
                    marginal[t] = 0;
                    price[t] = -_idle[t]; // idle staffing is in the column's own cost
                    continue;
                }

                marginal[t] = CostPlusOne(t, g) - CostNow(t);
                price[t] = -marginal[t];
            }

            var (found, _) = _pricing[a].Price(new OptionPrices(_options, price), 1, _idle);
            return found.Count == 0 ? null : found[0];
        }

        // A schedule's exact total given everyone else: its own cost plus what it changes in coverage.
        long Total(ScheduleColumn c) => c.Cost + c.Duty.Sum(t => marginal[t]);

        void Take(int a, ScheduleColumn column, int sign)
        {
            foreach (var t in column.Duty)
            {
                duty[t][_groupOf[a]] += sign;
                version[t]++;
            }
        }

        // Descent: each agent in turn moves to their best response, until a whole round moves nobody. (A ruin-and-recreate
        // loop after it, taking ten random agents out and putting them back at their best responses, was tried on the
        // 200-agent week: 104 attempts in 13 s, none better, so it is not kept.)
        var improved = true;
        while (improved && !ct.IsCancellationRequested && clock.Elapsed < limit)
        {
            improved = false;
            foreach (var a in Enumerable.Range(0, agents).OrderBy(_ => random.Next()))
            {
                if (current[a] is not { } was || clock.Elapsed >= limit || ct.IsCancellationRequested)
                {
                    continue;
                }

                Take(a, was, -1);
                if (Respond(a) is { } best && Total(best) < Total(was))
                {
                    current[a] = best;
                    Add(best);
                    improved = true;
                }

                Take(a, current[a]!, +1);
            }
        }

        var shifts = new List<ShiftAssignment>();
        for (var a = 0; a < agents; a++)
        {
            shifts.AddRange(current[a] is { } c ? Shifts(c) : start.For(_scenario.Agents[a].Id));
        }

        return new Roster([.. shifts.OrderBy(s => s.Date).ThenBy(s => s.AgentId, StringComparer.Ordinal)]);
    }

    /// <summary>The intervals an agent is on duty in a roster, read from its shifts and breaks (for schedules the
    /// labelling cannot represent).</summary>
    private IEnumerable<int> FixedDuty(int a, Roster roster)
    {
        var grid = _scenario.Grid;
        foreach (var shift in roster.For(_scenario.Agents[a].Id))
        {
            if (_catalog.Find(shift) is not { } option)
            {
                continue;
            }

            for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
            {
                if (!Domain.Rostering.Rules.Breaks.Takes(shift, grid.Intervals[t].Start))
                {
                    yield return t;
                }
            }
        }
    }

    /// <summary>The column of agent a with the largest λ at the last master solve (the first column before any).</summary>
    private int Heaviest(int a)
    {
        var weights = a < _weights.Length ? _weights[a] : [];
        var best = 0;
        for (var p = 1; p < weights.Length; p++)
        {
            if (weights[p] > weights[best])
            {
                best = p;
            }
        }

        return best;
    }

    /// <summary>The roster of one chosen column per agent (agents without columns work nothing).</summary>
    private Roster RosterOf(int[] choice)
    {
        var shifts = new List<ShiftAssignment>();
        for (var a = 0; a < choice.Length; a++)
        {
            if (_columns[a].Count > 0)
            {
                shifts.AddRange(Shifts(_columns[a][choice[a]]));
            }
        }

        return new Roster([.. shifts.OrderBy(s => s.Date).ThenBy(s => s.AgentId, StringComparer.Ordinal)]);
    }

    private IEnumerable<ShiftAssignment> Shifts(ScheduleColumn column)
    {
        var agent = _scenario.Agents[column.Agent];
        for (var d = 0; d < column.Days.Length; d++)
        {
            if (column.Days[d] < 0)
            {
                continue;
            }

            var option = _options.Options[column.Days[d]];
            var breaks = option.Breaks.Select((rule, r) =>
            {
                var slot = _options.Slots[column.Days[d]][r][column.Breaks[d]![r]];
                var start = option.StartInstant + slot.Offset;
                return new BreakAssignment(rule.Name, start, start + rule.Length, rule.Paid);
            }).OrderBy(b => b.Start).ToList();
            yield return new ShiftAssignment(agent.Id, option.Date, option.TemplateId, option.LocalStart, option.Length, breaks);
        }
    }

    /// <summary>An agent's schedule in a roster as a column, or null when it is not one of the agent's schedules.</summary>
    private ScheduleColumn? ColumnOf(int a, Roster roster)
    {
        var agent = _scenario.Agents[a];
        var days = Enumerable.Repeat(-1, _scenario.Days).ToArray();
        var breaks = new int[]?[_scenario.Days];
        foreach (var shift in roster.For(agent.Id))
        {
            var d = NodaTime.Period.Between(_scenario.FirstDate, shift.Date, NodaTime.PeriodUnits.Days).Days;
            var option = _catalog.Find(shift);
            if (d < 0 || d >= _scenario.Days || option is null || !_pricing[a].Offered[d].Contains(_options.Index[option]))
            {
                return null;
            }

            days[d] = _options.Index[option];
            var slots = new int[option.Breaks.Count];
            for (var r = 0; r < option.Breaks.Count; r++)
            {
                var taken = shift.Breaks.FirstOrDefault(b => b.Name == option.Breaks[r].Name);
                var k = taken is null ? -1 : Array.FindIndex(_options.Slots[days[d]][r], s => option.StartInstant + s.Offset == taken.Start);
                if (k < 0)
                {
                    return null;
                }

                slots[r] = k;
            }

            breaks[d] = slots;
        }

        var duty = ScheduleLabelling.Duty(_options, days, breaks);
        var own = RosterValidator.Validate(_scenario with { Agents = [agent] }, new Roster([.. roster.For(agent.Id)]), _baseline);
        if (own.Violations.Count > 0)
        {
            return null;
        }

        // The column's cost counts what the labelling counts: wishes, shift changes, work after nights, idle staffing.
        var cost = own.Costs.Where(c => c.Rule is RuleNames.Preferences or RuleNames.ShiftChanges or RuleNames.RestAfterNights).Sum(c => c.Cost)
            + duty.Sum(t => (long)_idle[t]);
        return new ScheduleColumn(a, days, breaks, duty, cost);
    }
}
