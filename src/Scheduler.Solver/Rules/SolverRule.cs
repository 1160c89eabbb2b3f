using Scheduler.Solver.Model;

namespace Scheduler.Solver.Rules;

/// <summary>
/// The CP-SAT face of one rule: <see cref="Add"/> puts its constraints (hard) or its named penalty terms (soft) into the
/// model. <see cref="Name"/> is the <see cref="Domain.Rostering.RuleNames"/> constant of the Domain class of the same
/// name that checks a roster and explains each breach.
/// </summary>
internal interface ISolverRule
{
    string Name { get; }

    /// <summary>Rules whose variables this one reads (added first when a model is built with a subset of rules).</summary>
    IReadOnlyList<ISolverRule> Requires => [];

    void Add(RosterModel m);
}
