using System.Text.Json;
using NodaTime;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Rostering;

/// <summary>Reads and checks the scenario JSON (docs/formats/scenario.md), collecting every error with its JSON path.</summary>
/// <remarks>
/// Checks that need the grid (requirement counts, starts on the grid) are skipped when the zone or horizon is bad:
/// those errors are reported and the rest of the file is still checked, so one run lists everything to fix.
/// </remarks>
internal sealed class ScenarioReader(JsonFields f, string baseDirectory)
{
    public RosterScenario? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            f.Fail("$", "the file must hold one JSON object");
            return null;
        }

        var zone = f.Zone(root, "$", "zone");
        LocalDate? firstDate = null;
        int? days = null;
        Duration? interval = null;
        if (f.Object(root, "$", "horizon") is { } h)
        {
            firstDate = f.Date(h, "$.horizon", "firstDate");
            days = (int?)f.Integer(h, "$.horizon", "days", 1, 28);
            var minutes = f.Integer(h, "$.horizon", "intervalMinutes", 1, 1440);
            if (minutes is { } m && !IntervalGrid.AllowedMinutes.Contains((int)m)) f.Fail("$.horizon.intervalMinutes", $"{m} is not one of 5, 15, 30, 60");
            else if (minutes is { } ok) interval = Duration.FromMinutes(ok);
        }

        var grid = zone is not null && firstDate is { } fd && days is { } d && interval is { } i ? new IntervalGrid(zone, fd, d, i) : null;
        var skills = Skills(root);
        var requirements = Requirements(root, grid, skills);
        var templates = Templates(root, interval);
        var agents = Agents(root, zone, grid, skills, templates);
        var rules = f.Object(root, "$", "rules", required: false) is { } r ? Rules(r) : new RosterRules();
        if (f.Errors.Count > 0 || grid is null || requirements is null || rules is null) return null;
        return new RosterScenario(grid.Zone, grid.FirstDate, grid.Days, grid.IntervalLength, skills, requirements, templates, agents, rules);
    }

    private List<string> Skills(JsonElement root)
    {
        var skills = new List<string>();
        foreach (var (item, path) in JsonFields.Items(f.Array(root, "$", "skills"), "$.skills"))
        {
            if (f.AsString(item, path) is not { } skill) continue;
            if (skills.Contains(skill)) f.Fail(path, $"skill '{skill}' is listed twice");
            else skills.Add(skill);
        }

        return skills;
    }

    private Dictionary<string, int[]>? Requirements(JsonElement root, IntervalGrid? grid, List<string> skills)
    {
        var inline = f.Object(root, "$", "requirements", required: false);
        var file = f.String(root, "$", "requirementsFile", required: false);
        if (inline is not null && file is not null)
        {
            f.Fail("$.requirementsFile", "give either requirements or requirementsFile, not both");
            return null;
        }

        if (file is not null)
        {
            if (grid is null) return null;
            if (grid.IntervalLength != Duration.FromMinutes(15))
            {
                f.Fail("$.requirementsFile", "a requirements file can only feed a 15-minute grid; set horizon.intervalMinutes to 15");
                return null;
            }

            var path = Path.Combine(baseDirectory, file);
            if (!File.Exists(path))
            {
                f.Fail("$.requirementsFile", $"'{path}' does not exist");
                return null;
            }

            return RequirementsCsv.Read(path, grid, skills, f.Errors);
        }

        if (inline is not { } req)
        {
            f.Fail("$.requirements", "is missing (or give requirementsFile)");
            return null;
        }

        var result = new Dictionary<string, int[]>();
        foreach (var property in req.EnumerateObject())
        {
            var path = $"$.requirements.{property.Name}";
            if (!skills.Contains(property.Name))
            {
                f.Fail(path, $"'{property.Name}' is not listed in $.skills");
                continue;
            }

            if (f.AsKind(property.Value, path, JsonValueKind.Array) is not { } array) continue;
            var values = JsonFields.Items(array, path).Select(x => (int?)f.AsInteger(x.Item, x.Path, 0, 100_000)).ToArray();
            if (grid is not null && values.Length != grid.Count)
            {
                f.Fail(path, $"has {values.Length} values; the horizon has {grid.Count} intervals (a day with a DST change has more or fewer)");
            }

            result[property.Name] = [.. values.Select(v => v ?? 0)];
        }

        foreach (var skill in skills.Where(s => !result.ContainsKey(s)))
        {
            f.Fail($"$.requirements.{skill}", $"is missing: skill '{skill}' needs one value per interval");
        }

        return result;
    }

    private List<ShiftTemplate> Templates(JsonElement root, Duration? interval)
    {
        var templates = new List<ShiftTemplate>();
        foreach (var (t, path) in JsonFields.Items(f.Array(root, "$", "templates"), "$.templates"))
        {
            if (f.AsKind(t, path, JsonValueKind.Object) is null) continue;
            var id = f.String(t, path, "id");
            if (id is not null && templates.Any(x => x.Id == id)) f.Fail($"{path}.id", $"template '{id}' is listed twice");
            var starts = new List<LocalTime>();
            foreach (var (s, sp) in JsonFields.Items(f.Array(t, path, "starts"), $"{path}.starts"))
            {
                if (f.AsTime(s, sp) is not { } start) continue;
                if (interval is { } i && !OnGrid(Duration.FromTicks(start.TickOfDay), i)) f.Fail(sp, $"{start:HH:mm} is not on the {i.TotalMinutes:0}-minute grid");
                else if (starts.Contains(start)) f.Fail(sp, $"{start:HH:mm} is listed twice");
                else starts.Add(start);
            }

            var lengths = new List<Duration>();
            foreach (var (l, lp) in JsonFields.Items(f.Array(t, path, "lengthsHours"), $"{path}.lengthsHours"))
            {
                if (f.AsHours(l, lp, 24) is not { } length) continue;
                if (interval is { } i && !OnGrid(length, i)) f.Fail(lp, $"{JsonFields.Hours(length)} h is not a multiple of the {i.TotalMinutes:0}-minute interval");
                else lengths.Add(length);
            }

            if (starts.Count == 0) f.Fail($"{path}.starts", "needs at least one start");
            if (lengths.Count == 0) f.Fail($"{path}.lengthsHours", "needs at least one length");
            var breaks = Breaks(t, path, interval, lengths.Count > 0 ? lengths.Min() : (Duration?)null);
            TemplateScope? onlyFor = null;
            if (f.Object(t, path, "onlyFor", required: false) is { } o && f.String(o, $"{path}.onlyFor", "agent") is { } agent && f.Date(o, $"{path}.onlyFor", "date") is { } date)
            {
                onlyFor = new TemplateScope(agent, date);
            }

            if (id is not null) templates.Add(new ShiftTemplate(id, starts, lengths, breaks, onlyFor));
        }

        return templates;
    }

    private List<BreakRule> Breaks(JsonElement t, string templatePath, Duration? interval, Duration? shortest)
    {
        var breaks = new List<BreakRule>();
        foreach (var (b, path) in JsonFields.Items(f.Array(t, templatePath, "breaks", required: false), $"{templatePath}.breaks"))
        {
            if (f.AsKind(b, path, JsonValueKind.Object) is null) continue;
            var name = f.String(b, path, "name");
            var minutes = f.Integer(b, path, "minutes", 1, 240);
            var paid = f.Bool(b, path, "paid");
            var earliest = f.Hours(b, path, "earliestStartHours", 24, allowZero: true);
            var latest = f.Hours(b, path, "latestEndHours", 24);
            if (name is not null && breaks.Any(x => x.Name == name)) f.Fail($"{path}.name", $"break '{name}' is listed twice");
            if (minutes is { } m && interval is { } i && m % (long)i.TotalMinutes != 0) f.Fail($"{path}.minutes", $"{m} is not a multiple of the {i.TotalMinutes:0}-minute interval");
            if (earliest is { } e0 && interval is { } i2 && !OnGrid(e0, i2)) f.Fail($"{path}.earliestStartHours", $"a break must start on the {i2.TotalMinutes:0}-minute grid");
            if (name is null || minutes is null || paid is null || earliest is not { } e || latest is not { } l) continue;
            var rule = new BreakRule(name, Duration.FromMinutes(minutes.Value), paid.Value, e, l);
            if (e + rule.Length > l) f.Fail($"{path}.latestEndHours", $"the window {JsonFields.Hours(e)}-{JsonFields.Hours(l)} h is shorter than the {minutes} minute break");
            else if (shortest is { } s && l > s) f.Fail($"{path}.latestEndHours", $"the window ends after the shortest shift ({JsonFields.Hours(s)} h) ends");
            else if (breaks.FirstOrDefault(x => x.EarliestStart < l && e < x.LatestEnd) is { } other)
            {
                f.Fail($"{path}.earliestStartHours", $"the window {JsonFields.Hours(e)}-{JsonFields.Hours(l)} h overlaps the window of break '{other.Name}'; windows of one template must not overlap");
            }

            breaks.Add(rule);
        }

        return breaks;
    }

    private List<RosterAgent> Agents(JsonElement root, DateTimeZone? zone, IntervalGrid? grid, List<string> skills, List<ShiftTemplate> templates)
    {
        var agents = new List<RosterAgent>();
        foreach (var (a, path) in JsonFields.Items(f.Array(root, "$", "agents"), "$.agents"))
        {
            if (f.AsKind(a, path, JsonValueKind.Object) is null) continue;
            var before = f.Errors.Count;
            var id = f.String(a, path, "id");
            if (id is not null && agents.Any(x => x.Id == id)) f.Fail($"{path}.id", $"agent '{id}' is listed twice");
            var name = f.String(a, path, "name", required: false) ?? id;
            var home = a.TryGetProperty("homeZone", out _) ? f.Zone(a, path, "homeZone") : zone;
            var agentSkills = new HashSet<string>();
            foreach (var (s, sp) in JsonFields.Items(f.Array(a, path, "skills"), $"{path}.skills"))
            {
                if (f.AsString(s, sp) is not { } skill) continue;
                if (!skills.Contains(skill)) f.Fail(sp, $"'{skill}' is not listed in $.skills");
                agentSkills.Add(skill);
            }

            var languages = JsonFields.Items(f.Array(a, path, "languages", required: false), $"{path}.languages").Select(x => f.AsString(x.Item, x.Path)).OfType<string>().ToHashSet();
            var contract = Contract(a, path);
            var nightConsent = f.Bool(a, path, "nightConsent", required: false) ?? false;
            var availability = new Dictionary<IsoDayOfWeek, AvailabilityWindow>();
            if (f.Object(a, path, "availability", required: false) is { } av)
            {
                foreach (var p in av.EnumerateObject())
                {
                    var wp = $"{path}.availability.{p.Name}";
                    var day = f.WeekdayName(p.Name, wp);
                    if (f.AsKind(p.Value, wp, JsonValueKind.Object) is not { } w) continue;
                    var from = f.Time(w, wp, "from");
                    var span = f.Hours(w, wp, "hours", 24);
                    if (day is { } dd && from is { } fr && span is { } sp) availability[dd] = new AvailabilityWindow(fr, sp);
                }
            }

            var fixedOff = JsonFields.Items(f.Array(a, path, "fixedDaysOff", required: false), $"{path}.fixedDaysOff").Select(x => f.AsWeekday(x.Item, x.Path)).OfType<IsoDayOfWeek>().ToHashSet();
            var timeOff = JsonFields.Items(f.Array(a, path, "timeOff", required: false), $"{path}.timeOff").Select(x => f.AsDate(x.Item, x.Path)).OfType<LocalDate>().ToHashSet();
            var preferences = JsonFields.Items(f.Array(a, path, "preferences", required: false), $"{path}.preferences").Select(x => Preference(x.Item, x.Path, templates)).OfType<Preference>().ToList();
            var locked = JsonFields.Items(f.Array(a, path, "locked", required: false), $"{path}.locked").Select(x => Locked(x.Item, x.Path, grid, templates)).OfType<LockedShift>().ToList();
            var previousEnd = f.Instant(a, path, "previousShiftEnd", required: false);
            var daysBefore = (int)(f.Integer(a, path, "consecutiveDaysBefore", 0, 366, required: false) ?? 0);
            var countsBefore = CountsBefore(a, path);
            var overtimeConsent = f.Bool(a, path, "overtimeConsent", required: false) ?? false;
            var overtimeCap = f.Hours(a, path, "overtimeCapHoursPerWeek", 168, required: false, allowZero: true) ?? Duration.Zero;
            var hourlyCost = f.Number(a, path, "hourlyCost", 0, 1_000_000, required: false) ?? 0;
            var keptUntil = f.Instant(a, path, "keptUntil", required: false);
            if (f.Errors.Count > before || id is null || home is null || contract is null) continue;
            agents.Add(new RosterAgent(id, name!, home, agentSkills, languages, contract, nightConsent, availability, fixedOff, timeOff, preferences, locked, previousEnd, daysBefore, keptUntil)
            {
                CountsBefore = countsBefore,
                OvertimeConsent = overtimeConsent,
                OvertimeCapPerWeek = overtimeCap,
                HourlyCost = (decimal)hourlyCost,
            });
        }

        return agents;
    }

    /// <summary>The running balance before the horizon (decision 015): whole shift counts, each 0 to 10 000.</summary>
    private FairnessCounts CountsBefore(JsonElement a, string agentPath)
    {
        if (f.Object(a, agentPath, "countsBefore", required: false) is not { } c) return FairnessCounts.Zero;
        var path = $"{agentPath}.countsBefore";
        foreach (var p in c.EnumerateObject().Where(p => p.Name is not ("nights" or "weekends" or "holidays")))
        {
            f.Fail($"{path}.{p.Name}", $"'{p.Name}' is not a count (nights, weekends, holidays)");
        }

        int Count(string name) => (int)(f.Integer(c, path, name, 0, 10_000, required: false) ?? 0);
        return new FairnessCounts(Count("nights"), Count("weekends"), Count("holidays"));
    }

    private Contract? Contract(JsonElement a, string agentPath)
    {
        if (f.Object(a, agentPath, "contract") is not { } c) return null;
        var path = $"{agentPath}.contract";
        var min = f.Hours(c, path, "minHoursPerWeek", 168, allowZero: true);
        var max = f.Hours(c, path, "maxHoursPerWeek", 168);
        var consecutive = f.Integer(c, path, "maxConsecutiveDays", 1, 28);
        var daysOff = f.Integer(c, path, "minDaysOffPerWeek", 0, 7);
        if (min is { } lo && max is { } hi && lo > hi) f.Fail($"{path}.minHoursPerWeek", $"{JsonFields.Hours(lo)} is more than maxHoursPerWeek {JsonFields.Hours(hi)}");
        else if (min is { } mn && max is { } mx && consecutive is { } cd && daysOff is { } off) return new Contract(mn, mx, (int)cd, (int)off);
        return null;
    }

    private Preference? Preference(JsonElement p, string path, List<ShiftTemplate> templates)
    {
        if (f.AsKind(p, path, JsonValueKind.Object) is null) return null;
        var before = f.Errors.Count;
        var date = f.Date(p, path, "date", required: false);
        var weekday = f.Weekday(p, path, "weekday", required: false);
        var templateId = f.String(p, path, "template", required: false);
        var start = f.Time(p, path, "start", required: false);
        var wanted = f.Bool(p, path, "wanted");
        var weight = f.Integer(p, path, "weight", 0, 1000, required: false) ?? 1;
        var template = templateId is null ? null : templates.FirstOrDefault(t => t.Id == templateId);
        if (templateId is not null && template is null) f.Fail($"{path}.template", $"'{templateId}' is not a template id");
        if (template is not null && start is { } s && !template.Starts.Contains(s)) f.Fail($"{path}.start", $"{s:HH:mm} is not a start of template '{template.Id}'");
        return f.Errors.Count > before || wanted is null ? null : new Preference(date, weekday, templateId, start, wanted.Value, (int)weight);
    }

    private LockedShift? Locked(JsonElement l, string path, IntervalGrid? grid, List<ShiftTemplate> templates)
    {
        if (f.AsKind(l, path, JsonValueKind.Object) is null) return null;
        var date = f.Date(l, path, "date");
        var templateId = f.String(l, path, "template");
        var start = f.Time(l, path, "start");
        var length = f.Hours(l, path, "lengthHours", 24);
        if (date is { } d && grid is not null && (d < grid.FirstDate || d > grid.LastDate)) f.Fail($"{path}.date", $"{d:yyyy-MM-dd} is outside the horizon {grid.FirstDate:yyyy-MM-dd}..{grid.LastDate:yyyy-MM-dd}");
        var template = templateId is null ? null : templates.FirstOrDefault(t => t.Id == templateId);
        if (templateId is not null && template is null) f.Fail($"{path}.template", $"'{templateId}' is not a template id");
        if (template is null || date is null || start is not { } s || length is not { } len) return null;
        if (!template.Starts.Contains(s)) f.Fail($"{path}.start", $"{s:HH:mm} is not a start of template '{template.Id}' ({string.Join(", ", template.Starts.Select(x => x.ToString("HH:mm", null)))})");
        else if (!template.Lengths.Contains(len)) f.Fail($"{path}.lengthHours", $"{JsonFields.Hours(len)} h is not a length of template '{template.Id}'");
        else return new LockedShift(date.Value, template.Id, s, len);
        return null;
    }

    private RosterRules? Rules(JsonElement r)
    {
        var before = f.Errors.Count;
        var rules = new RosterRules();
        if (f.Hours(r, "$.rules", "minRestHours", 48, required: false, allowZero: true) is { } rest) rules = rules with { MinRest = rest };
        if (f.Integer(r, "$.rules", "overtimePremiumPercent", 100, 1000, required: false) is { } premium) rules = rules with { OvertimePremiumPercent = (int)premium };
        if (f.Array(r, "$.rules", "weekendDays", required: false) is { } wd)
        {
            rules = rules with { WeekendDays = JsonFields.Items(wd, "$.rules.weekendDays").Select(x => f.AsWeekday(x.Item, x.Path)).OfType<IsoDayOfWeek>().ToHashSet() };
        }

        if (f.Array(r, "$.rules", "holidays", required: false) is { } hd)
        {
            var holidays = new HashSet<LocalDate>();
            foreach (var (item, path) in JsonFields.Items(hd, "$.rules.holidays"))
            {
                if (f.AsDate(item, path) is not { } date) continue;
                if (!holidays.Add(date)) f.Fail(path, $"{date:yyyy-MM-dd} is listed twice");
            }

            rules = rules with { Holidays = holidays };
        }

        if (f.Object(r, "$.rules", "weights", required: false) is { } w)
        {
            foreach (var p in w.EnumerateObject())
            {
                var path = $"$.rules.weights.{p.Name}";
                if (!ScenarioJson.Weights.TryGetValue(p.Name, out var weight)) f.Fail(path, $"'{p.Name}' is not a rule weight ({string.Join(", ", ScenarioJson.Weights.Keys)})");
                else if (f.AsInteger(p.Value, path, 0, 1_000_000_000) is { } value) rules = weight.Set(rules, value);
            }
        }

        return f.Errors.Count > before ? null : rules;
    }

    private static bool OnGrid(Duration offset, Duration interval) => offset.BclCompatibleTicks % interval.BclCompatibleTicks == 0;
}
