namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: no shift starts on a day of approved time off. (Leave is paid: <see cref="WeeklyHours"/> lowers the
/// week's minimum for it.)</summary>
public sealed class Leave : ShiftRule
{
    public override string Name => RuleNames.Leave;

    public override string? Refusal(RosterAgent agent, ShiftOption option) =>
        agent.TimeOff.Contains(option.Date) ? $"{agent.Name} has approved time off on {option.Date:ddd d MMM}" : null;
}
