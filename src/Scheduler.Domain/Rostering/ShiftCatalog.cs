using NodaTime;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Domain.Rostering;

/// <summary>
/// Every shift option of the horizon, and which of them each agent may work (availability, approved time off, fixed
/// days off, night consent). The solver only offers allowed options; the validator reports any other as a breach.
/// </summary>
public sealed class ShiftCatalog
{
    private readonly Dictionary<(string Template, LocalDate Date, LocalTime Start, Duration Length), ShiftOption> _byKey = [];

    public ShiftCatalog(RosterScenario scenario)
    {
        Scenario = scenario;
        var options = new List<ShiftOption>();
        foreach (var date in scenario.Dates)
        {
            foreach (var template in scenario.Templates)
            {
                if (template.OnlyFor is { } only && only.Date != date)
                {
                    continue;
                }

                foreach (var start in template.Starts)
                {
                    foreach (var length in template.Lengths)
                    {
                        var option = new ShiftOption(scenario, template, date, start, length);
                        options.Add(option);
                        _byKey[(template.Id, date, start, length)] = option;
                    }
                }
            }
        }

        Options = options;
    }

    public RosterScenario Scenario { get; }

    public IReadOnlyList<ShiftOption> Options { get; }

    public ShiftOption? Find(string templateId, LocalDate date, LocalTime start, Duration length) =>
        _byKey.GetValueOrDefault((templateId, date, start, length));

    public ShiftOption? Find(ShiftAssignment shift) => Find(shift.TemplateId, shift.Date, shift.Start, shift.Length);

    /// <summary>Why <paramref name="agent"/> may not work <paramref name="option"/> (the first of
    /// <see cref="RuleBook.ShiftRules"/> that refuses it), or null when it may.</summary>
    public static string? Refusal(RosterAgent agent, ShiftOption option)
    {
        foreach (var rule in RuleBook.ShiftRules)
        {
            if (rule.Refusal(agent, option) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    /// <summary>The options <paramref name="agent"/> may work on <paramref name="date"/>.</summary>
    public IEnumerable<ShiftOption> Allowed(RosterAgent agent, LocalDate date) =>
        Options.Where(o => o.Date == date && Refusal(agent, o) is null);

    /// <summary>The paid-hours limits of the 7-day block holding day index <paramref name="day"/>.</summary>
    /// <remarks>A horizon that is not a whole number of weeks ends with a short block: its minimum scales with its
    /// length (rounded down to whole minutes), its maximum stays. Approved time off is paid: each day of it in the
    /// block counts a fifth of the weekly minimum (the usual five-day week) toward the minimum, so a week with three
    /// days of leave does not demand 36 hours in the other four.</remarks>
    public (int Block, int FirstDay, int Days, Duration Min, Duration Max) WeekBlock(RosterAgent agent, int day)
    {
        var block = day / 7;
        var first = block * 7;
        var days = Math.Min(7, Scenario.Days - first);
        var leave = agent.TimeOff.Count(d => Period.Between(Scenario.FirstDate, d, PeriodUnits.Days).Days is var i && i >= first && i < first + days);
        var weekly = agent.Contract.MinPaidPerWeek.TotalMinutes;
        var min = Math.Max(0, Math.Floor((weekly * days / 7) - (leave * weekly / 5)));
        return (block, first, days, Duration.FromMinutes(min), agent.Contract.MaxPaidPerWeek);
    }

    public int WeekBlocks => (Scenario.Days + 6) / 7;
}
