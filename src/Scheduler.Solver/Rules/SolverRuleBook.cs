using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>
/// The model's table of contents: every rule's CP-SAT face, hard then soft, in the order of the Domain's
/// <see cref="Domain.Rostering.Rules.RuleBook"/>, plus <see cref="Skills"/> (how agents on duty cover the requirement).
/// </summary>
internal static class SolverRuleBook
{
    public static readonly IReadOnlyList<ISolverRule> All =
    [
        new Leave(),
        new Availability(),
        new NightConsent(),
        new OneShiftPerDay(),
        new MinimumRest(),
        new WeeklyHours(),
        new DaysInARow(),
        new DaysOff(),
        new Breaks(),
        new LockedShifts(),
        new Skills(),
        new UnderCoverage(),
        new OverCoverage(),
        new IdleStaffing(),
        new Preferences(),
        new StartConsistency(),
        new RestAfterNights(),
        new ShiftChanges(),
        new FairNights(),
        new FairWeekends(),
        new FairLates(),
        new FairHolidays(),
    ];

    /// <summary>The rule named <paramref name="name"/> (a <see cref="Domain.Rostering.RuleNames"/> constant).</summary>
    public static ISolverRule Named(string name) =>
        All.FirstOrDefault(r => r.Name == name) ?? throw new ArgumentException($"No solver rule is named '{name}'.", nameof(name));

    /// <summary>Creates the shift variables, then adds <paramref name="rules"/> in order, each after the rules it reads
    /// (once each).</summary>
    public static void AddTo(RosterModel m, IEnumerable<ISolverRule> rules)
    {
        ShiftVariables.Add(m);
        var added = new HashSet<string>();
        foreach (var rule in rules)
        {
            Add(m, rule, added);
        }
    }

    private static void Add(RosterModel m, ISolverRule rule, HashSet<string> added)
    {
        if (added.Contains(rule.Name))
        {
            return;
        }

        foreach (var required in rule.Requires)
        {
            Add(m, required, added);
        }

        added.Add(rule.Name);
        rule.Add(m);
    }
}
