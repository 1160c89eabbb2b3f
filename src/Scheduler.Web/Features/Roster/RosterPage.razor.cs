using NodaTime;

namespace Scheduler.Web.Features.Roster;

/// <summary>The roster grid's tooltips, worded in the reader's language at render time (the cached view carries the facts).</summary>
public partial class RosterPage
{
    /// <summary>A bar's tooltip in the reader's language: template, times in the viewer's zone, hours, overtime, activities.</summary>
    private string BarTitle(ShiftBar bar)
    {
        var overtime = bar.Shift.Overtime > Duration.Zero ? L["BarOvertime", Hours(bar.Shift.Overtime)].Value : string.Empty;
        var title = L["BarTitle", bar.Shift.TemplateId, Hm(bar.Start), Hm(bar.End), Hours(bar.Elapsed), Hours(bar.Paid), overtime].Value;
        return bar.Activities.Count == 0 ? title : title + "; " + string.Join("; ", bar.Activities.Select(MarkTitle));
    }

    /// <summary>A break's or an activity's tooltip: "lunch 12:00-12:30 (unpaid)", "training: New card product 10:00-11:00".</summary>
    private string MarkTitle(BarMark mark)
    {
        if (mark.Activity is { } a)
        {
            var kind = L["Activity" + a.Kind].Value;
            var coach = a.CoachId is { } c ? L["ActivityCoach", AgentNameOf(c)].Value : string.Empty;
            return L["ActivityTitle", kind, a.Name, Hm(mark.Start), Hm(mark.End), coach].Value;
        }

        return L["BreakTitle", mark.Break?.Name ?? string.Empty, Hm(mark.Start), Hm(mark.End), mark.Break is { Paid: false } ? L["BreakUnpaid"].Value : string.Empty].Value;
    }

    private string AgentNameOf(string id) => Current?.Scenario.Agents.FirstOrDefault(a => a.Id == id)?.Name ?? id;

    private static string Hm(LocalTime time) => time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static string Hours(Duration d) => d.TotalHours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
