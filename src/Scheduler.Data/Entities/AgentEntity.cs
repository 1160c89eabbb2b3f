using NodaTime;

namespace Scheduler.Data.Entities;

/// <summary>
/// A row of the Agents table: who an agent is, what they can serve and the limits of their contract. The roster
/// engine's <c>RosterAgent</c> is built from it (plus leave and preferences) each time a week is planned.
/// </summary>
public sealed class AgentEntity
{
    public required string Id { get; set; }

    public required string SiteId { get; set; }

    public required string Name { get; set; }

    /// <summary>Where the agent lives: their shifts are shown at this zone's local times.</summary>
    public required DateTimeZone HomeZone { get; set; }

    /// <summary>Queue ids the agent may serve ("voice-bn", "chat-bn").</summary>
    public List<string> Skills { get; set; } = [];

    /// <summary>Language codes ("bn", "en").</summary>
    public List<string> Languages { get; set; } = [];

    public Duration MinPaidPerWeek { get; set; }

    public Duration MaxPaidPerWeek { get; set; }

    public int MaxConsecutiveDays { get; set; }

    public int MinDaysOffPerWeek { get; set; }

    /// <summary>Agreed to night work (22:00-06:00).</summary>
    public bool NightConsent { get; set; }

    /// <summary>Agreed to be offered overtime.</summary>
    public bool OvertimeConsent { get; set; }

    /// <summary>The most overtime per week on top of the contract (zero: none); never below zero.</summary>
    public Duration OvertimeCapPerWeek { get; set; }

    /// <summary>The ordinary hourly wage in the site's currency: what overtime (times the site's premium) costs and time off saves.</summary>
    public decimal HourlyCost { get; set; }

    /// <summary>Weekdays never worked, as ISO numbers (1 = Monday).</summary>
    public List<int> FixedDaysOff { get; set; } = [];

    /// <summary>
    /// Per weekday the local window a shift must lie in, as text "Mon 08:00+12" (weekday, earliest start, hours);
    /// weekdays not listed are free. Text, because it is read and written by people (CSV import/export).
    /// </summary>
    public List<string> Availability { get; set; } = [];

    /// <summary>
    /// The agent's wishes for the next solve, as text: "Fri off" (a day off wanted), "Mon work", "Sun 08:00" (a shift
    /// starting then wanted), "any 14:00" (that start on any day). Each unmet wish costs the preference weight.
    /// </summary>
    public List<string> Preferences { get; set; } = [];

    /// <summary>The sign-in user of this agent, if they have one.</summary>
    public string? UserName { get; set; }

    public bool Active { get; set; } = true;

    /// <summary>
    /// Lower-case hex SHA-256 of the secret in the agent's calendar feed URL; null when the feed is off. The secret itself
    /// is shown once, when it is made; renewing it revokes the old URL.
    /// </summary>
    public string? CalendarTokenHash { get; set; }

    /// <summary>When the feed URL stops working (the site's feed lifetime); null for never.</summary>
    public Instant? CalendarTokenExpires { get; set; }

    /// <summary>A feed secret stored in clear by an older version; hashed into <see cref="CalendarTokenHash"/> at start-up.</summary>
    public string? LegacyCalendarToken { get; set; }

    /// <summary>Changed on every save; a second editor working from an older copy gets a conflict, not an overwrite.</summary>
    public Guid Version { get; set; }
}
