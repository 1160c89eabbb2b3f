namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: an agent who has not agreed to night work gets no shift touching 22:00-06:00 (site time).</summary>
public sealed class NightConsent : ShiftRule
{
    public override string Name => RuleNames.NightConsent;

    public override string? Refusal(RosterAgent agent, ShiftOption option) =>
        !agent.NightConsent && option.TouchesNight ? $"{agent.Name} has not agreed to night work and the shift touches 22:00-06:00" : null;
}
