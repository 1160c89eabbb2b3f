using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Scheduler.Solver.Model;

namespace Scheduler.Solver.Curtois;

/// <summary>A cover row's slack variables (indices into the solution) and the shift variables it counts.</summary>
internal sealed record CoverSlack(CurtoisCover Row, int[] Shifts, int? Under, int? Over);

/// <summary>
/// The CP-SAT model of a Curtois &amp; Qu instance: x[e][d][s] = employee e works shift type s on day d, and
/// off[e][d] when e works nothing that day. Constraint families add themselves; the objective is built once from the
/// named penalty terms, as in the roster engine (<see cref="RosterModel"/>).
/// </summary>
internal sealed class CurtoisModel
{
    public CurtoisModel(CurtoisInstance instance)
    {
        Instance = instance;
        var employees = instance.Employees.Count;
        X = new BoolVar?[employees][][];
        OffDay = new BoolVar[employees][];
        for (var e = 0; e < employees; e++)
        {
            var employee = instance.Employees[e];
            X[e] = new BoolVar?[instance.Days][];
            OffDay[e] = new BoolVar[instance.Days];
            for (var d = 0; d < instance.Days; d++)
            {
                X[e][d] = new BoolVar?[instance.ShiftTypes.Count];
                OffDay[e][d] = Cp.NewBoolVar($"off[{employee.Id},{d}]");
                if (employee.DaysOff.Contains(d))
                {
                    Cp.Add(OffDay[e][d] == 1); // rule 10: hard days off
                    continue;
                }

                for (var s = 0; s < instance.ShiftTypes.Count; s++)
                {
                    if (employee.MaxShifts[s] > 0)
                    {
                        X[e][d][s] = Cp.NewBoolVar($"x[{employee.Id},{d},{instance.ShiftTypes[s].Id}]");
                    }
                }
            }
        }
    }

    public CpModel Cp { get; } = new();

    public CurtoisInstance Instance { get; }

    /// <summary>x[e][d][s], null where the shift type can never be worked (hard day off, or a limit of 0).</summary>
    public BoolVar?[][][] X { get; }

    public BoolVar[][] OffDay { get; }

    public List<PenaltyTerm> Penalties { get; } = [];

    /// <summary>weekend[e][k]: employee e works on weekend k (added by <see cref="RunsAndWeekends"/>).</summary>
    public List<(int Employee, int Week, BoolVar Var)> WeekendVars { get; } = [];

    /// <summary>A complete solution of this model for a roster: decisions, weekends and exact cover slacks.</summary>
    public long[] Values(CurtoisRoster roster)
    {
        var proto = Cp.Model;
        var values = new long[proto.Variables.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = proto.Variables[i].Domain[0];
        }

        for (var e = 0; e < X.Length; e++)
        {
            for (var d = 0; d < Instance.Days; d++)
            {
                values[OffDay[e][d].GetIndex()] = roster.Works(e, d) ? 0 : 1;
                for (var s = 0; s < Instance.ShiftTypes.Count; s++)
                {
                    if (X[e][d][s] is { } x)
                    {
                        values[x.GetIndex()] = roster[e, d] == s ? 1 : 0;
                    }
                }
            }
        }

        foreach (var (e, k, w) in WeekendVars)
        {
            values[w.GetIndex()] = roster.Works(e, (7 * k) + 5) || roster.Works(e, (7 * k) + 6) ? 1 : 0;
        }

        Tighten(values);
        return values;
    }

    /// <summary>The under- and over-cover variables of every cover row, with the shift variables they count.</summary>
    public List<CoverSlack> CoverSlacks { get; } = [];

    /// <summary>Sets every cover slack of a solution to its exact value (the search may leave them above it) and
    /// returns the solution's true penalty: what the validator will find.</summary>
    public long Tighten(long[] values)
    {
        foreach (var slack in CoverSlacks)
        {
            var assigned = slack.Shifts.Sum(i => values[i]);
            if (slack.Under is { } u)
            {
                values[u] = Math.Max(0, slack.Row.Required - assigned);
            }

            if (slack.Over is { } o)
            {
                values[o] = Math.Max(0, assigned - slack.Row.Required);
            }
        }

        long penalty = 0;
        foreach (var r in Instance.OnRequests)
        {
            penalty += X[r.Employee][r.Day][r.Shift] is { } x && values[x.GetIndex()] != 0 ? 0 : r.Weight;
        }

        foreach (var r in Instance.OffRequests)
        {
            penalty += X[r.Employee][r.Day][r.Shift] is { } x && values[x.GetIndex()] != 0 ? r.Weight : 0;
        }

        foreach (var slack in CoverSlacks)
        {
            penalty += (slack.Under is { } u ? values[u] * slack.Row.WeightUnder : 0) + (slack.Over is { } o ? values[o] * slack.Row.WeightOver : 0);
        }

        return penalty;
    }

    public IEnumerable<BoolVar> Shifts(int e, int d) => X[e][d].OfType<BoolVar>();

    public ILiteral Works(int e, int d) => OffDay[e][d].Not();

    public void Penalize(string rule, LinearExpr expression, long weight) => PenaltyTerm.Add(Penalties, rule, expression, weight);

    public void BuildObjective() => PenaltyTerm.Minimize(Cp, Penalties);

    /// <summary>The roster a solution stands for.</summary>
    public CurtoisRoster Roster(long[] values)
    {
        var roster = new CurtoisRoster(Instance.Employees.Count, Instance.Days);
        for (var e = 0; e < X.Length; e++)
        {
            for (var d = 0; d < Instance.Days; d++)
            {
                for (var s = 0; s < Instance.ShiftTypes.Count; s++)
                {
                    if (X[e][d][s] is { } x && values[x.GetIndex()] != 0)
                    {
                        roster[e, d] = s;
                    }
                }
            }
        }

        return roster;
    }

    /// <summary>Every decision variable of employee <paramref name="e"/> on day <paramref name="d"/>.</summary>
    public IEnumerable<int> DecisionIndices(int e, int d)
    {
        yield return OffDay[e][d].GetIndex();
        foreach (var x in Shifts(e, d))
        {
            yield return x.GetIndex();
        }
    }
}
