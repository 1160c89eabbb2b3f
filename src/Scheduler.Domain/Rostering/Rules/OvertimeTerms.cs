using NodaTime;

namespace Scheduler.Domain.Rostering.Rules;

/// <summary>
/// Hard: overtime (the hours of a shift marked <see cref="ShiftAssignment.Overtime"/>, from an accepted offer) only for
/// an agent who agreed to it (<see cref="RosterAgent.OvertimeConsent"/>), never more than the shift's paid time, and
/// within the agent's cap in every 7-day block (<see cref="RosterAgent.OvertimeCapPerWeek"/>). Those hours count here
/// instead of against the contract's weekly maximum (<see cref="WeeklyHours"/>). The solver never plans overtime: it
/// comes only from offers (<see cref="OvertimeProposer"/>), so this rule has no CP-SAT face.
/// </summary>
public sealed class OvertimeTerms : IHardRule
{
    public string Name => RuleNames.OvertimeTerms;

    public void Check(RosterFacts facts, RosterAgent agent, IReadOnlyList<PlacedShift> shifts, List<Violation> violations)
    {
        var scenario = facts.Scenario;
        foreach (var (_, shift, option) in shifts.Where(s => s.Shift.Overtime != Duration.Zero))
        {
            if (shift.Overtime < Duration.Zero || shift.Overtime > option.Paid)
            {
                violations.Add(new Violation(Name, agent.Id, shift.Date, $"{agent.Name}'s shift on {shift.Date:ddd d MMM} carries {shift.Overtime.TotalHours:0.##} h of overtime; it is paid {option.Paid.TotalHours:0.##} h"));
            }
            else if (!agent.OvertimeConsent)
            {
                violations.Add(new Violation(Name, agent.Id, shift.Date, $"{agent.Name} has not agreed to overtime and the shift on {shift.Date:ddd d MMM} carries {shift.Overtime.TotalHours:0.##} h of it"));
            }
        }

        for (var block = 0; block < facts.Catalog.WeekBlocks; block++)
        {
            var overtime = InBlock(scenario, shifts.Select(s => s.Shift), block);
            if (overtime > agent.OvertimeCapPerWeek && agent.OvertimeConsent)
            {
                violations.Add(new Violation(Name, agent.Id, scenario.FirstDate.PlusDays(block * 7), $"{agent.Name} works {overtime.TotalHours:0.##} h of overtime in the week from {scenario.FirstDate.PlusDays(block * 7):d MMM}; their cap is {agent.OvertimeCapPerWeek.TotalHours:0.##} h"));
            }
        }
    }

    /// <summary>The overtime of <paramref name="shifts"/> starting in 7-day block <paramref name="block"/> of the horizon.</summary>
    public static Duration InBlock(RosterScenario scenario, IEnumerable<ShiftAssignment> shifts, int block) =>
        shifts.Where(s => scenario.DayIndex(s.Date) / 7 == block && scenario.DayIndex(s.Date) >= 0)
            .Aggregate(Duration.Zero, (sum, s) => sum + s.Overtime);
}
