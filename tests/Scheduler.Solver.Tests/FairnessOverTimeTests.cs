using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Rules;
using Scheduler.Tests.Rostering;

namespace Scheduler.Solver.Tests;

/// <summary>
/// Fairness over time (decision 015) across two consecutive weeks solved by the real solver: the running balance from
/// the first week steers the second week's holiday away from those who worked the first one.
/// </summary>
public sealed class FairnessOverTimeTests
{
    private static readonly LocalDate FirstWeek = Tiny.Sunday;
    private static readonly LocalDate SecondWeek = Tiny.Sunday.PlusWeeks(1);

    /// <summary>A week of four agents; a holiday on <paramref name="holidayDay"/> needing two agents 08:00-16:00, nothing else.</summary>
    private static RosterScenario Week(LocalDate first, int holidayDay, IReadOnlyList<Preference>? wishes = null, IReadOnlySet<string>? wishers = null)
    {
        var tiny = new Tiny(days: 7) { FirstDate = first };
        tiny.Rules = tiny.Rules with { Holidays = new HashSet<LocalDate> { first.PlusDays(holidayDay) } };
        tiny.Template();
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            tiny.Agent(id, preferences: wishers?.Contains(id) == true ? wishes : null);
        }

        return tiny.Need(2, 8, 8, day: holidayDay).Build();
    }

    private static HashSet<string> HolidayWorkers(RosterScenario scenario, Roster roster) =>
        [.. FairnessTally.Of(scenario, roster).Where(kv => kv.Value.Holidays > 0).Select(kv => kv.Key)];

    [Fact]
    public void SecondWeek_WithTheBalance_GivesItsHolidayToThoseWhoDidNotWorkTheFirst()
    {
        var first = Week(FirstWeek, holidayDay: 2);
        var (firstResult, _) = SolverTestKit.SolveAndValidate(first);
        var firstWorkers = HolidayWorkers(first, firstResult.Roster!);
        Assert.Equal(2, firstWorkers.Count);

        // Those who worked the first holiday ask to work the second one too (a wish of weight 1: 30 each when unmet);
        // without the balance they get it, with it the fairness rule (60 per shift of range) gives it to the others.
        var wish = new Preference(SecondWeek.PlusDays(3), null, null, null, Wanted: true, Weight: 1);
        var second = Week(SecondWeek, holidayDay: 3, [wish], firstWorkers);
        var balance = FairnessTally.Of(first, firstResult.Roster!);
        var withBalance = second with { Agents = [.. second.Agents.Select(a => a with { CountsBefore = balance.GetValueOrDefault(a.Id) })] };

        var (without, _) = SolverTestKit.SolveAndValidate(second);
        var (with, report) = SolverTestKit.SolveAndValidate(withBalance);

        var againWithout = HolidayWorkers(second, without.Roster!).Intersect(firstWorkers).Count();
        var againWith = HolidayWorkers(withBalance, with.Roster!).Intersect(firstWorkers).Count();
        Assert.True(againWith < againWithout, $"first-holiday workers on the second holiday: {againWith} with the balance, {againWithout} without");
        Assert.Equal(0, againWith);
        Assert.Equal(2, HolidayWorkers(withBalance, with.Roster!).Count); // the holiday is still covered
        Assert.DoesNotContain(report.Costs, c => c.Rule == RuleNames.FairHolidays); // 1 each over the two weeks
    }

    [Fact]
    public void Solve_WithABalanceAndNoHolidayShiftPossible_ObjectiveStillEqualsTheValidatorsTotal()
    {
        // Nights and weekends carry a standing imbalance the week cannot fully even out; the objective counts it
        // exactly as the validator does.
        var tiny = new Tiny(days: 3) { Rules = new RosterRules { FairNights = 40, FairWeekends = 40, FairLates = 0, StartConsistency = 0 } };
        var scenario = tiny.Template().Agent("a").Agent("b").Agent("c").Need(1, 0, 24).Need(1, 0, 24, day: 1).Build();
        scenario = scenario with { Agents = [scenario.Agents[0] with { CountsBefore = new FairnessCounts(6, 4, 2) }, scenario.Agents[1] with { CountsBefore = new FairnessCounts(1, 0, 0) }, scenario.Agents[2]] };

        var (result, report) = SolverTestKit.SolveAndValidate(scenario);

        Assert.True(report.IsValid);
        Assert.Equal(report.TotalCost, result.Objective);
        Assert.DoesNotContain(result.Roster!.Shifts, s => s.AgentId == "a" && RuleBook.FairNights.Counts(scenario.Rules, new ShiftCatalog(scenario).Find(s)!));
    }
}
