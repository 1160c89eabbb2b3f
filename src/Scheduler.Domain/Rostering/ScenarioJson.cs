using System.Text;
using System.Text.Json;
using Scheduler.Domain.History;

namespace Scheduler.Domain.Rostering;

/// <summary>The roster scenario file (docs/formats/scenario.md): read with every error named by its JSON path, and written back.</summary>
/// <remarks>
/// A file with any error is refused whole (<see cref="ImportException"/>), as the other input files are. Writing
/// always puts the requirements inline, so a scenario read from a requirements CSV is written self-contained.
/// </remarks>
public static class ScenarioJson
{
    /// <summary>The rule weights by their JSON name, with how to read and set each.</summary>
    internal static readonly IReadOnlyDictionary<string, (Func<RosterRules, long> Get, Func<RosterRules, long, RosterRules> Set)> Weights =
        new Dictionary<string, (Func<RosterRules, long>, Func<RosterRules, long, RosterRules>)>
        {
            ["underCoverage"] = (r => r.UnderCoverage, (r, v) => r with { UnderCoverage = v }),
            ["overCoverage"] = (r => r.OverCoverage, (r, v) => r with { OverCoverage = v }),
            ["idleStaffing"] = (r => r.IdleStaffing, (r, v) => r with { IdleStaffing = v }),
            ["preference"] = (r => r.Preference, (r, v) => r with { Preference = v }),
            ["fairNights"] = (r => r.FairNights, (r, v) => r with { FairNights = v }),
            ["fairWeekends"] = (r => r.FairWeekends, (r, v) => r with { FairWeekends = v }),
            ["fairLates"] = (r => r.FairLates, (r, v) => r with { FairLates = v }),
            ["fairHolidays"] = (r => r.FairHolidays, (r, v) => r with { FairHolidays = v }),
            ["startConsistency"] = (r => r.StartConsistency, (r, v) => r with { StartConsistency = v }),
            ["restAfterNights"] = (r => r.RestAfterNights, (r, v) => r with { RestAfterNights = v }),
            ["shiftChange"] = (r => r.ShiftChange, (r, v) => r with { ShiftChange = v }),
        };

    /// <summary>Reads a scenario from its text; a <c>requirementsFile</c> is looked for beside <paramref name="fileName"/>.</summary>
    /// <exception cref="ImportException">Every error found, each naming the file and JSON path.</exception>
    public static RosterScenario Read(string json, string fileName) =>
        Read(json, Path.GetFileName(fileName), Path.GetDirectoryName(Path.GetFullPath(fileName)) ?? ".");

    public static RosterScenario Load(string path) => Read(File.ReadAllText(path), path);

    internal static RosterScenario Read(string json, string shownName, string baseDirectory)
    {
        using var document = JsonFields.Parse(json, shownName);
        var fields = new JsonFields(shownName);
        var scenario = new ScenarioReader(fields, baseDirectory).Read(document.RootElement);
        if (fields.Errors.Count > 0 || scenario is null)
        {
            throw new ImportException(fields.Errors.Count > 0 ? fields.Errors : [new ImportError(shownName, 0, "$", "the scenario could not be read")]);
        }

        return scenario;
    }

    public static string Write(RosterScenario scenario)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonFields.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("zone", scenario.Zone.Id);
            w.WriteStartObject("horizon");
            w.WriteString("firstDate", JsonFields.DatePattern.Format(scenario.FirstDate));
            w.WriteNumber("days", scenario.Days);
            w.WriteNumber("intervalMinutes", (int)scenario.IntervalLength.TotalMinutes);
            w.WriteEndObject();
            JsonFields.WriteCompact(w, "skills", scenario.Skills);
            w.WriteStartObject("requirements");
            foreach (var skill in scenario.Skills)
            {
                JsonFields.WriteCompact(w, skill, scenario.Requirements[skill]);
            }

            w.WriteEndObject();
            w.WriteStartArray("templates");
            foreach (var t in scenario.Templates)
            {
                WriteTemplate(w, t);
            }

            w.WriteEndArray();
            w.WriteStartArray("agents");
            foreach (var a in scenario.Agents)
            {
                WriteAgent(w, a);
            }

