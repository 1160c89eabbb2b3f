using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Web.Features.Roster;

/// <summary>One agent's nights, weekend shifts and holiday shifts: this horizon, the published weeks before it, and both together.</summary>
/// <param name="NightsCount">Whether nights are shared with this agent at all (night consent).</param>
public sealed record FairnessRow(RosterAgent Agent, FairnessCounts Horizon, FairnessCounts Before, bool NightsCount)
{
    public FairnessCounts Total => Horizon + Before;
}

/// <summary>
/// The fairness panel of the roster page (decision 015): per agent, what this roster gives and the running balance it
/// was planned with (the one the solver and the validator judged), most holiday shifts first.
/// </summary>
public static class FairnessView
{
    public static IReadOnlyList<FairnessRow> Rows(RosterScenario scenario, Domain.Rostering.Roster roster)
    {
        var tally = FairnessTally.Of(scenario, roster);
        return [.. scenario.Agents
            .Select(a => new FairnessRow(a, tally.GetValueOrDefault(a.Id), a.CountsBefore, RuleBook.FairNights.Eligible(a)))
            .OrderByDescending(r => r.Total.Holidays).ThenByDescending(r => r.Total.Nights).ThenByDescending(r => r.Total.Weekends)
            .ThenBy(r => r.Agent.Name, StringComparer.CurrentCulture)];
    }

    /// <summary>Fewest and most totals of one count across the agents it is shared among ((0, 0) when none).</summary>
    public static (int Fewest, int Most) Range(IReadOnlyList<FairnessRow> rows, Func<FairnessCounts, int> count, bool nights = false)
    {
        var totals = rows.Where(r => !nights || r.NightsCount).Select(r => count(r.Total)).ToList();
        return totals.Count == 0 ? (0, 0) : (totals.Min(), totals.Max());
    }

    /// <summary>A cell's explanation: this horizon's count, then the balance when there is one.</summary>
    public static string Cell(int horizon, int before) =>
        before == 0 ? $"{horizon} in this roster" : $"{horizon} in this roster + {before} in the published weeks before = {horizon + before}";
}
