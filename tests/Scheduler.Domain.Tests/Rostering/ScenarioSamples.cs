using System.Text.Json.Nodes;

namespace Scheduler.Domain.Tests.Rostering;

/// <summary>A small valid scenario (one Dhaka day, 15-minute grid) and a way to change one value of it by path.</summary>
internal static class ScenarioSamples
{
    public static string Requirements(int count, int value = 1) => "[" + string.Join(",", Enumerable.Repeat(value, count)) + "]";

    public static string Valid(string zone = "Asia/Dhaka", string firstDate = "2026-11-29", int intervals = 96) => $$"""
        {
          // comments and trailing commas are allowed, as in the staffing configuration
          "zone": "{{zone}}",
          "horizon": { "firstDate": "{{firstDate}}", "days": 1, "intervalMinutes": 15 },
          "skills": ["voice-bn", "chat-bn"],
          "requirements": { "voice-bn": {{Requirements(intervals, 2)}}, "chat-bn": {{Requirements(intervals)}} },
          "templates": [
            { "id": "day8", "starts": ["06:00", "07:00"], "lengthsHours": [8], "breaks": [
              { "name": "meal", "minutes": 30, "paid": false, "earliestStartHours": 3, "latestEndHours": 5 },
              { "name": "tea", "minutes": 15, "paid": true, "earliestStartHours": 1, "latestEndHours": 2.5 } ] },
            { "id": "part4", "starts": ["10:00"], "lengthsHours": [4, 4.5], "breaks": [] }
          ],
          "agents": [
            { "id": "a001", "name": "Tanvir", "homeZone": "Asia/Dhaka", "skills": ["voice-bn", "chat-bn"], "languages": ["bn", "en"],
              "contract": { "minHoursPerWeek": 32, "maxHoursPerWeek": 48, "maxConsecutiveDays": 6, "minDaysOffPerWeek": 1 },
              "nightConsent": true, "availability": { "Friday": { "from": "08:00", "hours": 10 } }, "fixedDaysOff": ["Saturday"], "timeOff": ["2026-12-01"],
              "preferences": [ { "date": "2026-12-02", "wanted": false, "weight": 3 }, { "weekday": "Sunday", "template": "day8", "start": "07:00", "wanted": true, "weight": 1 } ],
              "locked": [ { "date": "{{firstDate}}", "template": "day8", "start": "07:00", "lengthHours": 8 } ],
              "previousShiftEnd": "2026-11-28T22:00:00Z", "consecutiveDaysBefore": 2 },
            { "id": "a002", "skills": ["voice-bn"],
              "contract": { "minHoursPerWeek": 16, "maxHoursPerWeek": 24.5, "maxConsecutiveDays": 5, "minDaysOffPerWeek": 2 } },
          ],
          "rules": { "minRestHours": 11, "weekendDays": ["Friday", "Saturday"], "weights": { "underCoverage": 1000, "overCoverage": 25, "shiftChange": 0 } }
        }
        """;

    /// <summary>Sets (or with <c>null</c> as <paramref name="valueJson"/>, removes) the value at a path such as <c>agents[0].contract.maxHoursPerWeek</c>.</summary>
    public static string With(string json, string path, string? valueJson)
    {
        var root = JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var parts = path.Replace("[", ".[").Split('.');
        var node = root;
        foreach (var part in parts[..^1])
        {
            node = part.StartsWith('[') ? node[int.Parse(part[1..^1])]! : node[part]!;
        }

        var last = parts[^1];
        var value = valueJson is null ? null : JsonNode.Parse(valueJson);
        if (last.StartsWith('[')) node[int.Parse(last[1..^1])] = value;
        else if (valueJson is null) node.AsObject().Remove(last);
        else node[last] = value;
        return root.ToJsonString();
    }
}