            w.WriteEndArray();
            WriteRules(w, scenario.Rules);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteTemplate(Utf8JsonWriter w, ShiftTemplate t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        JsonFields.WriteCompact(w, "starts", t.Starts.Select(s => JsonFields.TimePattern.Format(s)));
        JsonFields.WriteCompact(w, "lengthsHours", t.Lengths.Select(JsonFields.Hours));
        w.WriteStartArray("breaks");
        foreach (var b in t.Breaks)
        {
            w.WriteStartObject();
            w.WriteString("name", b.Name);
            w.WriteNumber("minutes", (long)b.Length.TotalMinutes);
            w.WriteBoolean("paid", b.Paid);
            w.WriteNumber("earliestStartHours", JsonFields.Hours(b.EarliestStart));
            w.WriteNumber("latestEndHours", JsonFields.Hours(b.LatestEnd));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (t.OnlyFor is { } only)
        {
            w.WriteStartObject("onlyFor");
            w.WriteString("agent", only.AgentId);
            w.WriteString("date", JsonFields.DatePattern.Format(only.Date));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteAgent(Utf8JsonWriter w, RosterAgent a)
    {
        w.WriteStartObject();
        w.WriteString("id", a.Id);
        w.WriteString("name", a.Name);
        w.WriteString("homeZone", a.HomeZone.Id);
        JsonFields.WriteCompact(w, "skills", a.Skills.Order(StringComparer.Ordinal));
        JsonFields.WriteCompact(w, "languages", a.Languages.Order(StringComparer.Ordinal));
        w.WriteStartObject("contract");
        w.WriteNumber("minHoursPerWeek", JsonFields.Hours(a.Contract.MinPaidPerWeek));
        w.WriteNumber("maxHoursPerWeek", JsonFields.Hours(a.Contract.MaxPaidPerWeek));
        w.WriteNumber("maxConsecutiveDays", a.Contract.MaxConsecutiveDays);
        w.WriteNumber("minDaysOffPerWeek", a.Contract.MinDaysOffPerWeek);
        w.WriteEndObject();
        w.WriteBoolean("nightConsent", a.NightConsent);
        if (a.Availability.Count > 0)
        {
            w.WriteStartObject("availability");
            foreach (var (day, window) in a.Availability.OrderBy(x => x.Key))
            {
                w.WriteStartObject(JsonFields.Weekday(day));
                w.WriteString("from", JsonFields.TimePattern.Format(window.From));
                w.WriteNumber("hours", JsonFields.Hours(window.Span));
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (a.FixedDaysOff.Count > 0) JsonFields.WriteCompact(w, "fixedDaysOff", a.FixedDaysOff.Order().Select(JsonFields.Weekday));
        if (a.TimeOff.Count > 0) JsonFields.WriteCompact(w, "timeOff", a.TimeOff.Order().Select(d => JsonFields.DatePattern.Format(d)));
        if (a.Preferences.Count > 0)
        {
            w.WriteStartArray("preferences");
            foreach (var p in a.Preferences)
            {
                w.WriteStartObject();
                if (p.Date is { } date) w.WriteString("date", JsonFields.DatePattern.Format(date));
                if (p.Weekday is { } day) w.WriteString("weekday", JsonFields.Weekday(day));
                if (p.TemplateId is { } template) w.WriteString("template", template);
                if (p.Start is { } start) w.WriteString("start", JsonFields.TimePattern.Format(start));
                w.WriteBoolean("wanted", p.Wanted);
                w.WriteNumber("weight", p.Weight);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (a.Locked.Count > 0)
        {
            w.WriteStartArray("locked");
            foreach (var l in a.Locked)
            {
                w.WriteStartObject();
                w.WriteString("date", JsonFields.DatePattern.Format(l.Date));
                w.WriteString("template", l.TemplateId);
                w.WriteString("start", JsonFields.TimePattern.Format(l.Start));
                w.WriteNumber("lengthHours", JsonFields.Hours(l.Length));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (a.PreviousShiftEnd is { } end) w.WriteString("previousShiftEnd", JsonFields.InstantText.Format(end));
        if (a.KeptUntil is { } kept) w.WriteString("keptUntil", JsonFields.InstantText.Format(kept));
        if (a.ConsecutiveDaysBefore != 0) w.WriteNumber("consecutiveDaysBefore", a.ConsecutiveDaysBefore);
        if (!a.CountsBefore.IsZero)
        {
            w.WriteStartObject("countsBefore");
            w.WriteNumber("nights", a.CountsBefore.Nights);
            w.WriteNumber("weekends", a.CountsBefore.Weekends);
            w.WriteNumber("holidays", a.CountsBefore.Holidays);
            w.WriteEndObject();
        }

        if (a.OvertimeConsent) w.WriteBoolean("overtimeConsent", true);
        if (a.OvertimeCapPerWeek != NodaTime.Duration.Zero) w.WriteNumber("overtimeCapHoursPerWeek", JsonFields.Hours(a.OvertimeCapPerWeek));
        if (a.HourlyCost != 0) w.WriteNumber("hourlyCost", a.HourlyCost);
        w.WriteEndObject();
    }

    private static void WriteRules(Utf8JsonWriter w, RosterRules rules)
    {
        w.WriteStartObject("rules");
        w.WriteNumber("minRestHours", JsonFields.Hours(rules.MinRest));
        JsonFields.WriteCompact(w, "weekendDays", rules.WeekendDays.Order().Select(JsonFields.Weekday));
        if (rules.Holidays.Count > 0) JsonFields.WriteCompact(w, "holidays", rules.Holidays.Order().Select(d => JsonFields.DatePattern.Format(d)));
        if (rules.OvertimePremiumPercent != new RosterRules().OvertimePremiumPercent) w.WriteNumber("overtimePremiumPercent", rules.OvertimePremiumPercent);
        w.WriteStartObject("weights");
        foreach (var (name, weight) in Weights)
        {
            w.WriteNumber(name, weight.Get(rules));
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }
}
