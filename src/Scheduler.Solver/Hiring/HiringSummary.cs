using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Solver.Hiring;

/// <summary>
/// Hires of one profile in a suggestion: the profile's skills and contract, how many, and their week's paid hours,
/// shifts and wages together.
/// </summary>
public sealed record HireGroupSummary(
    string Profile,
    IReadOnlyList<string> Skills,
    double MinHoursPerWeek,
    double MaxHoursPerWeek,
    bool FullTime,
    bool NightConsent,
    decimal HourlyCost,
    int Count,
    double PaidHours,
    int Shifts,
    decimal WeeklyCost)
{
    /// <summary>"voice-bn+chat-bn": the skills in the order given.</summary>
    [JsonIgnore]
    public string SkillText => string.Join('+', Skills);
}

/// <summary>Shortfall left after the hires: a skill, a local day (ISO yyyy-MM-dd), the short agent-intervals, and why.</summary>
public sealed record RemainingGapSummary(string Skill, string Date, int ShortIntervals, RemainingReason Reason)
{
    [JsonIgnore]
    public LocalDate LocalDate => LocalDatePattern.Iso.Parse(Date).GetValueOrThrow();
}

/// <summary>
/// A hiring suggestion as it is kept and written: hires grouped by profile, the short agent-intervals and coverage
/// before and after, the wages added and what stays short and why. The staffing-gap run stores it as its result, the
/// <c>hire</c> verb writes it with <c>--out</c> (docs/formats/hiring-json.md); the roster with the hires is not kept.
/// </summary>
public sealed record HiringSummary(
    SolveStatus Status,
    double ElapsedSeconds,
    int Required,
    int ShortBefore,
    int ShortAfter,
    double CoverageBefore,
    double CoverageAfter,
    int Hires,
    double PaidHours,
    decimal WeeklyCost,
    IReadOnlyList<HireGroupSummary> Groups,
    IReadOnlyList<RemainingGapSummary> Remaining)
{
    /// <summary>The current version of the format: readers refuse any other.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "voice-bn+chat-bn" as written, not "\u002B"
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.Strict,
    };

    public int Version { get; init; } = FormatVersion;

    /// <summary>The summary of <paramref name="suggestion"/>: hires grouped by profile, the most first.</summary>
    public static HiringSummary From(HiringSuggestion suggestion)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        var groups = suggestion.Hires.GroupBy(h => h.Profile)
            .Select(g => new HireGroupSummary(
                g.Key.Id,
                g.Key.Skills,
                g.Key.MinPaidPerWeek.TotalHours,
                g.Key.MaxPaidPerWeek.TotalHours,
                g.Key.FullTime,
                g.Key.NightConsent,
                g.Key.HourlyCost,
                g.Count(),
                g.Aggregate(Duration.Zero, (sum, h) => sum + h.Paid).TotalHours,
                g.Sum(h => h.Shifts.Count),
                g.Sum(h => h.WeeklyCost)))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Profile, StringComparer.Ordinal)
            .ToList();
        var remaining = suggestion.Remaining
            .Select(r => new RemainingGapSummary(r.Skill, LocalDatePattern.Iso.Format(r.Date), r.ShortIntervals, r.Reason))
            .ToList();
        return new HiringSummary(
            suggestion.Status,
            Math.Round(suggestion.Elapsed.TotalSeconds, 1),
            suggestion.Required,
            suggestion.ShortBefore,
            suggestion.ShortAfter,
            suggestion.CoverageBefore,
            suggestion.CoverageAfter,
            suggestion.Hires.Count,
            suggestion.Hires.Aggregate(Duration.Zero, (sum, h) => sum + h.Paid).TotalHours,
            suggestion.WeeklyCost,
            groups,
            remaining);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a summary written by <see cref="ToJson"/>; null for null; <see cref="JsonException"/> when it is not one.</summary>
    public static HiringSummary? FromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var summary = JsonSerializer.Deserialize<HiringSummary>(json, Json) ?? throw new JsonException("The hiring summary is empty.");
        return summary.Version == FormatVersion
            ? summary
            : throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"Hiring summary version {summary.Version}: this version reads {FormatVersion}."));
    }
}
