using NodaTime;
using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Agents;

/// <summary>An agent: what they can serve, how well, in which languages, and where they live.</summary>
/// <remarks>The home zone is only for showing shifts in the agent's own time; every rule uses the site zone.</remarks>
public sealed record Agent(
    string Id,
    string Name,
    DateTimeZone HomeZone,
    IReadOnlyDictionary<string, Proficiency> Skills,
    IReadOnlySet<string> Languages)
{
    /// <summary>True when the agent has the topic at any proficiency and speaks the language.</summary>
    public bool CanServe(SkillKey skill) => Skills.ContainsKey(skill.Skill) && Languages.Contains(skill.Language);
}

/// <summary>How well an agent handles a skill: 1.0 is a fully trained agent, lower is slower (e.g. 0.8).</summary>
public readonly record struct Proficiency
{
    public Proficiency(double value)
    {
        if (value is <= 0 or > 1.5 || double.IsNaN(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Proficiency must be in (0, 1.5].");
        }

        Value = value;
    }

    public double Value { get; }
}
