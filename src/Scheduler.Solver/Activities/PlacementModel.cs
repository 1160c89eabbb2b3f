using Google.OrTools.Sat;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Activities;

/// <summary>A session's choices: per allowed start, whether it is chosen and who attends then.</summary>
internal sealed record SessionChoice(IReadOnlyList<(int Start, BoolVar Chosen, IReadOnlyList<(RosterAgent Agent, BoolVar Var)> Attend)> Starts, BoolVar Left);

/// <summary>
/// The CP-SAT model of <see cref="ActivityPlacer"/>: choices, one session at a time per person, and the coverage of
/// every interval a session could touch, costed as the validator costs it (see the placer's remarks).
/// </summary>
internal sealed class PlacementModel
{
    public PlacementModel(RosterScenario scenario, OnDutyMap map, IReadOnlyList<(ActivitySession Session, List<(int Start, List<RosterAgent> Free)> Starts)> sessions)
    {
        var rules = scenario.Rules;
        var away = new Dictionary<(string Agent, int T), LinearExprBuilder>();
        void Away(RosterAgent agent, int start, int count, BoolVar v)
        {
            for (var t = start; t < start + count; t++)
            {
                if (!away.TryGetValue((agent.Id, t), out var e))
                {
                    away[(agent.Id, t)] = e = LinearExpr.NewBuilder();
                }

                e.Add(v);
            }
        }

        // Leaving a session out must cost more than any difference in coverage cost the sessions can make.
        var perPersonInterval = rules.UnderCoverage + Math.Max(rules.OverCoverage, rules.IdleStaffing);
        UnplacedPenalty = 1 + sessions.Sum(s => (s.Session.Needed + (s.Session.Coach is null ? 0 : 1)) * (long)s.Session.Intervals * perPersonInterval);

        var onceKeys = new Dictionary<(string Key, string Agent), LinearExprBuilder>();
        var objective = LinearExpr.NewBuilder();
        foreach (var (session, starts) in sessions)
        {
            var name = $"{session.Request.Id}#{session.Occurrence} {session.Label}";
            var left = Cp.NewBoolVar($"{name} left out");
            objective.AddTerm(left, UnplacedPenalty);
            var choices = new List<(int, BoolVar, IReadOnlyList<(RosterAgent, BoolVar)>)>();
            foreach (var (start, free) in starts)
            {
                var chosen = Cp.NewBoolVar($"{name} at {start}");
                List<(RosterAgent, BoolVar)> attend;
                if (session.EveryoneAttends)
                {
                    attend = [.. session.Candidates.Select(a => (a, chosen))];
                }
                else
                {
                    attend = [.. free.Select(a => (a, Cp.NewBoolVar($"{name} at {start}: {a.Id}")))];
                    var count = LinearExpr.NewBuilder();
                    foreach (var (_, z) in attend)
                    {
                        Cp.AddImplication(z, chosen);
                        count.Add(z);
                    }

                    Cp.Add(count == session.Needed * chosen);
                }

                foreach (var (agent, v) in attend)
                {
                    Away(agent, start, session.Intervals, v);
                    if (session.OncePerAgentKey is { } key)
                    {
                        if (!onceKeys.TryGetValue((key, agent.Id), out var e))
                        {
                            onceKeys[(key, agent.Id)] = e = LinearExpr.NewBuilder();
                        }

                        e.Add(v);
                    }
                }

                if (session.Coach is { } coach)
                {
                    Away(coach, start, session.Intervals, chosen);
                }

                choices.Add((start, chosen, attend));
            }

            Cp.AddExactlyOne([left, .. choices.Select(c => c.Item2)]);
            Sessions.Add((session, new SessionChoice(choices, left)));
        }

        foreach (var once in onceKeys.Values)
        {
            Cp.Add(once <= 1);
        }

        foreach (var busy in away.Values)
        {
            Cp.Add(busy <= 1); // one session at a time for every attendee and coach
        }

        AddCoverage(scenario, map, away, objective);
        Cp.Minimize(objective);
    }

