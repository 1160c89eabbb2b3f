using NodaTime;
using Scheduler.Domain.Demo;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Rostering;

namespace Scheduler.Web.Features.Planning;

/// <summary>
/// The site's planning settings: its staffing policies per queue (data/demo/staffing.json: targets, shrinkage,
/// patience, chat concurrency), shift templates and rule weights. Weekend days are Friday and Saturday (Bangladesh).
/// </summary>
public sealed class SiteSettings
{
    private readonly Lazy<StaffingConfig> _config = new(() => StaffingConfig.Load(Path.Combine(DemoCentre.DataFolder(), "demo", "staffing.json")));

    private readonly Lazy<SpecialDayCalendar> _holidays = new(() => SpecialDayFile.Read(Path.Combine(DemoCentre.DataFolder(), "demo", "holidays.csv")));

    public StaffingConfig Staffing => _config.Value;

    /// <summary>The site's public holidays (data/demo/holidays.csv, the special-day format; Eid dates are the expected ones).</summary>
    public SpecialDayCalendar Holidays => _holidays.Value;

    /// <summary>
    /// The site's public holidays from <paramref name="first"/> to <paramref name="last"/> (inclusive): the one place the
    /// roster's holiday fairness reads them (decision 015), so a stored holiday calendar can take the file's place here.
    /// </summary>
    public IReadOnlySet<LocalDate> HolidayDates(LocalDate first, LocalDate last) =>
        Holidays.Dates.Where(d => d >= first && d <= last).ToHashSet();

    public string SiteId => Staffing.Site.Id;

    /// <summary>The ids of the site's queues: the only ones history, agents' skills and forecasts may name.</summary>
    public IReadOnlySet<string> QueueIds => _queueIds ??= Staffing.Queues.Select(q => q.Queue.Id).ToHashSet(StringComparer.Ordinal);

    private HashSet<string>? _queueIds;

    public DateTimeZone Zone => Staffing.Site.Zone;

    public Duration IntervalLength { get; } = Duration.FromMinutes(15);

    public IReadOnlyList<ShiftTemplate> Templates { get; } = ScenarioGenerator.Templates();

    public RosterRules Rules { get; } = new() { WeekendDays = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday } };

    /// <summary>Zones a viewer may choose to see times in: the site's, and every agent's home zone.</summary>
    public static IReadOnlyList<string> CommonZones { get; } = ["Asia/Dhaka", "Europe/London", "America/New_York", "UTC"];
}
