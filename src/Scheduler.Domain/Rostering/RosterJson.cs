using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Domain.History;
using Scheduler.Domain.Rostering.Activities;

namespace Scheduler.Domain.Rostering;

/// <summary>The roster file (docs/formats/roster.md): the shifts with their breaks, plus optional fields for people.</summary>
/// <remarks>
/// Reading checks the form only (dates, times, instants, lengths); whether the shifts keep the scenario's rules is
/// the validator's job, so a hand-edited roster that breaks a rule can still be read and judged. Top-level fields
/// other than <c>shifts</c> (e.g. <c>objective</c>, <c>bound</c>, <c>costs</c>) are written for people and ignored on read.
/// </remarks>
public static class RosterJson
{
    /// <exception cref="ImportException">Every error found, each naming the file and JSON path.</exception>
    public static Roster Read(string json, string fileName)
    {
        var shownName = Path.GetFileName(fileName);
        using var document = JsonFields.Parse(json, shownName);
        var f = new JsonFields(shownName);
        var root = document.RootElement;
        var shifts = new List<ShiftAssignment>();
        var activities = new List<PlacedActivity>();
        if (root.ValueKind != JsonValueKind.Object)
        {
            f.Fail("$", "the file must hold one JSON object");
        }
        else
        {
            foreach (var (s, path) in JsonFields.Items(f.Array(root, "$", "shifts"), "$.shifts"))
            {
                if (Shift(f, s, path) is { } shift) shifts.Add(shift);
            }

            foreach (var (a, path) in JsonFields.Items(f.Array(root, "$", "activities", required: false), "$.activities"))
            {
                if (Activity(f, a, path) is { } activity) activities.Add(activity);
            }
        }

        if (f.Errors.Count > 0) throw new ImportException(f.Errors);
        return new Roster(shifts) { Activities = activities };
    }

    public static Roster Load(string path) => Read(File.ReadAllText(path), path);

    /// <summary>Writes the roster; <paramref name="extra"/> fields (objective, bound, costs…) come first, for people.</summary>
    public static string Write(Roster roster, JsonObject? extra = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonFields.WriterOptions))
        {
            w.WriteStartObject();
            foreach (var (name, value) in extra ?? [])
            {
                if (name is "shifts" or "activities") throw new ArgumentException("'shifts' is the roster itself, not an extra field", nameof(extra));
                w.WritePropertyName(name);
                if (value is null) w.WriteNullValue();
                else value.WriteTo(w);
            }

            w.WriteStartArray("shifts");
            foreach (var s in roster.Shifts)
            {
                w.WriteStartObject();
                w.WriteString("agent", s.AgentId);
                w.WriteString("date", JsonFields.DatePattern.Format(s.Date));
                w.WriteString("template", s.TemplateId);
                w.WriteString("start", JsonFields.TimePattern.Format(s.Start));
                w.WriteNumber("lengthHours", JsonFields.Hours(s.Length));
                if (s.Overtime != NodaTime.Duration.Zero) w.WriteNumber("overtimeHours", JsonFields.Hours(s.Overtime));
                w.WriteStartArray("breaks");
                foreach (var b in s.Breaks)
                {
                    w.WriteStartObject();
                    w.WriteString("name", b.Name);
                    w.WriteString("start", JsonFields.InstantText.Format(b.Start));
                    w.WriteString("end", JsonFields.InstantText.Format(b.End));
                    w.WriteBoolean("paid", b.Paid);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (roster.Activities.Count > 0)
            {
                w.WriteStartArray("activities");
                foreach (var a in roster.Activities)
                {
                    w.WriteStartObject();
                    w.WriteString("request", a.RequestId);
                    w.WriteString("kind", KindText(a.Kind));
                    w.WriteString("name", a.Name);
                    w.WriteStartArray("agents");
                    foreach (var agent in a.AgentIds) w.WriteStringValue(agent);
                    w.WriteEndArray();
                    if (a.CoachId is not null) w.WriteString("coach", a.CoachId);
                    w.WriteString("start", JsonFields.InstantText.Format(a.Start));
                    w.WriteString("end", JsonFields.InstantText.Format(a.End));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static ShiftAssignment? Shift(JsonFields f, JsonElement s, string path)
    {
        if (f.AsKind(s, path, JsonValueKind.Object) is null) return null;
        var before = f.Errors.Count;
        var agent = f.String(s, path, "agent");
        var date = f.Date(s, path, "date");
        var template = f.String(s, path, "template");
        var start = f.Time(s, path, "start");
        var length = f.Hours(s, path, "lengthHours", 24);
        var overtime = f.Hours(s, path, "overtimeHours", 24, required: false, allowZero: true) ?? NodaTime.Duration.Zero;
        var breaks = new List<BreakAssignment>();
        foreach (var (b, bp) in JsonFields.Items(f.Array(s, path, "breaks", required: false), $"{path}.breaks"))
        {
            if (f.AsKind(b, bp, JsonValueKind.Object) is null) continue;
            var name = f.String(b, bp, "name");
            var from = f.Instant(b, bp, "start");
            var to = f.Instant(b, bp, "end");
            var paid = f.Bool(b, bp, "paid");
            if (from is { } x && to is { } y && y <= x) f.Fail($"{bp}.end", "must be after start");
            else if (name is not null && from is not null && to is not null && paid is not null) breaks.Add(new BreakAssignment(name, from.Value, to.Value, paid.Value));
        }

        return f.Errors.Count > before ? null : new ShiftAssignment(agent!, date!.Value, template!, start!.Value, length!.Value, breaks) { Overtime = overtime };
    }

    /// <summary>The kind as the file spells it: training, coaching, meeting.</summary>
    public static string KindText(ActivityKind kind) => kind.ToString().ToLowerInvariant();

    private static PlacedActivity? Activity(JsonFields f, JsonElement a, string path)
    {
        if (f.AsKind(a, path, JsonValueKind.Object) is null) return null;
        var before = f.Errors.Count;
        var request = f.String(a, path, "request");
        var kindText = f.String(a, path, "kind");
        ActivityKind? kind = null;
        if (kindText is not null)
        {
            var match = Enum.GetValues<ActivityKind>().Where(k => KindText(k) == kindText).ToList();
            if (match.Count == 1) kind = match[0];
            else f.Fail($"{path}.kind", $"'{kindText}' is not one of training, coaching, meeting");
        }

        var name = f.String(a, path, "name");
        var agents = new List<string>();
        foreach (var (agent, ap) in JsonFields.Items(f.Array(a, path, "agents"), $"{path}.agents"))
        {
            if (agent.ValueKind == JsonValueKind.String && agent.GetString() is { Length: > 0 } id) agents.Add(id);
            else f.Fail(ap, "must be an agent id");
        }

        if (agents.Count == 0 && f.Errors.Count == before) f.Fail($"{path}.agents", "must name at least one agent");
        var coach = f.String(a, path, "coach", required: false);
        var from = f.Instant(a, path, "start");
        var to = f.Instant(a, path, "end");
        if (from is { } x && to is { } y && y <= x) f.Fail($"{path}.end", "must be after start");
        return f.Errors.Count > before ? null : new PlacedActivity(request!, kind!.Value, name!, agents, coach, from!.Value, to!.Value);
    }
}
