using System.Globalization;
using System.Resources;
using NodaTime;
using Scheduler.Domain.Rostering.Activities;
using Scheduler.Web.Localization;

namespace Scheduler.Web.Features.Schedule;

/// <summary>
/// The calendar feed's event text (summary and description of each VEVENT) in the agent's language: a calendar app
/// fetches the feed without a cookie, so the language is the one stored on the agent's account (or the site's default),
/// looked up when the feed is made. Strings are in CalendarFeedText.resx and CalendarFeedText.bn.resx.
/// </summary>
public sealed class CalendarFeedText(string language, bool latinDigits)
{
    private static readonly ResourceManager Strings = new(typeof(CalendarFeedText).FullName!, typeof(CalendarFeedText).Assembly);

    private readonly CultureInfo _culture = Languages.Culture(language);

    /// <summary>Times and numbers in the language: Bengali digits in Bangla unless the agent keeps Latin digits.</summary>
    public UiFormat Format { get; } = new(Languages.Culture(language), !latinDigits);

    public string CalendarName(string agentName) => Text("CalendarName", agentName);

    public string ShiftSummary(LocalDateTime start, LocalDateTime end) => Text("ShiftSummary", Format.Time(start.TimeOfDay), Format.Time(end.TimeOfDay));

    /// <summary>"late8, 8 h", "Breaks:", then the breaks one a line ("Unpaid break 13:00-13:30").</summary>
    public string ShiftDescription(string templateId, Duration elapsed, IEnumerable<(string Name, LocalDateTime Start, LocalDateTime End, bool Paid)> breaks)
    {
        // A break's id ("tea1", "meal") is the template's word, not the agent's: the line says break or unpaid break.
        var lines = breaks.Select(b => Text(b.Paid ? "BreakLine" : "UnpaidBreakLine", Format.Time(b.Start.TimeOfDay), Format.Time(b.End.TimeOfDay)));
        var head = Text("ShiftDescription", templateId, Format.Digits(elapsed.TotalHours.ToString("0.#", CultureInfo.InvariantCulture)));
        return string.Join("\n", [head, Text("Breaks"), .. lines]);
    }

    /// <summary>"Meeting: Team huddle 15:00-15:30", with "(you coach)" for the coach.</summary>
    public string ActivitySummary(MyActivity activity) =>
        Text(activity.Coaching ? "ActivitySummaryCoach" : "ActivitySummary", Kind(activity.Kind), activity.Name, Format.Time(activity.Start.TimeOfDay), Format.Time(activity.End.TimeOfDay));

    public string ActivityDescription(MyActivity activity) =>
        Text("ActivityDescription", Kind(activity.Kind), Format.Time(activity.Start.TimeOfDay), Format.Time(activity.End.TimeOfDay));

    /// <summary>The activity's kind ("training", "coaching", "meeting") as a word of the language, capitalised in English.</summary>
    public string Kind(string kind) => Enum.TryParse<ActivityKind>(kind, ignoreCase: true, out var known) ? Text("Kind" + known) : kind;

    private string Text(string key, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, Strings.GetString(key, _culture) ?? throw new MissingManifestResourceException($"CalendarFeedText has no {key}"), args);
}
