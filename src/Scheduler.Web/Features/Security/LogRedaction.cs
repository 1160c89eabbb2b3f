using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Scheduler.Web.Features.Security;

/// <summary>
/// Secrets that travel in URL paths (calendar feeds, set-password links) never reach a log: every string property of
/// every event, whoever logged it (request logging, ASP.NET Core's hosting, our own), has them replaced.
/// </summary>
public sealed partial class LogRedaction : ILogEventEnricher
{
    public const string Mask = "[redacted]";

    public static string Redact(string text) => text.Contains("calendar/", StringComparison.OrdinalIgnoreCase) || text.Contains("set-password/", StringComparison.OrdinalIgnoreCase)
        ? SecretSegment().Replace(text, m => $"{m.Groups[1].Value}{Mask}{m.Groups[3].Value}")
        : text;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (value is ScalarValue { Value: string text } && Redact(text) is var redacted && redacted != text)
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(redacted)));
            }
        }
    }

    [GeneratedRegex(@"((?:calendar|set-password)/)([^/?#\s""']+?)(\.ics|[/?#\s""']|$)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretSegment();
}
