using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Tests.Rostering;

/// <summary>Hand-made scenarios small enough to reason about: a few agents, a day or two, hourly requirements.</summary>
public sealed class Tiny
{
    public static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    public static readonly LocalDate Sunday = new(2026, 11, 29);

    private readonly List<RosterAgent> _agents = [];
    private readonly Dictionary<string, int[]> _requirements = [];
    private readonly List<ShiftTemplate> _templates = [];

    public Tiny(int days = 1, params string[] skills)
    {
        Days = days;
        Skills = skills.Length == 0 ? ["voice"] : skills;
        foreach (var skill in Skills)
        {
            _requirements[skill] = new int[Grid().Count];
        }
    }

    public int Days { get; }

    public string[] Skills { get; }

    public RosterRules Rules { get; set; } = new() { FairLates = 0, FairNights = 0, FairWeekends = 0, StartConsistency = 0 };

    public DateTimeZone Zone { get; set; } = Dhaka;

    public LocalDate FirstDate { get; set; } = Sunday;

    public static Contract AnyHours => new(Duration.Zero, Duration.FromHours(60), 7, 0);

    /// <summary>An 8-hour shift starting on any hour, no breaks unless given.</summary>
    public Tiny Template(string id = "day8", int hours = 8, params BreakRule[] breaks)
    {
        _templates.Add(new ShiftTemplate(id, [.. Enumerable.Range(0, 24).Select(h => new LocalTime(h, 0))], [Duration.FromHours(hours)], breaks));
        return this;
    }

    public Tiny Agent(string id, IEnumerable<string>? skills = null, Contract? contract = null, bool nightConsent = true,
        IEnumerable<LocalDate>? timeOff = null, IEnumerable<Preference>? preferences = null, IEnumerable<LockedShift>? locked = null, Instant? previousShiftEnd = null)
    {
        _agents.Add(new RosterAgent(id, id, Zone, (skills ?? Skills).ToHashSet(), new HashSet<string> { "bn" }, contract ?? AnyHours, nightConsent,
            new Dictionary<IsoDayOfWeek, AvailabilityWindow>(), new HashSet<IsoDayOfWeek>(), (timeOff ?? []).ToHashSet(), [.. preferences ?? []], [.. locked ?? []], previousShiftEnd));
        return this;
    }

    /// <summary>Requires <paramref name="agents"/> on <paramref name="skill"/> from <paramref name="fromHour"/> for <paramref name="hours"/> hours on day <paramref name="day"/>.</summary>
    public Tiny Need(int agents, int fromHour, int hours, int day = 0, string? skill = null)
    {
        var perHour = (int)(Duration.FromHours(1) / Duration.FromMinutes(15));
        var start = (day * 24 * perHour) + (fromHour * perHour);
        for (var t = start; t < start + (hours * perHour); t++)
        {
            _requirements[skill ?? Skills[0]][t] = agents;
        }

        return this;
    }

    public RosterScenario Build() => new(Zone, FirstDate, Days, Duration.FromMinutes(15), Skills, _requirements, _templates, _agents, Rules);

    private Scheduler.Domain.Time.IntervalGrid Grid() => new(Zone, FirstDate, Days, Duration.FromMinutes(15));
}
