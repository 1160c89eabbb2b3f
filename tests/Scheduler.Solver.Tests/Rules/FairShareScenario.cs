using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Tests.Rules;

internal static class FairShareScenario
{
    // a and b may work nights, c may not; Sunday and Monday (Sunday is a weekend day by default).
    public static RosterScenario Build(RosterRules weights)
    {
        var tiny = new Tiny(days: 2) { Rules = weights };
        return tiny.Template().Agent("a").Agent("b").Agent("c", nightConsent: false).Build();
    }
}
