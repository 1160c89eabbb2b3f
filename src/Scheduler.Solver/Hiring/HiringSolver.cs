using System.Diagnostics;
using Google.OrTools.Sat;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Domain.Rostering.Rules;

namespace Scheduler.Solver.Hiring;

/// <summary>
/// Turns a roster's remaining shortfall into a hiring suggestion by solving: the week's requirement, the roster's
/// agents as they are rostered (kept fixed), and a pool of candidate hires of each <see cref="HireProfile"/>, each of
/// whom the model may hire and give a week of shifts under the hard rules (one shift a day, contract hours, days off,
/// days in a row, the minimum rest, night consent). It minimises the hires' paid hours (<see cref="HiringOptions.PaidHourCost"/>)
/// plus the validator's cost of the agent-intervals still short; the roster with the hires is then judged by the
/// <see cref="RosterValidator"/>, whose figures are the ones reported.
/// </summary>
/// <remarks>
/// The roster is kept fixed, not re-solved: the question is "who would close the gap this roster leaves", asked of a
/// week the supervisor may have published and agents may have seen; it also keeps the model small (only the
/// intervals short today get coverage constraints, since added agents never lower coverage). Re-solving everyone with
/// the hires could need a little fewer hires; the answer here is an upper bound a manager can rely on. A hire's
/// breaks sit in the middle of their windows (<see cref="ShiftOption.Assign"/>), as for a shift added by hand.
/// </remarks>
public static class HiringSolver
{
    public static HiringSuggestion Suggest(RosterScenario scenario, Roster roster, IReadOnlyList<HireProfile> profiles, HiringOptions options, IProgress<TimeSpan>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(profiles);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var before = RosterValidator.Validate(scenario, roster);
        var shortBefore = Short(scenario, before);
        var required = before.Coverage.Sum(c => c.Required.Values.Sum());
        var total = shortBefore.Values.Sum(v => v.Sum());
        if (total == 0 || profiles.Count == 0)
        {
            return new HiringSuggestion([], scenario, roster, required, total, total, Remaining(scenario, shortBefore, profiles, []), SolveStatus.Optimal, clock.Elapsed);
        }

        var catalog = new ShiftCatalog(scenario);
        var model = new CpModel();
        var candidates = Candidates(scenario, catalog, profiles, shortBefore, options, model);
        var objective = LinearExpr.NewBuilder();
        foreach (var c in candidates)
        {
            objective.AddWeightedSum(c.Shifts.Select(s => (ILiteral)s.Var), c.Shifts.Select(s => checked((long)Math.Round(s.Option.Paid.TotalMinutes * options.PaidHourCost / 60.0))));
        }

        var shortVars = Coverage(scenario, roster, catalog, before, shortBefore, candidates, model);
        foreach (var v in shortVars)
        {
            objective.AddTerm(v, scenario.Rules.UnderCoverage);
        }

        model.Minimize(objective);
        var solver = new CpSolver { StringParameters = FormattableString.Invariant($"max_time_in_seconds:{options.TimeLimit.TotalSeconds:0.###},num_workers:{options.Workers},random_seed:{options.Seed}") };
        using var registration = ct.Register(solver.StopSearch);
        using var timer = progress is null ? null : new Timer(_ => progress.Report(clock.Elapsed), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // Hiring no one is always feasible, so this is only a search stopped before its first solution.
            return new HiringSuggestion([], scenario, roster, required, total, total, Remaining(scenario, shortBefore, profiles, []), SolveStatus.Unknown, clock.Elapsed);
        }

        var hires = new List<SuggestedHire>();
        foreach (var c in candidates.Where(c => solver.BooleanValue(c.Hired)))
        {
            var chosen = c.Shifts.Where(s => solver.BooleanValue(s.Var)).Select(s => s.Option).OrderBy(o => o.StartInstant).ToList();
            hires.Add(new SuggestedHire(c.Profile, c.Agent, [.. chosen.Select(o => o.Assign(c.Agent.Id, scenario.IntervalLength))])
            {
                Paid = chosen.Aggregate(Duration.Zero, (sum, o) => sum + o.Paid),
            });
        }

        var withHires = scenario with { Agents = [.. scenario.Agents, .. hires.Select(h => h.Agent)] };
        var rosterWithHires = roster with { Shifts = [.. roster.Shifts, .. hires.SelectMany(h => h.Shifts)] };
        var after = RosterValidator.Validate(withHires, rosterWithHires);
        var shortAfter = Short(withHires, after);
        var hiredPerProfile = hires.GroupBy(h => h.Profile).ToDictionary(g => g.Key, g => g.Count());
        var exhausted = candidates.GroupBy(c => c.Profile).Where(g => hiredPerProfile.GetValueOrDefault(g.Key) == g.Count()).Select(g => g.Key).ToList();
        return new HiringSuggestion(
            [.. hires.OrderBy(h => h.Profile.Id, StringComparer.Ordinal)],
            withHires,
            rosterWithHires,
            required,
            total,
            shortAfter.Values.Sum(v => v.Sum()),
            Remaining(withHires, shortAfter, profiles, exhausted),
            status == CpSolverStatus.Optimal ? SolveStatus.Optimal : SolveStatus.Feasible,
            clock.Elapsed);
    }