    public CpModel Cp { get; } = new();

    public List<(ActivitySession Session, SessionChoice Choice)> Sessions { get; } = [];

    /// <summary>What each session left out adds to the objective.</summary>
    public long UnplacedPenalty { get; }

    /// <summary>Added to the objective (less penalties), gives the coverage cost the sessions add to the roster.</summary>
    public long Constant { get; private set; }

    private void AddCoverage(RosterScenario scenario, OnDutyMap map, Dictionary<(string Agent, int T), LinearExprBuilder> away, LinearExprBuilder objective)
    {
        var rules = scenario.Rules;
        var skillIndex = scenario.Skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var groups = scenario.Agents.GroupBy(a => Domain.Rostering.Rules.Skills.GroupKey(a, skillIndex))
            .Select(g => (Agents: g.ToList(), Skills: (IReadOnlyList<int>)[.. g.First().Skills.Where(skillIndex.ContainsKey).Select(s => skillIndex[s])]))
            .ToList();
        var groupSkills = groups.Select(g => g.Skills).ToList();
        foreach (var t in away.Keys.Select(k => k.T).Distinct().Order())
        {
            var required = scenario.Skills.Select(s => scenario.Requirements[s][t]).ToArray();
            var total = required.Sum();
            var onDuty = groups.Select(g => g.Agents.Count(a => map.OnDuty(a.Id, t))).ToArray();
            var dutyTotal = onDuty.Sum();
            var awayTotal = LinearExpr.NewBuilder();
            var awayByGroup = groups.Select(g =>
            {
                var e = LinearExpr.NewBuilder();
                foreach (var a in g.Agents)
                {
                    if (away.TryGetValue((a.Id, t), out var v))
                    {
                        e.Add(v);
                        awayTotal.Add(v);
                    }
                }

                return e;
            }).ToList();

            if (total == 0)
            {
                // Idle staffing: each agent on duty costs the weight, so each agent away saves it.
                objective.AddTerm(awayTotal, -rules.IdleStaffing);
                continue;
            }

            var baseCovered = Domain.Rostering.CoverageFlow.Covered(onDuty, groupSkills, required).Sum();
            var served = LinearExpr.NewBuilder();
            var toSkill = new LinearExprBuilder?[required.Length];
            for (var g = 0; g < groups.Count; g++)
            {
                var fromGroup = LinearExpr.NewBuilder();
                var any = false;
                foreach (var k in groups[g].Skills.Where(k => required[k] > 0))
                {
                    var f = Cp.NewIntVar(0, Math.Min(onDuty[g], required[k]), $"t{t} group {g} serves {scenario.Skills[k]}");
                    fromGroup.Add(f);
                    served.Add(f);
                    (toSkill[k] ??= LinearExpr.NewBuilder()).Add(f);
                    any = true;
                }

                if (any)
                {
                    Cp.Add(fromGroup + awayByGroup[g] <= onDuty[g]);
                }
            }

            for (var k = 0; k < required.Length; k++)
            {
                if (toSkill[k] is { } e)
                {
                    Cp.Add(e <= required[k]);
                }
            }

            // Under-coverage: weight × (required - served); the model counts -weight × served, the rest is constant.
            objective.AddTerm(served, -rules.UnderCoverage);
            Constant += rules.UnderCoverage * baseCovered;

            // Over-coverage: weight × max(0, on duty - required), on duty being the roster's less those away.
            if (dutyTotal > total)
            {
                var over = Cp.NewIntVar(0, dutyTotal - total, $"t{t} over");
                Cp.Add(over >= dutyTotal - total - awayTotal);
                objective.AddTerm(over, rules.OverCoverage);
                Constant -= rules.OverCoverage * (dutyTotal - total);
            }
        }
    }
}
