using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Requests;

namespace Scheduler.Web.Tests;

/// <summary>
/// A swap's effect on each queue's projected service level in the hours it touches: a percentage, "backlog" for the
/// email queue (no service level), and, when no contacts are forecast in those hours, a sentence saying so. A voice
/// queue read "backlog → backlog" for a week beyond the forecast.
/// </summary>
public sealed class ChangePreviewViewTests
{
    [Fact]
    public void A_queue_with_no_contacts_forecast_in_the_hours_touched_says_so_instead_of_backlog()
    {
        using var context = Context();

        var view = context.Render<ChangePreviewView>(p => p.Add(v => v.Preview, Preview(new QueueImpact("voice-en", null, null, Contacts: 0))));

        var row = view.Find("tbody tr").TextContent;
        Assert.Contains("no contacts forecast then", row, StringComparison.Ordinal);
        Assert.DoesNotContain("backlog", row, StringComparison.Ordinal);
    }

    [Fact]
    public void A_queue_with_contacts_shows_its_service_level_before_and_after_and_email_reads_backlog()
    {
        using var context = Context();

        var voice = context.Render<ChangePreviewView>(p => p.Add(v => v.Preview, Preview(new QueueImpact("voice-en", 0.82, 0.74, Contacts: 40))));
        var email = context.Render<ChangePreviewView>(p => p.Add(v => v.Preview, Preview(new QueueImpact("email-en", null, null, Contacts: 12))));

        Assert.Contains("82 % → 74 %", voice.Find("tbody tr").TextContent, StringComparison.Ordinal);
        Assert.Contains("backlog → backlog", email.Find("tbody tr").TextContent, StringComparison.Ordinal);
    }

    private static ChangePreview Preview(QueueImpact impact)
    {
        var start = Instant.FromUtc(2026, 12, 30, 2, 0);
        var effect = new TradeEffect([], 0, 1_000, 0, 1, [new CoverageChange(0, start, impact.Queue, Required: 1, Before: 1, After: 0)]);
        return new ChangePreview(1, 1, effect, [impact]);
    }

    private static BunitContext Context()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        return context;
    }
}
