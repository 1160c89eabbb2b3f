using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Rostering;

/// <summary>
/// Typed reads of JSON values that record every bad value as an <see cref="ImportError"/> naming its JSON path
/// (<c>$.agents[3].contract.maxHoursPerWeek</c>) instead of stopping at the first; shared by the roster formats.
/// </summary>
/// <remarks>JsonDocument keeps no line numbers for values, so only syntax errors carry a line; the path is exact.</remarks>
internal sealed class JsonFields(string fileName)
{
    public static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static readonly InstantPattern InstantText = InstantPattern.General;

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public List<ImportError> Errors { get; } = [];

    public string FileName => fileName;

    /// <summary>Parses the text; a syntax error is thrown at once as an <see cref="ImportException"/> with its line.</summary>
    public static JsonDocument Parse(string json, string fileName)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new ImportException([new ImportError(fileName, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "$", $"not valid JSON: {e.Message}")]);
        }
    }

    /// <summary>Writes a short list on one line (requirement arrays, start times) so the file stays readable.</summary>
    public static void WriteCompact<T>(Utf8JsonWriter writer, string name, IEnumerable<T> values)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(JsonSerializer.Serialize(values.ToArray(), CompactOptions));
    }

    public static string Weekday(IsoDayOfWeek day) => day.ToString();

    public static double Hours(Duration d) => d.TotalMinutes / 60;

    public void Fail(string path, string reason) => Errors.Add(new ImportError(fileName, 0, path, reason));

    /// <summary>The property <paramref name="name"/> of <paramref name="e"/>, or null (and an error when required).</summary>
    public JsonElement? Get(JsonElement e, string path, string name, bool required)
    {
        if (e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        if (required) Fail($"{path}.{name}", "is missing");
        return null;
    }

    public JsonElement? Object(JsonElement e, string path, string name, bool required = true) =>
        Get(e, path, name, required) is { } v ? AsKind(v, $"{path}.{name}", JsonValueKind.Object) : null;

    public JsonElement? Array(JsonElement e, string path, string name, bool required = true) =>
        Get(e, path, name, required) is { } v ? AsKind(v, $"{path}.{name}", JsonValueKind.Array) : null;

    /// <summary>The items of an optional array with their paths; nothing when the array is absent or bad.</summary>
    public static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement? array, string path) =>
        array is { } a ? a.EnumerateArray().Select((item, i) => (item, $"{path}[{i}]")) : [];

    public JsonElement? AsKind(JsonElement v, string path, JsonValueKind kind)
    {
        if (v.ValueKind == kind) return v;
        Fail(path, $"must be a JSON {kind.ToString().ToLowerInvariant()}, not {Shown(v)}");
        return null;
    }

    public string? String(JsonElement e, string path, string name, bool required = true) =>
        Get(e, path, name, required) is { } v ? AsString(v, $"{path}.{name}") : null;

    public string? AsString(JsonElement v, string path)
    {
        if (v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString())) return v.GetString()!.Trim();
        Fail(path, $"must be a non-empty string, not {Shown(v)}");
        return null;
    }

    public bool? Bool(JsonElement e, string path, string name, bool required = true)
    {
        if (Get(e, path, name, required) is not { } v) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Fail($"{path}.{name}", $"must be true or false, not {Shown(v)}");
        return null;
    }

    public double? Number(JsonElement e, string path, string name, double min, double max, bool required = true) =>
        Get(e, path, name, required) is { } v ? AsNumber(v, $"{path}.{name}", min, max) : null;

    public double? AsNumber(JsonElement v, string path, double min, double max)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var number))
        {
            Fail(path, $"must be a number, not {Shown(v)}");
            return null;
        }

        if (number >= min && number <= max) return number;
        Fail(path, string.Create(CultureInfo.InvariantCulture, $"{number} is outside {min}..{max}"));
        return null;
    }

    public long? Integer(JsonElement e, string path, string name, long min, long max, bool required = true) =>
        Get(e, path, name, required) is { } v ? AsInteger(v, $"{path}.{name}", min, max) : null;

    public long? AsInteger(JsonElement v, string path, long min, long max)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt64(out var number))
        {
            Fail(path, $"must be a whole number, not {Shown(v)}");
            return null;
        }

        if (number >= min && number <= max) return number;
        Fail(path, string.Create(CultureInfo.InvariantCulture, $"{number} is outside {min}..{max}"));
        return null;
    }

    /// <summary>A number of hours as a duration of whole minutes, above zero unless <paramref name="allowZero"/>.</summary>
    public Duration? Hours(JsonElement e, string path, string name, double maxHours, bool required = true, bool allowZero = false) =>
        Get(e, path, name, required) is { } v ? AsHours(v, $"{path}.{name}", maxHours, allowZero) : null;

    public Duration? AsHours(JsonElement v, string path, double maxHours, bool allowZero = false)
    {
        if (AsNumber(v, path, 0, maxHours) is not { } hours) return null;
        var minutes = hours * 60;
        if (Math.Abs(minutes - Math.Round(minutes)) > 1e-6)
        {
            Fail(path, string.Create(CultureInfo.InvariantCulture, $"{hours} hours is not a whole number of minutes"));
            return null;
        }

        if (minutes > 0 || allowZero) return Duration.FromMinutes(Math.Round(minutes));
        Fail(path, "must be more than 0");
        return null;
    }

    public LocalDate? Date(JsonElement e, string path, string name, bool required = true) =>
        Get(e, path, name, required) is { } v ? AsDate(v, $"{path}.{name}") : null;

    public LocalDate? AsDate(JsonElement v, string path) =>
        Parsed(v, path, DatePattern, "a date such as 2026-11-29");

    public LocalTime? Time(JsonElement e, string path, string name, bool required = true) =>
        Get(e, path, name, required) is { } v ? AsTime(v, $"{path}.{name}") : null;

    public LocalTime? AsTime(JsonElement v, string path) =>
        Parsed(v, path, TimePattern, "a local time HH:mm such as 07:30");

    public Instant? Instant(JsonElement e, string path, string name, bool required = true) =>
        Get(e, path, name, required) is { } v ? Parsed(v, $"{path}.{name}", InstantPattern.ExtendedIso, "a UTC instant such as 2026-11-28T22:00:00Z") : null;

    public DateTimeZone? Zone(JsonElement e, string path, string name, bool required = true)
    {
        if (String(e, path, name, required) is not { } id) return null;
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is { } zone) return zone;
        Fail($"{path}.{name}", $"'{id}' is not an IANA time zone id such as Asia/Dhaka");
        return null;
    }

    public IsoDayOfWeek? Weekday(JsonElement e, string path, string name, bool required = true) =>
        Get(e, path, name, required) is { } v ? AsWeekday(v, $"{path}.{name}") : null;

    public IsoDayOfWeek? AsWeekday(JsonElement v, string path) =>
        v.ValueKind == JsonValueKind.String ? WeekdayName(v.GetString()!, path) : Fail<IsoDayOfWeek>(path, $"must be a weekday name such as Friday, not {Shown(v)}");

    public IsoDayOfWeek? WeekdayName(string text, string path) =>
        Enum.TryParse<IsoDayOfWeek>(text.Trim(), ignoreCase: true, out var day) && day != IsoDayOfWeek.None && !char.IsDigit(text.Trim()[0])
            ? day
            : Fail<IsoDayOfWeek>(path, $"'{text}' is not a weekday name such as Friday");

    private T? Parsed<T>(JsonElement v, string path, IPattern<T> pattern, string expected)
        where T : struct
    {
        var result = v.ValueKind == JsonValueKind.String ? pattern.Parse(v.GetString()!.Trim()) : null;
        return result is { Success: true } ? result.Value : Fail<T>(path, $"must be {expected}, not {Shown(v)}");
    }

    private T? Fail<T>(string path, string reason)
        where T : struct
    {
        Fail(path, reason);
        return null;
    }

    private static string Shown(JsonElement v)
    {
        var text = v.GetRawText();
        return text.Length > 40 ? text[..40] + "…" : text;
    }
}
