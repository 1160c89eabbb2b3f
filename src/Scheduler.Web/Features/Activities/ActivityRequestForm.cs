using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Web.Features.Activities;

/// <summary>
/// The activity request form as typed: text fields read into an <see cref="ActivityRequest"/>, or a list of
/// (field, reason) naming each field that is not understood. The request's own checks (agents, coach, overlapping
/// recurrences) run when it is saved (<see cref="Data.Planning.ActivityRequestStore"/>).
/// </summary>
public sealed class ActivityRequestForm
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Iso;
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public string Id { get; set; } = string.Empty;

    public ActivityKind Kind { get; set; } = ActivityKind.Coaching;

    public string Name { get; set; } = string.Empty;

    /// <summary>Agent ids separated by commas or spaces; empty when <see cref="Skill"/> names the group.</summary>
    public string Agents { get; set; } = string.Empty;

    public string Skill { get; set; } = string.Empty;

    /// <summary>Only this many of the group; empty for all.</summary>
    public string Count { get; set; } = string.Empty;

    public string Minutes { get; set; } = "30";

    public string From { get; set; } = string.Empty;

    public string To { get; set; } = string.Empty;

    public string WindowStart { get; set; } = "09:00";

    public string WindowEnd { get; set; } = "17:00";

    public ActivityRecurrence Recurrence { get; set; } = ActivityRecurrence.Weekly;

    public bool Together { get; set; }

    public string Coach { get; set; } = string.Empty;

    public static ActivityRequestForm Filled(ActivityRequest r) => new()
    {
        Id = r.Id,
        Kind = r.Kind,
        Name = r.Name,
        Agents = string.Join(", ", r.Who.AgentIds),
        Skill = r.Who.Skill ?? string.Empty,
        Count = r.Who.Count?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        Minutes = r.Length.TotalMinutes.ToString("0", System.Globalization.CultureInfo.InvariantCulture),
        From = Date.Format(r.From),
        To = Date.Format(r.To),
        WindowStart = Time.Format(r.WindowStart),
        WindowEnd = Time.Format(r.WindowEnd),
        Recurrence = r.Recurrence,
        Together = r.Together,
        Coach = r.CoachId ?? string.Empty,
    };

    /// <summary>The request, or every field that could not be read (then no request).</summary>
    public (ActivityRequest? Request, IReadOnlyList<(string Field, string Reason)> Errors) Read()
    {
        var errors = new List<(string, string)>();
        LocalDate? ReadDate(string field, string text)
        {
            var r = Date.Parse(text.Trim());
            if (r.Success) return r.Value;
            errors.Add((field, $"'{text}' is not a date like 2026-12-06"));
            return null;
        }

        LocalTime? ReadTime(string field, string text)
        {
            var r = Time.Parse(text.Trim());
            if (r.Success) return r.Value;
            errors.Add((field, $"'{text}' is not a time like 09:30"));
            return null;
        }

        int? ReadInt(string field, string text, bool optional)
        {
            if (optional && string.IsNullOrWhiteSpace(text)) return null;
            if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
            errors.Add((field, $"'{text}' is not a whole number"));
            return null;
        }

        var minutes = ReadInt("minutes", Minutes, optional: false);
        var count = ReadInt("count", Count, optional: true);
        var from = ReadDate("from", From);
        var to = ReadDate("to", To);
        var start = ReadTime("windowStart", WindowStart);
        var end = ReadTime("windowEnd", WindowEnd);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var agents = Agents.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var who = new ActivityAttendees(agents, string.IsNullOrWhiteSpace(Skill) ? null : Skill.Trim(), count);
        return (new ActivityRequest(Id.Trim(), Kind, Name.Trim(), who, Duration.FromMinutes(minutes!.Value), from!.Value, to!.Value, start!.Value, end!.Value,
            Recurrence, Together, string.IsNullOrWhiteSpace(Coach) ? null : Coach.Trim()), errors);
    }
}
