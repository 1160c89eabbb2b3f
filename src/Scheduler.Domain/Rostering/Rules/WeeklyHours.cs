using NodaTime;

namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: the paid hours of every 7-day block from the horizon's first date lie within the contract (the
/// limits of a block, short last blocks and paid leave: <see cref="ShiftCatalog.WeekBlock"/>). Overtime hours of an
/// accepted offer (<see cref="ShiftAssignment.Overtime"/>) are not contract hours: <see cref="OvertimeTerms"/> judges them.</summary>
public sealed class WeeklyHours : IHardRule
{
    public string Name => RuleNames.WeeklyHours;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        var scenario = facts.Scenario;
        for (var block = 0; block < facts.Catalog.WeekBlocks; block++)
        {
            var (_, first, days, min, max) = facts.Catalog.WeekBlock(agent, block * 7);
            var paid = shifts.Where(s => scenario.DayIndex(s.Option.Date) is var d && d >= first && d < first + days)
                .Aggregate(Duration.Zero, (sum, s) => sum + s.Option.Paid - s.Shift.Overtime);
            if (paid < min || paid > max)
            {
                violations.Add(new Violation(Name, agent.Id, scenario.FirstDate.PlusDays(first), $"{agent.Name} is paid {paid.TotalHours:0.##} h in the week from {scenario.FirstDate.PlusDays(first):d MMM}; the contract allows {min.TotalHours:0.##}-{max.TotalHours:0.##} h"));
            }
        }
    }
}
