using Scheduler.Domain.Curtois;
using Scheduler.Domain.History;
using Scheduler.Tests.Curtois;

namespace Scheduler.Domain.Tests.Curtois;

public sealed class CurtoisReaderTests
{
    public static TheoryData<int, int, int, int> Sizes => new()
    {
        // instance, days, staff, shift types: from the folder README's size table (counted from the files).
        { 1, 14, 8, 1 },
        { 2, 14, 14, 2 },
        { 3, 14, 20, 3 },
        { 4, 28, 10, 2 },
        { 5, 28, 16, 2 },
        { 6, 28, 18, 3 },
        { 7, 28, 20, 3 },
        { 8, 28, 30, 4 },
        { 9, 28, 36, 4 },
        { 10, 28, 40, 5 },
        { 11, 28, 50, 6 },
        { 12, 28, 60, 10 },
        { 13, 28, 120, 18 },
        { 14, 42, 32, 4 },
        { 15, 42, 45, 6 },
        { 16, 56, 20, 3 },
        { 17, 56, 32, 4 },
        { 18, 84, 22, 3 },
        { 19, 84, 40, 5 },
        { 20, 182, 50, 6 },
        { 21, 182, 100, 8 },
        { 22, 364, 50, 10 },
        { 23, 364, 100, 16 },
        { 24, 364, 150, 32 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Read_EveryInstanceOfTheFolder_HasTheSizesOfTheReadme(int number, int days, int staff, int shiftTypes)
    {
        var instance = CurtoisReader.Read(TestData.Curtois($"Instance{number}.txt"));

        Assert.Equal($"Instance{number}", instance.Name);
        Assert.Equal(days, instance.Days);
        Assert.Equal(staff, instance.Employees.Count);
        Assert.Equal(shiftTypes, instance.ShiftTypes.Count);
        Assert.Equal(days * shiftTypes, instance.Cover.Count); // one cover row per (day, shift type)
        Assert.All(instance.Employees, e => Assert.NotEmpty(e.DaysOff));
        Assert.All(instance.OnRequests, r => Assert.InRange(r.Weight, 1, 3));
    }

    [Fact]
    public void Read_Instance1_KnowsItsRules()
    {
        var instance = CurtoisReader.Read(TestData.Curtois("Instance1.txt"));

        Assert.Equal(21, instance.OnRequests.Count);
        Assert.Equal(5, instance.OffRequests.Count);
        Assert.All(instance.Cover, c => Assert.Equal((100, 1), (c.WeightUnder, c.WeightOver)));
        Assert.Equal(480, instance.ShiftTypes[0].Minutes);
    }

    [Fact]
    public void Read_Tiny_ReadsForbiddenSuccessionsAndLimits()
    {
        var instance = TinyCurtois.Instance();

        Assert.Equal([instance.ShiftIndex("E")], instance.ShiftTypes[instance.ShiftIndex("L")].CannotFollow);
        Assert.Empty(instance.ShiftTypes[instance.ShiftIndex("E")].CannotFollow);
        var b = instance.Employees[instance.EmployeeIndex("B")];
        Assert.Equal([7, 0], b.MaxShifts);
        Assert.Equal((1920, 960, 4, 1, 1, 1), (b.MaxTotalMinutes, b.MinTotalMinutes, b.MaxConsecutiveShifts, b.MinConsecutiveShifts, b.MinConsecutiveDaysOff, b.MaxWeekends));
        Assert.Equal([0], b.DaysOff);
    }

    [Theory]
    [InlineData("L,480,E", "L,480,X", 7, "CannotFollow", "'X'")] // a succession naming an unknown shift type.
    [InlineData("A,E=7|L=7,2400,1440,3,2,2,0", "A,E=7|L=7,2400,14x0,3,2,2,0", 11, "MinTotalMinutes", "'14x0'")] // not a number.
    [InlineData("A,E=7|L=7,2400,1440,3,2,2,0", "A,E=7|L=7,1000,1440,3,2,2,0", 11, "MinTotalMinutes", "above MaxTotalMinutes")] // minimum above maximum.
    [InlineData("B,3,E,1", "B,9,E,1", 21, "Day", "outside 0..6")] // a day outside the horizon.
    [InlineData("B,3,E,1", "Z,3,E,1", 21, "EmployeeID", "'Z'")] // an employee not in the staff section.
    [InlineData("5,E,2,100,1", "5,N,2,100,1", 38, "ShiftID", "'N'")] // cover for an unknown shift type.
    [InlineData("6,L,0,100,1", "6,L,0,100", 41, "line", "has 4 fields")] // a cover row with a field missing.
    public void Read_BadLine_NamesFileLineAndField(string good, string bad, int line, string field, string reason)
    {
        var text = TinyCurtois.Text.Replace(good, bad, StringComparison.Ordinal);
        Assert.NotEqual(TinyCurtois.Text, text);

        var error = Assert.Throws<ImportException>(() => CurtoisReader.Read(new StringReader(text), "tiny.txt", "Tiny"));

        var found = Assert.Single(error.Errors);
        Assert.Equal(("tiny.txt", line, field), (found.File, found.Line, found.Field));
        Assert.Contains(reason, found.Reason);
    }

    [Fact]
    public void Read_MissingSection_IsReported()
    {
        var text = TinyCurtois.Text.Replace("SECTION_SHIFT_OFF_REQUESTS", "SECTION_SHIFT_OF_REQUESTS", StringComparison.Ordinal);

        var error = Assert.Throws<ImportException>(() => CurtoisReader.Read(new StringReader(text), "tiny.txt", "Tiny"));

        Assert.Contains(error.Errors, e => e.Field == "section" && e.Reason.Contains("SECTION_SHIFT_OF_REQUESTS"));
        Assert.Contains(error.Errors, e => e.Field == "SECTION_SHIFT_OFF_REQUESTS" && e.Reason.Contains("missing"));
    }
}
