using Scheduler.Web.Features.Security;
using Serilog.Events;
using Serilog.Parsing;

namespace Scheduler.Web.Tests;

/// <summary>Secrets in URL paths never reach a log line, whichever property carries them.</summary>
public sealed class LogRedactionTests
{
    [Theory]
    [InlineData("/calendar/AbC-123_xyzAbC-123_xyz.ics", "/calendar/[redacted].ics")] // a feed request path
    [InlineData("GET http://host/calendar/AbC-123_xyz.ics?x=1", "GET http://host/calendar/[redacted].ics?x=1")] // hosting's request line
    [InlineData("with value 'calendar/AbC-123_xyz.ics' for", "with value 'calendar/[redacted].ics' for")] // routing's debug line, no leading slash
    [InlineData("/set-password/AbC-123_xyz", "/set-password/[redacted]")] // a set-password link
    [InlineData("/set-password/AbC-123_xyz?from=mail", "/set-password/[redacted]?from=mail")]
    [InlineData("/roster/week", "/roster/week")] // nothing secret: unchanged
    public void Redact_ReplacesTheSecretSegmentOnly(string text, string expected) => Assert.Equal(expected, LogRedaction.Redact(text));

    [Fact]
    public void Enrich_RewritesEveryStringProperty()
    {
        var logEvent = new LogEvent(DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("{Path} {Other}"),
            [new LogEventProperty("Path", new ScalarValue("/calendar/secret-token-1234567890.ics")), new LogEventProperty("Other", new ScalarValue(42))]);

        new LogRedaction().Enrich(logEvent, null!);

        Assert.Equal("\"/calendar/[redacted].ics\" 42", logEvent.RenderMessage());
    }
}
