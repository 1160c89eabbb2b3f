namespace Scheduler.Domain.Queues;

/// <summary>
/// A stream of contacts: channel + skill (topic) + language, with the service target it is staffed to.
/// </summary>
/// <remarks>Named ContactQueue, not Queue, so it never collides with System.Collections.Generic.Queue.</remarks>
public sealed record ContactQueue(string Id, Channel Channel, string Skill, string Language, ServiceTarget Target)
{
    /// <summary>The skill an agent needs to serve this queue: topic and language together ("cards/bn").</summary>
    public SkillKey RequiredSkill => new(Skill, Language);
}

/// <summary>A skill as hiring sees it: a topic served in one language.</summary>
public readonly record struct SkillKey(string Skill, string Language)
{
    public override string ToString() => $"{Skill}/{Language}";
}
