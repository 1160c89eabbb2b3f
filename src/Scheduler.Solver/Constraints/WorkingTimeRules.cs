using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Constraints;

/// <summary>
/// Hard: at least the minimum rest between shifts (across midnight, and from the last shift before the horizon),
/// paid hours per week within the contract, at most N working days in a row, and the days off in every 7 days.
/// </summary>
internal static class WorkingTimeRules
{
    public static void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        foreach (var agent in scenario.Agents)
        {
            var days = m.Shifts[agent.Id];
            var rest = m.Enforcement(agent, RuleNames.MinRest);
            var origin = scenario.Grid.Start;
            long Minutes(NodaTime.Instant at) => (long)(at - origin).TotalMinutes;
            var restMinutes = (long)scenario.Rules.MinRest.TotalMinutes;
            for (var d = 0; d < scenario.Days; d++)
            {
                for (var next = d + 1; next <= d + 2 && next < scenario.Days; next++)
                {
                    if (days[d].Count == 0 || days[next].Count == 0)
                    {
                        continue;
                    }

                    var latestEnd = days[d].Max(o => Minutes(o.Option.EndInstant));
                    var earliestStart = days[next].Min(o => Minutes(o.Option.StartInstant));
                    if (earliestStart - latestEnd >= restMinutes)
                    {
                        continue; // no pair of these two days can be too close
                    }

                    // Both days worked => start(next) - end(d) >= rest. The big-M form keeps one short row per pair of
                    // days instead of one row per shift listing every clashing shift of the other day.
                    // With one day off its sum is 0, so M must cover the whole end time of the other day plus the rest.
                    var bigM = latestEnd + restMinutes;
                    var end = LinearExpr.WeightedSum(days[d].Select(o => o.Var), days[d].Select(o => Minutes(o.Option.EndInstant)));
                    var start = LinearExpr.WeightedSum(days[next].Select(o => o.Var), days[next].Select(o => Minutes(o.Option.StartInstant)));
                    var c = m.Cp.Add(start - end + (bigM * (2 - m.Worked(agent.Id, d) - m.Worked(agent.Id, next))) >= restMinutes);
                    if (rest is not null)
                    {
                        c.OnlyEnforceIf(rest);
                    }
                }
            }

            var hours = m.Enforcement(agent, RuleNames.PaidHours);
            for (var block = 0; block < m.Catalog.WeekBlocks; block++)
            {
                var (_, first, count, minPaid, maxPaid) = m.Catalog.WeekBlock(agent, block * 7);
                var paid = LinearExpr.NewBuilder();
                for (var d = first; d < first + count; d++)
                {
                    foreach (var (option, x) in days[d])
                    {
                        paid.AddTerm(x, (long)option.Paid.TotalMinutes);
                    }
                }

                var c = m.Cp.AddLinearConstraint(paid, (long)minPaid.TotalMinutes, (long)maxPaid.TotalMinutes);
                if (hours is not null)
                {
                    c.OnlyEnforceIf(hours);
                }
            }

            var run = m.Enforcement(agent, RuleNames.MaxConsecutiveDays);
            var worked = Enumerable.Range(0, scenario.Days).Select(d => m.Worked(agent.Id, d)).ToList();
            DaySequences.MaxRun(m.Cp, worked, agent.Contract.MaxConsecutiveDays, agent.ConsecutiveDaysBefore, run);

            var off = m.Enforcement(agent, RuleNames.DaysOff);
            for (var d = 0; d + 7 <= scenario.Days; d++)
            {
                var c = m.Cp.Add(LinearExpr.Sum(Enumerable.Range(d, 7).Select(i => m.Worked(agent.Id, i))) <= 7 - agent.Contract.MinDaysOffPerWeek);
                if (off is not null)
                {
                    c.OnlyEnforceIf(off);
                }
            }
        }
    }
}