    /// <summary>Per skill, the agents short in each interval (the validator's coverage).</summary>
    private static Dictionary<string, int[]> Short(RosterScenario scenario, ValidationReport report)
    {
        var result = scenario.Skills.ToDictionary(s => s, _ => new int[scenario.Grid.Count]);
        foreach (var c in report.Coverage)
        {
            foreach (var s in scenario.Skills)
            {
                result[s][c.Interval] = Math.Max(0, c.Required[s] - c.Covered[s]);
            }
        }

        return result;
    }

    private static List<RemainingGap> Remaining(RosterScenario scenario, Dictionary<string, int[]> shortBy, IReadOnlyList<HireProfile> profiles, IReadOnlyList<HireProfile> exhausted)
    {
        var gaps = new List<RemainingGap>();
        foreach (var skill in scenario.Skills)
        {
            var with = profiles.Where(p => p.Skills.Contains(skill)).ToList();
            var reason = with.Count == 0 ? RemainingReason.NoProfileWithSkill : with.All(exhausted.Contains) ? RemainingReason.PoolUsedUp : RemainingReason.NotWorthAHire;
            foreach (var day in scenario.Dates)
            {
                var count = 0;
                for (var t = 0; t < scenario.Grid.Count; t++)
                {
                    if (scenario.Grid.Intervals[t].Date == day)
                    {
                        count += shortBy[skill][t];
                    }
                }

                if (count > 0)
                {
                    gaps.Add(new RemainingGap(skill, day, count, reason));
                }
            }
        }

        return [.. gaps.OrderByDescending(g => g.ShortIntervals)];
    }

    private sealed record Candidate(HireProfile Profile, RosterAgent Agent, BoolVar Hired, List<(ShiftOption Option, BoolVar Var)> Shifts);

