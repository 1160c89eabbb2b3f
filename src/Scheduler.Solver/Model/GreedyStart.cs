using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Model;

/// <summary>
/// A quick constructive roster used as the solver's starting hint: each agent, least flexible first, gets one start
/// time and shift length for the week and the days where the remaining requirement of their skills is largest,
/// within their contract (hours, days in a row, days off), rest and permissions. CP-SAT then repairs and improves
/// it; without a hint the first roster of a large week can take longer than a supervisor wants to wait.
/// </summary>
internal static class GreedyStart
{
    public static void Hint(RosterModel m)
    {
        foreach (var (agentId, chosen) in Choose(m))
        {
            var days = m.Shifts[agentId];
            for (var d = 0; d < days.Length; d++)
            {
                foreach (var (option, x) in days[d])
                {
                    m.Cp.AddHint(x, chosen[d] == option);
                }
            }
        }
    }

    /// <summary>The greedy roster as shifts (breaks not placed): for tests and for the hint.</summary>
    public static Dictionary<string, ShiftOption?[]> Choose(RosterModel m)
    {
        var result = new Dictionary<string, ShiftOption?[]>();
        var scenario = m.Scenario;
        var grid = scenario.Grid;
        var remaining = scenario.Skills.Select(s => (int[])scenario.Requirements[s].Clone()).ToArray();
        var agents = scenario.Agents.OrderBy(a => a.Skills.Count).ThenByDescending(a => a.Contract.MinPaidPerWeek).ToList();
        foreach (var agent in agents)
        {
            var days = m.Shifts[agent.Id];
            var skills = agent.Skills.Where(m.SkillIndex.ContainsKey).Select(s => m.SkillIndex[s]).ToArray();
            var chosen = Choose(m, agent, days, remaining, skills);
            result[agent.Id] = chosen;

            foreach (var option in chosen.Where(o => o is not null))
            {
                for (var t = option!.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
                {
                    var best = skills.Where(k => remaining[k][t] > 0).DefaultIfEmpty(-1).MaxBy(k => k < 0 ? 0 : remaining[k][t]);
                    if (best >= 0)
                    {
                        remaining[best][t]--;
                    }
                }
            }
        }

        return result;
    }

    private static ShiftOption?[] Choose(RosterModel m, RosterAgent agent, List<(ShiftOption Option, Google.OrTools.Sat.BoolVar Var)>[] days, int[][] remaining, int[] skills)
    {
        var scenario = m.Scenario;
        var best = new ShiftOption?[scenario.Days];
        var bestScore = long.MinValue;
        var locked = new ShiftOption?[scenario.Days];
        for (var d = 0; d < scenario.Days; d++)
        {
            foreach (var l in agent.Locked)
            {
                locked[d] ??= days[d].Select(o => o.Option).FirstOrDefault(o => o.Date == l.Date && o.TemplateId == l.TemplateId && o.LocalStart == l.Start && o.Length == l.Length);
            }
        }

        // Paid hours are a rule per week block (the last one may be shorter): each block gets its own minimum and maximum,
        // or a horizon of two or more weeks would put every hour in the first week and none in the rest.
        var blocks = Enumerable.Range(0, m.Catalog.WeekBlocks).Select(b => m.Catalog.WeekBlock(agent, b * 7)).ToList();

        // One pattern per (template, start, length): the same shift on the chosen days.
        foreach (var pattern in days.SelectMany(d => d.Select(o => (o.Option.TemplateId, o.Option.LocalStart, o.Option.Length))).Distinct())
        {
            var perDay = new ShiftOption?[scenario.Days];
            var values = new List<(int Day, long Value)>();
            for (var d = 0; d < scenario.Days; d++)
            {
                perDay[d] = days[d].Select(o => o.Option).FirstOrDefault(o => o.TemplateId == pattern.TemplateId && o.LocalStart == pattern.LocalStart && o.Length == pattern.Length);
                if (perDay[d] is { } option && locked[d] is null)
                {
                    values.Add((d, Value(option, remaining, skills)));
                }
            }

            var picked = (ShiftOption?[])locked.Clone();
            var short_ = false;
            foreach (var block in blocks)
            {
                var min = block.Min.TotalMinutes;
                var max = block.Max.TotalMinutes;
                foreach (var (d, _) in values.Where(v => v.Day >= block.FirstDay && v.Day < block.FirstDay + block.Days).OrderByDescending(v => v.Value))
                {
                    if (Paid(picked, block) >= min || Paid(picked, block) + perDay[d]!.Paid.TotalMinutes > max)
                    {
                        break;
                    }

                    picked[d] = perDay[d];
                    if (!Allowed(scenario, agent, picked))
                    {
                        picked[d] = null;
                    }
                }

                short_ |= Paid(picked, block) < min - 1e-6;
            }

            if (short_)
            {
                continue;
            }

            var score = picked.Where(o => o is not null && locked[Array.IndexOf(picked, o)] is null).Sum(o => Value(o!, remaining, skills));
            if (score > bestScore)
            {
                bestScore = score;
                best = picked;
            }
        }

        return bestScore == long.MinValue ? locked : best;
    }

    private static double Paid(ShiftOption?[] picked, (int Block, int FirstDay, int Days, NodaTime.Duration Min, NodaTime.Duration Max) block) =>
        Enumerable.Range(block.FirstDay, block.Days).Where(d => picked[d] is not null).Sum(d => picked[d]!.Paid.TotalMinutes);

    private static long Value(ShiftOption option, int[][] remaining, int[] skills)
    {
        long value = 0;
        for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
        {
            value += skills.Length == 0 ? 0 : skills.Max(k => remaining[k][t]) > 0 ? 1 : -1;
        }

        return value;
    }

    private static bool Allowed(RosterScenario scenario, RosterAgent agent, ShiftOption?[] picked)
    {
        var run = agent.ConsecutiveDaysBefore;
        for (var d = 0; d < picked.Length; d++)
        {
            run = picked[d] is null ? 0 : run + 1;
            if (run > agent.Contract.MaxConsecutiveDays)
            {
                return false;
            }
        }

        for (var d = 0; d + 7 <= picked.Length; d++)
        {
            if (Enumerable.Range(d, 7).Count(i => picked[i] is not null) > 7 - agent.Contract.MinDaysOffPerWeek)
            {
                return false;
            }
        }

        ShiftOption? previous = null;
        foreach (var option in picked)
        {
            if (option is null)
            {
                continue;
            }

            if (previous is not null && Domain.Rostering.Rules.MinimumRest.TooSoon(scenario, previous.EndInstant, option.StartInstant))
            {
                return false;
            }

            previous = option;
        }

        return true;
    }
}
