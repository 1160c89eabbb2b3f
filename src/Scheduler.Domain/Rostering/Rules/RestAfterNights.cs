namespace Scheduler.Domain.Rostering.Rules;

/// <summary>Soft: after a run of three or more night shifts, each of the next two days worked costs
/// <see cref="RosterRules.RestAfterNights"/> (the run ends on its last night: the next day is not a night).</summary>
public sealed class RestAfterNights : ISoftRule
{
    /// <summary>Nights in a row that make a run.</summary>
    public const int RunLength = 3;

    /// <summary>Days after a run that should be off.</summary>
    public const int RecoveryDays = 2;

    public string Name => RuleNames.RestAfterNights;

    public void Cost(RosterFacts facts, List<CostTerm> costs)
    {
        var scenario = facts.Scenario;
        foreach (var agent in scenario.Agents)
        {
            var night = new bool[scenario.Days];
            var worked = new bool[scenario.Days];
            foreach (var (date, option) in Preferences.OnDate(facts.ShiftsOf(agent.Id)))
            {
                var d = scenario.DayIndex(date);
                night[d] = option.IsNight;
                worked[d] = true;
            }

            for (var d = RunLength - 1; d < scenario.Days; d++)
            {
                var runEnds = Enumerable.Range(d - RunLength + 1, RunLength).All(i => night[i]) && !(d + 1 < scenario.Days && night[d + 1]);
                if (!runEnds)
                {
                    continue;
                }

                var units = Enumerable.Range(d + 1, RecoveryDays).Count(e => e < scenario.Days && worked[e]);
                if (units > 0)
                {
                    costs.Add(new CostTerm(Name, agent.Id, scenario.FirstDate.PlusDays(d), null, null, units, units * scenario.Rules.RestAfterNights, $"{agent.Name} works {units} of the {RecoveryDays} days after nights ending {scenario.FirstDate.PlusDays(d):ddd d MMM}"));
                }
            }
        }
    }
}
