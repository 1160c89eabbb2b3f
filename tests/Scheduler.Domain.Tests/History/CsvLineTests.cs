using Scheduler.Domain.History;

namespace Scheduler.Domain.Tests.History;

public sealed class CsvLineTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,c,", new[] { "a", "", "c", "" })]
    [InlineData("\"a,b\",c", new[] { "a,b", "c" })]
    [InlineData("\"\",\"x\"\"y\"", new[] { "", "x\"y" })]
    [InlineData("", new[] { "" })]
    public void Split_WellFormedLine_GivesFields(string line, string[] expected)
    {
        var fields = new List<string>();

        Assert.Null(CsvLine.Split(line, fields));
        Assert.Equal(expected, fields);
    }

    [Theory]
    [InlineData("\"abc,d")]
    [InlineData("\"abc\"d,e")]
    [InlineData("ab\"c,d")]
    public void Split_MalformedQuotes_ReturnsError(string line) => Assert.NotNull(CsvLine.Split(line, []));
}
