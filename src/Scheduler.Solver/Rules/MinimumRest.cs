using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>
/// Hard: at least the minimum rest between shifts, across midnight and from the last shift before the horizon (an
/// option too soon after that one is never offered: <see cref="ShiftVariables.Offered"/>). Labelling: a label carries
/// the earliest start the rest allows next (<see cref="NextStart"/>); a day offers only options starting from it.
/// </summary>
internal sealed class MinimumRest : ISolverRule
{
    public string Name => RuleNames.MinimumRest;

    public void Add(RosterModel m)
    {
        var scenario = m.Scenario;
        var origin = scenario.Grid.Start;
        long Minutes(NodaTime.Instant at) => (long)(at - origin).TotalMinutes;
        var restMinutes = (long)scenario.Rules.MinRest.TotalMinutes;
        foreach (var agent in scenario.Agents)
        {
            var days = m.Shifts[agent.Id];
            var enforce = m.Enforcement(agent, Name);
            if (m.OfferEverything)
            {
                // A model that checks this rule alone offers every option: those too soon after the last shift before
                // the horizon are refused here.
                foreach (var (option, x) in days.SelectMany(day => day))
                {
                    if (Domain.Rostering.Rules.MinimumRest.TooSoonAfterPrevious(scenario, agent, option) && !Domain.Rostering.Rules.LockedShifts.AnyIs(agent, option))
                    {
                        var c = m.Cp.Add(x == 0);
                        if (enforce is not null)
                        {
                            c.OnlyEnforceIf(enforce);
                        }
                    }
                }
            }

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
                    if (enforce is not null)
                    {
                        c.OnlyEnforceIf(enforce);
                    }
                }
            }
        }
    }

    /// <summary>Labelling: the earliest start (minutes from the grid's origin) the rest allows after a shift ending at
    /// <paramref name="endMinutes"/>.</summary>
    public static int NextStart(int endMinutes, int restMinutes) => endMinutes + restMinutes;
}
