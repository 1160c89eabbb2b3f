using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Rostering;

namespace Scheduler.Domain.Tests.Rostering;

public sealed class RosterJsonTests
{
    private static readonly Roster Sample = new(
    [
        new ShiftAssignment("a001", new LocalDate(2026, 11, 29), "day8", new LocalTime(7, 0), Duration.FromHours(8),
        [
            new BreakAssignment("tea", Instant.FromUtc(2026, 11, 29, 2, 15), Instant.FromUtc(2026, 11, 29, 2, 30), true),
            new BreakAssignment("meal", Instant.FromUtc(2026, 11, 29, 4, 0), Instant.FromUtc(2026, 11, 29, 4, 30), false),
        ]),
        new ShiftAssignment("a002", new LocalDate(2026, 11, 30), "part4", new LocalTime(10, 0), Duration.FromMinutes(270), []),
    ]);

    [Fact]
    public void Write_ReadBack_KeepsEveryShiftAndBreak()
    {
        var json = RosterJson.Write(Sample);

        var read = RosterJson.Read(json, "roster.json");

        Assert.Equal(Sample.Shifts.Count, read.Shifts.Count);
        for (var i = 0; i < Sample.Shifts.Count; i++)
        {
            Assert.Equal(Sample.Shifts[i] with { Breaks = [] }, read.Shifts[i] with { Breaks = [] });
            Assert.Equal(Sample.Shifts[i].Breaks, read.Shifts[i].Breaks);
        }

        Assert.Contains("\"start\": \"2026-11-29T04:00:00Z\"", json);
        Assert.Equal(json, RosterJson.Write(read));
    }

    [Fact]
    public void Write_ExtraFields_AreWrittenAndIgnoredOnRead()
    {
        var extra = new JsonObject { ["objective"] = 12_345, ["bound"] = 12_000, ["costs"] = new JsonObject { ["underCoverage"] = 4000 } };

        var json = RosterJson.Write(Sample, extra);
        var read = RosterJson.Read(json, "roster.json");

        Assert.Contains("\"objective\": 12345", json);
        Assert.Contains("\"underCoverage\": 4000", json);
        Assert.Equal(2, read.Shifts.Count);
    }

    [Fact]
    public void Read_BadValues_AreAllNamedByPath()
    {
        var json = """
            { "objective": 3, "shifts": [
              { "agent": "a001", "date": "2026-11-29", "template": "day8", "start": "7am", "lengthHours": 8,
                "breaks": [ { "name": "meal", "start": "2026-11-29T04:30:00Z", "end": "2026-11-29T04:00:00Z", "paid": false } ] },
              { "date": "2026-11-30", "template": "day8", "start": "07:00", "lengthHours": 0,
                "breaks": [ { "name": "tea", "start": "soon", "end": "2026-11-29T04:00:00Z", "paid": "yes" } ] }
            ] }
            """;

        var errors = Assert.Throws<ImportException>(() => RosterJson.Read(json, "roster.json")).Errors;

        Assert.Equal(
            ["$.shifts[0].breaks[0].end", "$.shifts[0].start", "$.shifts[1].agent", "$.shifts[1].breaks[0].paid", "$.shifts[1].breaks[0].start", "$.shifts[1].lengthHours"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_NoShiftsArray_IsRefused()
    {
        var error = Assert.Single(Assert.Throws<ImportException>(() => RosterJson.Read("{ \"objective\": 1 }", "roster.json")).Errors);

        Assert.Equal(("roster.json", "$.shifts"), (error.File, error.Field));
    }
}
