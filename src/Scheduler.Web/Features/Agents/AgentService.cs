using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Audit;
using Scheduler.Data.Entities;
using Scheduler.Domain.History;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Agents;

/// <summary>Why an agent save was refused; nothing was stored.</summary>
public sealed class AgentSaveException(string message) : Exception(message);

/// <summary>
/// Agents for the Agents page: search, edit (optimistic concurrency), CSV import (all rows or none) and export.
/// </summary>
/// <remarks>
/// CSV columns: id,name,home_zone,skills,languages,min_hours,max_hours,max_days_in_row,min_days_off,night_consent,
/// fixed_days_off,availability. Lists are separated by ';' ("voice-bn;chat-bn", "Fri;Sat", "Mon 08:00+12;Tue 08:00+12").
/// </remarks>
public sealed class AgentService(IDbContextFactory<SchedulerDbContext> contextFactory, SiteSettings site, IClock clock)
{
    public const string Header = "id,name,home_zone,skills,languages,min_hours,max_hours,max_days_in_row,min_days_off,night_consent,fixed_days_off,availability";

    public async Task<IReadOnlyList<AgentEntity>> ListAsync(CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Agents.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
    }

    /// <summary>Agents whose name, id, skill, language or zone contains the text; optionally only one skill or zone.</summary>
    public static IEnumerable<AgentEntity> Filter(IEnumerable<AgentEntity> agents, string? text, string? skill, string? zone) =>
        agents.Where(a =>
            (string.IsNullOrWhiteSpace(text)
                || a.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || a.Id.Contains(text, StringComparison.OrdinalIgnoreCase)
                || a.Skills.Any(s => s.Contains(text, StringComparison.OrdinalIgnoreCase))
                || a.Languages.Any(l => l.Equals(text, StringComparison.OrdinalIgnoreCase))
                || a.HomeZone.Id.Contains(text, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrEmpty(skill) || a.Skills.Contains(skill))
            && (string.IsNullOrEmpty(zone) || a.HomeZone.Id == zone));

    /// <summary>Saves an edited agent; refused if invalid or if someone saved the agent since it was loaded.</summary>
    public async Task<AgentEntity> SaveAsync(AgentEntity edited, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(edited);
        var problems = Problems(edited).ToList();
        if (problems.Count > 0)
        {
            throw new AgentSaveException("Not saved: " + string.Join("; ", problems));
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var stored = await db.Agents.FirstOrDefaultAsync(a => a.Id == edited.Id, ct) ?? throw new AgentSaveException($"Agent {edited.Id} no longer exists.");
        if (stored.Version != edited.Version)
        {
            throw new AgentSaveException($"Not saved: someone else changed {stored.Name} after you opened it. Reload to see their change.");
        }

        // What the form does not show stays as stored: the account link (the Users page owns it), the calendar feed, wishes.
        var before = Short(stored);
        var (userName, feedHash, feedExpires, legacyFeed, wishes) = (stored.UserName, stored.CalendarTokenHash, stored.CalendarTokenExpires, stored.LegacyCalendarToken, stored.Preferences);
        db.Entry(stored).CurrentValues.SetValues(edited);
        (stored.UserName, stored.CalendarTokenHash, stored.CalendarTokenExpires, stored.LegacyCalendarToken, stored.Preferences) = (userName, feedHash, feedExpires, legacyFeed, wishes);
        stored.Skills = [.. edited.Skills];
        stored.Languages = [.. edited.Languages];
        stored.FixedDaysOff = [.. edited.FixedDaysOff];
        stored.Availability = [.. edited.Availability];
        stored.Version = Guid.NewGuid();
        var (was, now) = AuditLog.Changes([.. before.Zip(Short(stored), (a, b) => (a.Field, a.Value, b.Value))]);
        db.Audit(clock.GetCurrentInstant(), by, "agent.edit", $"agent {stored.Id}", was, now ?? "no change");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new AgentSaveException($"Not saved: someone else changed {stored.Name} after you opened it. Reload to see their change.");
        }

        return stored;
    }

    public static string Export(IEnumerable<AgentEntity> agents)
    {
        var text = new StringBuilder().AppendLine(Header);
        foreach (var a in agents.OrderBy(a => a.Id, StringComparer.Ordinal))
        {
            string[] fields =
            [
                a.Id, a.Name, a.HomeZone.Id, string.Join(';', a.Skills), string.Join(';', a.Languages),
                a.MinPaidPerWeek.TotalHours.ToString("0.##", CultureInfo.InvariantCulture), a.MaxPaidPerWeek.TotalHours.ToString("0.##", CultureInfo.InvariantCulture),
                a.MaxConsecutiveDays.ToString(CultureInfo.InvariantCulture), a.MinDaysOffPerWeek.ToString(CultureInfo.InvariantCulture), a.NightConsent ? "yes" : "no",
                string.Join(';', a.FixedDaysOff.Select(d => ((IsoDayOfWeek)d).ToString()[..3])), string.Join(';', a.Availability),
            ];
            text.AppendLine(CsvText.Line(fields));
        }

        return text.ToString();
    }

    /// <summary>At most this many bad lines are listed for one file.</summary>
    public const int MaxListedErrors = 200;

    /// <summary>Imports agents from CSV text (see the reader overload).</summary>
    public Task<(int Added, int Updated, IReadOnlyList<ImportError> Errors)> ImportAsync(string csv, string fileName, string by, CancellationToken ct) =>
        ImportAsync(new StringReader(csv), fileName, by, ct);

    /// <summary>
    /// Imports agents from CSV, read line by line: new ids are added, known ids updated. Any bad line refuses the whole
    /// file; the first <see cref="MaxListedErrors"/> errors are listed and the rest counted.
    /// </summary>
    public async Task<(int Added, int Updated, IReadOnlyList<ImportError> Errors)> ImportAsync(TextReader csv, string fileName, string by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new ErrorList(fileName);
        var rows = Parse(csv, fileName, errors);
        if (errors.More > 0)
        {
            errors.Listed.Add(new ImportError(fileName, 0, "(file)", $"{errors.More:N0} more error(s) not listed; nothing was imported"));
        }

        if (errors.Listed.Count > 0)
        {
            return (0, 0, errors.Listed);
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var known = await db.Agents.ToDictionaryAsync(a => a.Id, ct);
        int added = 0, updated = 0;
        foreach (var row in rows)
        {
            if (known.TryGetValue(row.Id, out var stored))
            {
                (row.UserName, row.CalendarTokenHash, row.CalendarTokenExpires, row.LegacyCalendarToken, row.Preferences) = (stored.UserName, stored.CalendarTokenHash, stored.CalendarTokenExpires, stored.LegacyCalendarToken, stored.Preferences);
                (row.OvertimeConsent, row.OvertimeCapPerWeek, row.HourlyCost) = (stored.OvertimeConsent, stored.OvertimeCapPerWeek, stored.HourlyCost); // not in the CSV: the form sets them
                db.Entry(stored).CurrentValues.SetValues(row);
                stored.Skills = row.Skills;
                stored.Languages = row.Languages;
                stored.FixedDaysOff = row.FixedDaysOff;
                stored.Availability = row.Availability;
                stored.Version = Guid.NewGuid();
                updated++;
            }
            else
            {
                db.Agents.Add(row);
                added++;
            }
        }

        db.Audit(clock.GetCurrentInstant(), by, "agent.import", $"file {fileName}", after: $"{added} added, {updated} updated: {string.Join(", ", rows.Select(r => r.Id).Take(40))}{(rows.Count > 40 ? ", ..." : string.Empty)}");
        await db.SaveChangesAsync(ct);
        return (added, updated, []);
    }

    /// <summary>The first errors of a file, and how many more there were.</summary>
    private sealed class ErrorList(string fileName)
    {
        public List<ImportError> Listed { get; } = [];

        public int More { get; private set; }

        public int Count => Listed.Count + More;

        public void Add(int line, string field, string reason)
        {
            if (Listed.Count < MaxListedErrors)
            {
                Listed.Add(new ImportError(fileName, line, field, reason));
            }
            else
            {
                More++;
            }
        }
    }

    private List<AgentEntity> Parse(TextReader csv, string fileName, ErrorList errors)
    {
        var rows = new List<AgentEntity>();
        var header = csv.ReadLine()?.TrimStart('\uFEFF');
        if (header is null || header.Trim() != Header)
        {
            errors.Add(1, "header", $"expected the header '{Header}'");
            return rows;
        }

        var fields = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queues = site.QueueIds;
        var line = 1;
        while (csv.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (CsvLine.Split(text, fields) is { } bad || fields.Count != 12)
            {
                errors.Add(line, "line", fields.Count != 12 ? $"expected 12 fields, found {fields.Count}" : "badly quoted");
                continue;
            }

            for (var f = 0; f < fields.Count; f++)
            {
                fields[f] = CsvText.Restore(fields[f]); // what our export protected against formula injection
            }

            void Error(string field, string reason) => errors.Add(line, field, reason);
            var a = new AgentEntity { Id = fields[0].Trim(), SiteId = site.SiteId, Name = fields[1].Trim(), HomeZone = DateTimeZone.Utc, Version = Guid.NewGuid() };
            if (a.Id.Length == 0 || a.Id.Length > StorageLimits.IdLength) Error("id", "required, at most 64 characters");
            else if (!seen.Add(a.Id)) Error("id", $"'{a.Id}' appears twice in the file");
            if (a.Name.Length == 0) Error("name", "required");
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(fields[2].Trim()) is { } zone) a.HomeZone = zone;
            else Error("home_zone", $"'{fields[2]}' is not a tz database zone id (e.g. Asia/Dhaka)");
            a.Skills = List(fields[3]);
            foreach (var s in a.Skills.Where(s => !queues.Contains(s))) Error("skills", $"'{s}' is not a queue ({string.Join(", ", queues)})");
            a.Languages = List(fields[4]);
            if (Hours(fields[5]) is { } min) a.MinPaidPerWeek = min; else Error("min_hours", $"'{fields[5]}' is not a number of hours 0-80");
            if (Hours(fields[6]) is { } max) a.MaxPaidPerWeek = max; else Error("max_hours", $"'{fields[6]}' is not a number of hours 0-80");
            if (a.MinPaidPerWeek > a.MaxPaidPerWeek) Error("max_hours", "is below min_hours");
            if (int.TryParse(fields[7], CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 7) a.MaxConsecutiveDays = days; else Error("max_days_in_row", $"'{fields[7]}' is not 1-7");
            if (int.TryParse(fields[8], CultureInfo.InvariantCulture, out var off) && off is >= 0 and <= 6) a.MinDaysOffPerWeek = off; else Error("min_days_off", $"'{fields[8]}' is not 0-6");
            switch (fields[9].Trim().ToLowerInvariant())
            {
                case "yes" or "true": a.NightConsent = true; break;
                case "no" or "false": a.NightConsent = false; break;
                default: Error("night_consent", $"'{fields[9]}' is not yes or no"); break;
            }

            foreach (var d in List(fields[10]))
            {
                if (PlanningService.ParseAvailabilityEntry($"{d} 00:00+1") is { } parsed) a.FixedDaysOff.Add((int)parsed.Day);
                else Error("fixed_days_off", $"'{d}' is not a weekday");
            }

            a.Availability = List(fields[11]);
            foreach (var entry in a.Availability.Where(e => PlanningService.ParseAvailabilityEntry(e) is null)) Error("availability", $"'{entry}' is not like 'Mon 08:00+12'");
            rows.Add(a);
        }

        return rows;
    }

    /// <summary>The fields a supervisor edits, in short form for the audit log.</summary>
    private static List<(string Field, string Value)> Short(AgentEntity a) =>
    [
        ("name", a.Name), ("home zone", a.HomeZone.Id), ("skills", string.Join(",", a.Skills)), ("languages", string.Join(",", a.Languages)),
        ("hours", $"{a.MinPaidPerWeek.TotalHours:0.#}-{a.MaxPaidPerWeek.TotalHours:0.#}"), ("days in a row", a.MaxConsecutiveDays.ToString(CultureInfo.InvariantCulture)),
        ("days off", a.MinDaysOffPerWeek.ToString(CultureInfo.InvariantCulture)), ("nights", a.NightConsent ? "yes" : "no"),
        ("fixed days off", string.Join(",", a.FixedDaysOff)), ("availability", string.Join(";", a.Availability)), ("active", a.Active ? "yes" : "no"),
        ("overtime", a.OvertimeConsent ? "yes" : "no"), ("overtime cap", $"{a.OvertimeCapPerWeek.TotalHours:0.#} h"), ("hourly wage", a.HourlyCost.ToString("0.##", CultureInfo.InvariantCulture)),
    ];

    private static IEnumerable<string> Problems(AgentEntity a)
    {
        if (string.IsNullOrWhiteSpace(a.Name)) yield return "the name is required";
        if (a.Skills.Count == 0) yield return "at least one skill is required";
        if (a.MinPaidPerWeek > a.MaxPaidPerWeek) yield return "minimum weekly hours are above the maximum";
        if (a.MaxConsecutiveDays is < 1 or > 7) yield return "days in a row must be 1-7";
        if (a.MinDaysOffPerWeek is < 0 or > 6) yield return "days off per week must be 0-6";
        if (a.OvertimeCapPerWeek < Duration.Zero) yield return $"overtime cap per week: {a.OvertimeCapPerWeek.TotalHours:0.#} h is below zero; 0 h means no overtime";
        if (a.OvertimeCapPerWeek > Duration.FromHours(40)) yield return "overtime cap per week: at most 40 h";
        if (a.HourlyCost < 0) yield return "hourly wage: must be 0 or more";
        foreach (var entry in a.Availability.Where(e => PlanningService.ParseAvailabilityEntry(e) is null)) yield return $"availability '{entry}' is not like 'Mon 08:00+12'";
    }

    private static List<string> List(string field) => [.. field.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static Duration? Hours(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h is >= 0 and <= 80 ? Duration.FromMinutes(Math.Round(h * 60)) : null;

}
