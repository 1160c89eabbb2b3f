using System.Globalization;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Rostering;

/// <summary>
/// Maps the requirements CSV of <c>scheduler staff</c> (columns <c>queue,interval_start,…,agents,…</c>) onto a
/// scenario's grid: the <c>agents</c> column of each row lands on the interval starting at that instant.
/// </summary>
/// <remarks>
/// Rows outside the horizon are passed over (a staffing run often covers more days than one roster); rows inside it
/// must start exactly on an interval of the grid, and every listed skill needs every interval. Queues that are not
/// skills of the scenario are errors: the skill list and the requirements must agree, as for inline requirements.
/// </remarks>
internal static class RequirementsCsv
{
    public static Dictionary<string, int[]>? Read(string path, IntervalGrid grid, IReadOnlyList<string> skills, List<ImportError> errors)
    {
        var name = Path.GetFileName(path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.TrimStart('\uFEFF').Split(',').Select(h => h.Trim()).ToList() ?? [];
        var columns = new[] { "queue", "interval_start", "interval_minutes", "agents" }.Select(c => header.IndexOf(c)).ToArray();
        if (columns.Any(c => c < 0))
        {
            errors.Add(new ImportError(name, 1, "header", $"needs the columns queue, interval_start, interval_minutes and agents (the file written by scheduler staff: {RequirementsFile.Header})"));
            return null;
        }

        var result = skills.ToDictionary(s => s, _ => Enumerable.Repeat(-1, grid.Count).ToArray());
        var errorsBefore = errors.Count;
        var fields = new List<string>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            void Fail(string field, string reason) => errors.Add(new ImportError(name, lineNumber, field, reason));
            var malformed = CsvLine.Split(line, fields);
            if (malformed is not null || fields.Count != header.Count)
            {
                Fail("line", malformed ?? $"has {fields.Count} fields; the header has {header.Count}");
                continue;
            }

            var queue = fields[columns[0]].Trim();
            var start = ForecastFile.StartPattern.Parse(fields[columns[1]].Trim());
            if (!start.Success)
            {
                Fail("interval_start", $"'{fields[columns[1]]}' is not a date-time with offset such as 2026-11-30T09:15:00+06:00");
                continue;
            }

            var instant = start.Value.ToInstant();
            if (instant < grid.Start || instant >= grid.End) continue;
            if (fields[columns[2]].Trim() != "15") Fail("interval_minutes", $"'{fields[columns[2]]}' is not 15; the roster grid is 15 minutes");
            if (!int.TryParse(fields[columns[3]], NumberStyles.None, CultureInfo.InvariantCulture, out var agents)) Fail("agents", $"'{fields[columns[3]]}' is not a whole number of 0 or more");
            if (!result.TryGetValue(queue, out var values))
            {
                Fail("queue", $"'{queue}' is not a skill of the scenario ({string.Join(", ", skills)})");
                continue;
            }

            var index = grid.IndexOf(instant);
            if (grid.Intervals[index].Start != instant) Fail("interval_start", $"'{fields[columns[1]]}' does not start an interval of the grid");
            else if (values[index] >= 0) Fail("interval_start", $"queue '{queue}' has two rows for {fields[columns[1]]}");
            else values[index] = agents;
        }

        foreach (var (skill, values) in result)
        {
            var missing = Enumerable.Range(0, grid.Count).Where(i => values[i] < 0).ToList();
            if (missing.Count == 0) continue;
            var first = ForecastFile.StartPattern.Format(grid.Intervals[missing[0]].Start.InZone(grid.Zone).ToOffsetDateTime());
            errors.Add(new ImportError(name, 0, "interval_start", $"skill '{skill}' has no row for {first}" + (missing.Count > 1 ? $" and {missing.Count - 1} more intervals of the horizon" : string.Empty)));
        }

        return errors.Count > errorsBefore ? null : result;
    }
}