    /// <summary>
    /// The pool: per profile, as many candidates as its skills' shortfall could keep busy at its minimum hours (at
    /// most <see cref="HiringOptions.MaxPerProfile"/>), each with a shift variable per option they may work, and the
    /// hard rules of an agent's week on them.
    /// </summary>
    private static List<Candidate> Candidates(RosterScenario scenario, ShiftCatalog catalog, IReadOnlyList<HireProfile> profiles, Dictionary<string, int[]> shortBy, HiringOptions options, CpModel model)
    {
        var candidates = new List<Candidate>();
        var hoursPerInterval = scenario.IntervalLength.TotalHours;
        foreach (var (profile, p) in profiles.Select((x, i) => (x, i)))
        {
            var shortHours = profile.Skills.Where(shortBy.ContainsKey).Sum(s => shortBy[s].Sum()) * hoursPerInterval;
            var pool = (int)Math.Clamp(Math.Ceiling(shortHours / Math.Max(1, profile.MinPaidPerWeek.TotalHours)), 0, options.MaxPerProfile);
            BoolVar? previous = null;
            for (var k = 0; k < pool; k++)
            {
                var agent = new RosterAgent(
                    FormattableString.Invariant($"hire-{p + 1}-{k + 1}"),
                    FormattableString.Invariant($"Hire {k + 1}: {profile.SkillText} {profile.MinPaidPerWeek.TotalHours:0} h"),
                    scenario.Zone,
                    profile.Skills.ToHashSet(StringComparer.Ordinal),
                    new HashSet<string>(StringComparer.Ordinal),
                    new Contract(profile.MinPaidPerWeek, profile.MaxPaidPerWeek, 6, profile.MinDaysOffPerWeek),
                    profile.NightConsent,
                    new Dictionary<IsoDayOfWeek, AvailabilityWindow>(),
                    new HashSet<IsoDayOfWeek>(),
                    new HashSet<LocalDate>(),
                    [],
                    []);
                var hired = model.NewBoolVar($"hire_{profile.Id}_{k + 1}");
                if (previous is not null)
                {
                    model.AddImplication(hired, previous); // candidates of a profile are alike: hire them in order
                }

                previous = hired;
                var shifts = new List<(ShiftOption, BoolVar)>();
                var perDay = new List<BoolVar>[scenario.Days];
                for (var d = 0; d < scenario.Days; d++)
                {
                    perDay[d] = [];
                    foreach (var o in catalog.Allowed(agent, scenario.FirstDate.PlusDays(d)).Where(o => o.OnlyFor is null && (profile.Templates.Count == 0 || profile.Templates.Contains(o.TemplateId))))
                    {
                        var x = model.NewBoolVar($"{agent.Id}_{o.Id}");
                        shifts.Add((o, x));
                        perDay[d].Add(x);
                    }

                    // One shift a day, and none unless hired.
                    model.Add(LinearExpr.Sum(perDay[d]) <= hired);
                }

                var worked = perDay.Select(day => LinearExpr.Sum(day)).ToArray();
                // Days off in every 7 days, and the contract's days in a row.
                for (var d = 0; d + 7 <= scenario.Days || (d == 0 && scenario.Days < 7); d++)
                {
                    var window = worked.Skip(d).Take(7).ToList();
                    model.Add(LinearExpr.Sum(window) <= Math.Min(window.Count, DaysOff.MaxWorkedIn7(agent)));
                }

                // Paid hours of each 7-day block within the contract, when hired.
                for (var b = 0; b < catalog.WeekBlocks; b++)
                {
                    var (_, first, days, min, max) = catalog.WeekBlock(agent, b * 7);
                    var inBlock = shifts.Where(s => scenario.DayIndex(s.Item1.Date) is var i && i >= first && i < first + days).ToList();
                    var paid = LinearExpr.WeightedSum(inBlock.Select(s => (ILiteral)s.Item2), inBlock.Select(s => (long)s.Item1.Paid.TotalMinutes));
                    model.Add(paid >= (long)min.TotalMinutes * (LinearExpr)hired);
                    model.Add(paid <= (long)max.TotalMinutes * (LinearExpr)hired);
                }

                // The minimum rest between a shift and the next day's.
                foreach (var (o, x) in shifts)
                {
                    var clash = shifts.Where(n => n.Item1.Date == o.Date.PlusDays(1) && n.Item1.StartInstant - o.EndInstant < scenario.Rules.MinRest).Select(n => n.Item2).ToList();
                    if (clash.Count > 0)
                    {
                        model.Add(LinearExpr.Sum(clash) + x <= 1);
                    }
                }

                candidates.Add(new Candidate(profile, agent, hired, shifts));
            }
        }

        return candidates;
    }

