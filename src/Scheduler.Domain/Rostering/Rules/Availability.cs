using NodaTime;

namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Hard: no one else works another agent's partly worked shift (<see cref="ShiftTemplate.OnlyFor"/>), no shift added before the moment a re-solve keeps (<see cref="RosterAgent.KeptUntil"/>), no shift on a fixed day off, and on a weekday with an availability window the whole shift inside it
/// (local times of the site; a window may run past midnight).</summary>
public sealed class Availability : ShiftRule
{
    public override string Name => RuleNames.Availability;

    public override string? Refusal(RosterAgent agent, ShiftOption option)
    {
        if (option.OnlyFor is { } only && only.AgentId != agent.Id)
        {
            return $"{option.TemplateId} is the part of a shift {only.AgentId} worked before an absence; no one else works it";
        }

        if (agent.KeptUntil is { } kept && option.StartInstant < kept)
        {
            return $"{agent.Name}'s roster is kept as it was before {kept.InZone(agent.HomeZone):ddd d MMM HH:mm} {agent.HomeZone.Id} (a sick call re-solves only what comes after)";
        }

        if (agent.FixedDaysOff.Contains(option.Date.DayOfWeek))
        {
            return $"{option.Date.DayOfWeek} is a fixed day off for {agent.Name}";
        }

        if (agent.Availability.TryGetValue(option.Date.DayOfWeek, out var window))
        {
            var start = Duration.FromMinutes((option.LocalStart.Hour * 60) + option.LocalStart.Minute);
            var from = Duration.FromMinutes((window.From.Hour * 60) + window.From.Minute);
            if (start < from || start + option.Length > from + window.Span)
            {
                return $"{agent.Name} is available {window.From:HH:mm} for {window.Span.TotalHours:0.#} h on {option.Date.DayOfWeek}s";
            }
        }

        return null;
    }
}
