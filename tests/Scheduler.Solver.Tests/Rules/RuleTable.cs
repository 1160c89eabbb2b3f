using System.Globalization;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Rules;

namespace Scheduler.Solver.Tests.Rules;

/// <summary>
/// One row of a rule's table: a tiny roster run through the Domain rule (the validator's violations and costs of that
/// rule) and through the rule's CP-SAT face alone (<see cref="RuleCheck"/>), which must agree with the row and so with
/// each other.
/// </summary>
/// <remarks>
/// Rosters are written in a short notation, shifts separated by spaces: <c>a:1@16</c> is agent a on day 1 (0 = the
/// scenario's first date) from 16:00 on the first template (<c>a:1@16:30</c> with minutes; <c>a:1@22=night</c> on the
/// template night, its first length); <c>/lunch+240</c> after it places the break lunch 240 minutes after the start.
/// </remarks>
internal static class RuleTable
{
    public static void Row(RosterScenario scenario, string rule, string roster, bool holds, long penalty = 0, string? baseline = null)
    {
        var shifts = Parse(scenario, roster);
        var before = baseline is null ? null : Parse(scenario, baseline);
        var report = RosterValidator.Validate(scenario, shifts, before);
        var breaches = report.Violations.Where(v => v.Rule == rule).ToList();
        Assert.True(holds == (breaches.Count == 0), $"validator: '{roster}' {(holds ? "breaks" : "keeps")} {rule}: {string.Join("; ", breaches.Select(b => b.Description))}");
        Assert.All(breaches, b => Assert.False(string.IsNullOrWhiteSpace(b.Description)));
        Assert.Equal(penalty, report.Costs.Where(c => c.Rule == rule).Sum(c => c.Cost));

        var verdict = RuleCheck.Judge(scenario, shifts, rule, before);
        Assert.True(holds == verdict.Feasible, $"CP-SAT alone with {rule}: '{roster}' is {(verdict.Feasible ? "feasible" : "infeasible")}");
        if (holds)
        {
            Assert.Equal(penalty, verdict.Penalty);
        }
    }

    public static Roster Parse(RosterScenario scenario, string roster)
    {
        var shifts = new List<ShiftAssignment>();
        foreach (var token in roster.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = token.Split('/');
            var head = parts[0];
            var agent = head[..head.IndexOf(':')];
            var day = int.Parse(head[(head.IndexOf(':') + 1)..head.IndexOf('@')], CultureInfo.InvariantCulture);
            var rest = head[(head.IndexOf('@') + 1)..];
            var template = scenario.Templates[0];
            if (rest.Contains('='))
            {
                template = scenario.Template(rest[(rest.IndexOf('=') + 1)..]);
                rest = rest[..rest.IndexOf('=')];
            }

            var time = rest.Split(':');
            var start = new LocalTime(int.Parse(time[0], CultureInfo.InvariantCulture), time.Length > 1 ? int.Parse(time[1], CultureInfo.InvariantCulture) : 0);
            var date = scenario.FirstDate.PlusDays(day);
            var startInstant = date.At(start).InZoneLeniently(scenario.Zone).ToInstant();
            var breaks = parts.Skip(1).Select(b =>
            {
                var name = b[..b.IndexOf('+')];
                var offset = Duration.FromMinutes(int.Parse(b[(b.IndexOf('+') + 1)..], CultureInfo.InvariantCulture));
                var breakRule = template.Breaks.First(r => r.Name == name);
                return new BreakAssignment(name, startInstant + offset, startInstant + offset + breakRule.Length, breakRule.Paid);
            }).ToList();
            shifts.Add(new ShiftAssignment(agent, date, template.Id, start, template.Lengths[0], breaks));
        }

        return new Roster(shifts);
    }

    /// <summary>An instant on day <paramref name="day"/> of the tiny scenarios, Dhaka time.</summary>
    public static Instant At(int day, int hour) => Tiny.Sunday.PlusDays(day).At(new LocalTime(hour, 0)).InZoneStrictly(Tiny.Dhaka).ToInstant();
}