    /// <summary>
    /// Coverage of each interval short today, as the validator counts it (<see cref="Skills"/>): every agent on duty
    /// serves one of their skills; the roster's agents by skill group with their fixed counts, the candidates by
    /// profile. Returns the short variables (agents short per skill and interval).
    /// </summary>
    private static List<IntVar> Coverage(RosterScenario scenario, Roster roster, ShiftCatalog catalog, ValidationReport before, Dictionary<string, int[]> shortBy, List<Candidate> candidates, CpModel model)
    {
        var grid = scenario.Grid;
        var skillIndex = scenario.Skills.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var groupOnDuty = new Dictionary<string, (IReadOnlyList<string> Skills, int[] OnDuty)>(StringComparer.Ordinal);
        var busy = roster.Activities.SelectMany(a => a.People.Select(p => (p, a))).ToLookup(x => x.p, x => x.a);
        foreach (var shift in roster.Shifts)
        {
            var agent = scenario.Agents.FirstOrDefault(a => a.Id == shift.AgentId);
            var option = catalog.Find(shift);
            if (agent is null || option is null)
            {
                continue;
            }

            var key = Domain.Rostering.Rules.Skills.GroupKey(agent, skillIndex);
            if (!groupOnDuty.TryGetValue(key, out var group))
            {
                group = ([.. agent.Skills.Where(skillIndex.ContainsKey)], new int[grid.Count]);
                groupOnDuty.Add(key, group);
            }

            for (var t = option.FirstInterval; t >= 0 && t < option.FirstInterval + option.IntervalCount; t++)
            {
                var at = grid.Intervals[t].Start;
                if (!Breaks.Takes(shift, at) && !busy[agent.Id].Any(a => a.Covers(at)))
                {
                    group.OnDuty[t]++;
                }
            }
        }

        // A candidate's shift is on duty in interval t when it covers t outside its (middle-placed) breaks.
        var onDutyAt = new Dictionary<int, List<(Candidate Candidate, BoolVar Var)>>();
        foreach (var c in candidates)
        {
            foreach (var (o, x) in c.Shifts)
            {
                var assigned = o.Assign(c.Agent.Id, scenario.IntervalLength);
                for (var t = o.FirstInterval; t >= 0 && t < o.FirstInterval + o.IntervalCount; t++)
                {
                    if (!Breaks.Takes(assigned, grid.Intervals[t].Start))
                    {
                        if (!onDutyAt.TryGetValue(t, out var list))
                        {
                            onDutyAt[t] = list = [];
                        }

                        list.Add((c, x));
                    }
                }
            }
        }

        var shortVars = new List<IntVar>();
        foreach (var c in before.Coverage)
        {
            var t = c.Interval;
            if (scenario.Skills.All(s => shortBy[s][t] == 0))
            {
                continue; // covered today: more agents cannot make it worse
            }

            var served = scenario.Skills.ToDictionary(s => s, _ => LinearExpr.NewBuilder());
            foreach (var (key, (skills, onDuty)) in groupOnDuty)
            {
                if (onDuty[t] > 0)
                {
                    Flow(model, $"g{key}_{t}", skills, onDuty[t], null, served);
                }
            }

            if (onDutyAt.TryGetValue(t, out var hires))
            {
                foreach (var byProfile in hires.GroupBy(h => h.Candidate.Profile))
                {
                    var skills = byProfile.Key.Skills.Where(skillIndex.ContainsKey).ToList();
                    var count = byProfile.Count();
                    Flow(model, $"p{byProfile.Key.Id}_{t}", skills, count, LinearExpr.Sum(byProfile.Select(h => h.Var)), served);
                }
            }

            foreach (var s in scenario.Skills)
            {
                var need = c.Required[s];
                if (need == 0)
                {
                    continue;
                }

                model.Add(served[s] <= need);
                var shortVar = model.NewIntVar(0, need, $"short_{s}_{t}");
                model.Add(shortVar + served[s] >= need);
                shortVars.Add(shortVar);
            }
        }

        return shortVars;
    }

    /// <summary>A group's agents on duty split among its skills: the parts add up to at most the agents on duty.</summary>
    private static void Flow(CpModel model, string name, IReadOnlyList<string> skills, int upper, LinearExpr? onDuty, Dictionary<string, LinearExprBuilder> served)
    {
        var parts = new List<IntVar>();
        foreach (var s in skills)
        {
            var part = model.NewIntVar(0, upper, $"serve_{name}_{s}");
            parts.Add(part);
            served[s].Add(part);
        }

        model.Add(onDuty is null ? LinearExpr.Sum(parts) <= upper : LinearExpr.Sum(parts) <= onDuty);
    }
}
