using Google.OrTools.Sat;

namespace Scheduler.Solver.Model;

/// <summary>
/// A neighbourhood of a big model solved as its own small model: the fixed variables become constants, every
/// variable they determine (an equality with one unknown left, a maximum of fixed terms, a reified constraint whose
/// body is decided) is computed here, and only the constraints that still have an unknown go to CP-SAT, with the fixed
/// terms folded into their bounds. On the 1,000-agent week a step then hands CP-SAT a few thousand variables instead
/// of the whole model with most domains fixed; CP-SAT's memory stays that of the neighbourhood, not of the week.
/// </summary>
/// <remarks>The index of which constraints use which variable is built once per model (the model does not change
/// between steps). Constraint kinds other than the ones the roster model uses make <see cref="Supports"/> false, and
/// the caller then solves the whole model with fixed domains instead.</remarks>
internal sealed class SubModel
{
    private readonly CpModelProto _full;

    /// <summary>Per constraint, its variables (enforcement literals included): a CSR list.</summary>
    private readonly int[] _consStart;
    private readonly int[] _consVars;

    /// <summary>Per variable, the constraints it appears in: a CSR list.</summary>
    private readonly int[] _varStart;
    private readonly int[] _varCons;

    public SubModel(CpModelProto full)
    {
        _full = full;
        var count = full.Constraints.Count;
        _consStart = new int[count + 1];
        var refs = new List<int>();
        Supports = true;
        for (var c = 0; c < count; c++)
        {
            _consStart[c] = refs.Count;
            var constraint = full.Constraints[c];
            foreach (var l in constraint.EnforcementLiteral)
            {
                refs.Add(Var(l));
            }

            switch (constraint.ConstraintCase)
            {
                case ConstraintProto.ConstraintOneofCase.Linear:
                    refs.AddRange(constraint.Linear.Vars.Select(Var));
                    break;
                case ConstraintProto.ConstraintOneofCase.BoolOr:
                    refs.AddRange(constraint.BoolOr.Literals.Select(Var));
                    break;
                case ConstraintProto.ConstraintOneofCase.BoolAnd:
                    refs.AddRange(constraint.BoolAnd.Literals.Select(Var));
                    break;
                case ConstraintProto.ConstraintOneofCase.AtMostOne:
                    refs.AddRange(constraint.AtMostOne.Literals.Select(Var));
                    break;
                case ConstraintProto.ConstraintOneofCase.ExactlyOne:
                    refs.AddRange(constraint.ExactlyOne.Literals.Select(Var));
                    break;
                case ConstraintProto.ConstraintOneofCase.LinMax:
                    refs.AddRange(constraint.LinMax.Target.Vars.Select(Var));
                    foreach (var e in constraint.LinMax.Exprs)
                    {
                        refs.AddRange(e.Vars.Select(Var));
                    }

                    break;
                default:
                    Supports = false;
                    break;
            }
        }

        _consStart[count] = refs.Count;
        _consVars = [.. refs];
        var n = full.Variables.Count;
        _varStart = new int[n + 1];
        foreach (var v in _consVars)
        {
            _varStart[v + 1]++;
        }

        for (var v = 0; v < n; v++)
        {
            _varStart[v + 1] += _varStart[v];
        }

        _varCons = new int[_consVars.Length];
        var fill = (int[])_varStart.Clone();
        for (var c = 0; c < count; c++)
        {
            for (var i = _consStart[c]; i < _consStart[c + 1]; i++)
            {
                _varCons[fill[_consVars[i]]++] = c;
            }
        }
    }

    /// <summary>False when the model has a kind of constraint this class does not reduce.</summary>
    public bool Supports { get; }

    /// <summary>Variables in the last step's small model (for diagnosis and tests).</summary>
    public int LastVariables { get; private set; }

    /// <summary>
    /// Solves the neighbourhood: the variables marked fixed keep their values in <paramref name="current"/>, the rest
    /// are re-optimised. Returns a full solution of the whole model and its objective, or null when the step found
    /// nothing in time.
    /// </summary>
    public (long[] Values, long Objective, CpSolverStatus Status)? Solve(long[] current, bool[] isFixed, string parameters, CancellationToken ct)
    {
        var values = (long[])current.Clone();
        var known = (bool[])isFixed.Clone();
        Propagate(values, known);
        RepairHint(values, known);

        var sub = new CpModel();
        var proto = sub.Model;
        var map = new Dictionary<int, int>();
        int Map(int v)
        {
            if (!map.TryGetValue(v, out var index))
            {
                index = proto.Variables.Count;
                map[v] = index;
                var variable = new IntegerVariableProto();
                if (known[v])
                {
                    variable.Domain.Add(values[v]);
                    variable.Domain.Add(values[v]);
                }
                else
                {
                    variable.Domain.Add(_full.Variables[v].Domain);
                }

                proto.Variables.Add(variable);
            }

            return index;
        }

        int MapRef(int r) => r >= 0 ? Map(r) : -Map(-r - 1) - 1;

        for (var c = 0; c < _full.Constraints.Count; c++)
        {
            var open = false;
            for (var i = _consStart[c]; i < _consStart[c + 1] && !open; i++)
            {
                open = !known[_consVars[i]];
            }

            var constraint = _full.Constraints[c];
            if (!open && Holds(constraint, values))
            {
                continue;
            }

            var copy = new ConstraintProto();
            var vacuous = false;
            foreach (var l in constraint.EnforcementLiteral)
            {
                if (known[Var(l)])
                {
                    vacuous |= !Literal(l, values);
                }
                else
                {
                    copy.EnforcementLiteral.Add(MapRef(l));
                }
            }

            if (vacuous)
            {
                continue;
            }

            switch (constraint.ConstraintCase)
            {
                case ConstraintProto.ConstraintOneofCase.Linear:
                    {
                        var linear = new LinearConstraintProto();
                        long constant = 0;
                        for (var i = 0; i < constraint.Linear.Vars.Count; i++)
                        {
                            var (v, coeff) = Term(constraint.Linear.Vars[i], constraint.Linear.Coeffs[i]);
                            if (known[v])
                            {
                                constant += coeff * values[v];
                            }
                            else
                            {
                                linear.Vars.Add(Map(v));
                                linear.Coeffs.Add(coeff);
                            }
                        }

                        foreach (var bound in constraint.Linear.Domain)
                        {
                            linear.Domain.Add(bound is long.MinValue or long.MaxValue ? bound : bound - constant);
                        }

                        copy.Linear = linear;
                        break;
                    }

                case ConstraintProto.ConstraintOneofCase.BoolOr:
                    copy.BoolOr = new BoolArgumentProto();
                    copy.BoolOr.Literals.Add(constraint.BoolOr.Literals.Select(MapRef));
                    break;
                case ConstraintProto.ConstraintOneofCase.BoolAnd:
                    copy.BoolAnd = new BoolArgumentProto();
                    copy.BoolAnd.Literals.Add(constraint.BoolAnd.Literals.Select(MapRef));
                    break;
                case ConstraintProto.ConstraintOneofCase.AtMostOne:
                    copy.AtMostOne = new BoolArgumentProto();
                    copy.AtMostOne.Literals.Add(constraint.AtMostOne.Literals.Select(MapRef));
                    break;
                case ConstraintProto.ConstraintOneofCase.ExactlyOne:
                    copy.ExactlyOne = new BoolArgumentProto();
                    copy.ExactlyOne.Literals.Add(constraint.ExactlyOne.Literals.Select(MapRef));
                    break;
                case ConstraintProto.ConstraintOneofCase.LinMax:
                    copy.LinMax = new LinearArgumentProto { Target = Fold(constraint.LinMax.Target, values, known, Map) };
                    copy.LinMax.Exprs.Add(constraint.LinMax.Exprs.Select(e => Fold(e, values, known, Map)));
                    break;
                default:
                    throw new NotSupportedException($"Constraint kind {constraint.ConstraintCase} in a neighbourhood sub-model.");
            }

            proto.Constraints.Add(copy);
        }

        var objective = new CpObjectiveProto { ScalingFactor = _full.Objective.ScalingFactor, Offset = _full.Objective.Offset };
        double folded = 0;
        for (var i = 0; i < _full.Objective.Vars.Count; i++)
        {
            var (v, coeff) = Term(_full.Objective.Vars[i], _full.Objective.Coeffs[i]);
            if (known[v])
            {
                folded += coeff * (double)values[v];
            }
            else
            {
                objective.Vars.Add(Map(v));
                objective.Coeffs.Add(coeff);
            }
        }

        objective.Offset += folded;
        proto.Objective = objective;

        var hint = new PartialVariableAssignment();
        foreach (var (v, index) in map)
        {
            hint.Vars.Add(index);
            hint.Values.Add(values[v]);
        }

        proto.SolutionHint = hint;
        LastVariables = proto.Variables.Count;

        var solver = new CpSolver { StringParameters = parameters };
        using var registration = ct.Register(solver.StopSearch);
        var status = solver.Solve(sub);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible) || solver.Response?.Solution is not { Count: > 0 } solution)
        {
            return null;
        }

        foreach (var (v, index) in map)
        {
            values[v] = solution[index];
        }

        return (values, ObjectiveOf(values), status);
    }

    /// <summary>The whole model's objective for a full solution.</summary>
    public long ObjectiveOf(long[] values)
    {
        var objective = _full.Objective;
        long sum = 0;
        for (var i = 0; i < objective.Vars.Count; i++)
        {
            var (v, coeff) = Term(objective.Vars[i], objective.Coeffs[i]);
            sum += coeff * values[v];
        }

        var scaling = objective.ScalingFactor == 0 ? 1 : objective.ScalingFactor;
        return (long)Math.Round(scaling * (sum + objective.Offset));
    }

    /// <summary>Fixes every variable the fixed ones determine, constraint by constraint, until nothing changes.</summary>
    private void Propagate(long[] values, bool[] known)
    {
        var count = _full.Constraints.Count;
        var open = new int[count];
        var queue = new Queue<int>();
        for (var c = 0; c < count; c++)
        {
            for (var i = _consStart[c]; i < _consStart[c + 1]; i++)
            {
                if (!known[_consVars[i]])
                {
                    open[c]++;
                }
            }

            if (open[c] == 1)
            {
                queue.Enqueue(c);
            }
        }

        while (queue.TryDequeue(out var c))
        {
            if (open[c] != 1)
            {
                continue;
            }

            var unknown = -1;
            for (var i = _consStart[c]; i < _consStart[c + 1]; i++)
            {
                if (!known[_consVars[i]])
                {
                    unknown = _consVars[i];
                    break;
                }
            }

            if (Determine(_full.Constraints[c], unknown, values, known) is not { } value || !InDomain(_full.Variables[unknown].Domain, value))
            {
                continue;
            }

            values[unknown] = value;
            known[unknown] = true;
            for (var i = _varStart[unknown]; i < _varStart[unknown + 1]; i++)
            {
                var other = _varCons[i];
                if (--open[other] == 1)
                {
                    queue.Enqueue(other);
                }
            }
        }
    }

    /// <summary>
    /// Makes the hint satisfy every equality it can by moving a variable that appears in that equality alone (a
    /// shortfall beside its flows): the flows of the current solution are rewritten by <see cref="Polish.RepairFlows"/>
    /// and the shortfalls left as they were, and without presolve CP-SAT takes a hint only when it is complete and
    /// feasible.
    /// </summary>
    private void RepairHint(long[] values, bool[] known)
    {
        for (var c = 0; c < _full.Constraints.Count; c++)
        {
            var constraint = _full.Constraints[c];
            if (constraint.ConstraintCase != ConstraintProto.ConstraintOneofCase.Linear || constraint.EnforcementLiteral.Count > 0
                || constraint.Linear.Domain.Count != 2 || constraint.Linear.Domain[0] != constraint.Linear.Domain[1] || BodyHolds(constraint, values))
            {
                continue;
            }

            var linear = constraint.Linear;
            long sum = 0;
            var free = -1;
            long freeCoeff = 0;
            for (var i = 0; i < linear.Vars.Count; i++)
            {
                var (v, coeff) = Term(linear.Vars[i], linear.Coeffs[i]);
                sum += coeff * values[v];
                if (!known[v] && coeff is 1 or -1 && _varStart[v + 1] - _varStart[v] == 1)
                {
                    free = v;
                    freeCoeff = coeff;
                }
            }

            if (free >= 0)
            {
                var value = values[free] + ((linear.Domain[0] - sum) * freeCoeff);
                if (InDomain(_full.Variables[free].Domain, value))
                {
                    values[free] = value;
                }
            }
        }
    }

    /// <summary>The value of the one unknown variable of a constraint, when the constraint decides it.</summary>
    private static long? Determine(ConstraintProto constraint, int unknown, long[] values, bool[] known)
    {
        // The unknown is an enforcement literal and the body is decided: a false body forces the literal false.
        // (The propagation counts occurrences, so the unknown occurs exactly once in the constraint.)
        var enforcedBy = (int?)null;
        foreach (var l in constraint.EnforcementLiteral)
        {
            if (Var(l) == unknown)
            {
                enforcedBy = l;
            }
            else if (!Literal(l, values))
            {
                return null; // not enforced: it says nothing
            }
        }

        if (enforcedBy is { } literal)
        {
            return BodyHolds(constraint, values) ? null : (literal >= 0 ? 0 : 1);
        }

        switch (constraint.ConstraintCase)
        {
            case ConstraintProto.ConstraintOneofCase.Linear:
                {
                    var domain = constraint.Linear.Domain;
                    if (domain.Count != 2 || domain[0] != domain[1])
                    {
                        return null;
                    }

                    long constant = 0, coefficient = 0;
                    for (var i = 0; i < constraint.Linear.Vars.Count; i++)
                    {
                        var (v, coeff) = Term(constraint.Linear.Vars[i], constraint.Linear.Coeffs[i]);
                        if (v == unknown)
                        {
                            coefficient += coeff;
                        }
                        else
                        {
                            constant += coeff * values[v];
                        }
                    }

                    var rest = domain[0] - constant;
                    return coefficient != 0 && rest % coefficient == 0 ? rest / coefficient : null;
                }

            case ConstraintProto.ConstraintOneofCase.LinMax:
                {
                    var target = constraint.LinMax.Target;
                    if (target.Vars.Count != 1 || target.Vars[0] != unknown || target.Coeffs[0] is not (1 or -1))
                    {
                        return null;
                    }

                    var max = constraint.LinMax.Exprs.Count == 0 ? long.MinValue : constraint.LinMax.Exprs.Max(e => Evaluate(e, values));
                    return (max - target.Offset) * target.Coeffs[0];
                }

            default:
                return null;
        }
    }

    private static bool Holds(ConstraintProto constraint, long[] values) =>
        constraint.EnforcementLiteral.Any(l => !Literal(l, values)) || BodyHolds(constraint, values);

    private static bool BodyHolds(ConstraintProto constraint, long[] values)
    {
        switch (constraint.ConstraintCase)
        {
            case ConstraintProto.ConstraintOneofCase.Linear:
                {
                    long sum = 0;
                    for (var i = 0; i < constraint.Linear.Vars.Count; i++)
                    {
                        var (v, coeff) = Term(constraint.Linear.Vars[i], constraint.Linear.Coeffs[i]);
                        sum += coeff * values[v];
                    }

                    return InDomain(constraint.Linear.Domain, sum);
                }

            case ConstraintProto.ConstraintOneofCase.BoolOr:
                return constraint.BoolOr.Literals.Any(l => Literal(l, values));
            case ConstraintProto.ConstraintOneofCase.BoolAnd:
                return constraint.BoolAnd.Literals.All(l => Literal(l, values));
            case ConstraintProto.ConstraintOneofCase.AtMostOne:
                return constraint.AtMostOne.Literals.Count(l => Literal(l, values)) <= 1;
            case ConstraintProto.ConstraintOneofCase.ExactlyOne:
                return constraint.ExactlyOne.Literals.Count(l => Literal(l, values)) == 1;
            case ConstraintProto.ConstraintOneofCase.LinMax:
                return Evaluate(constraint.LinMax.Target, values) == (constraint.LinMax.Exprs.Count == 0 ? long.MinValue : constraint.LinMax.Exprs.Max(e => Evaluate(e, values)));
            default:
                return false;
        }
    }

    private static LinearExpressionProto Fold(LinearExpressionProto expression, long[] values, bool[] known, Func<int, int> map)
    {
        var folded = new LinearExpressionProto { Offset = expression.Offset };
        for (var i = 0; i < expression.Vars.Count; i++)
        {
            var (v, coeff) = Term(expression.Vars[i], expression.Coeffs[i]);
            if (known[v])
            {
                folded.Offset += coeff * values[v];
            }
            else
            {
                folded.Vars.Add(map(v));
                folded.Coeffs.Add(coeff);
            }
        }

        return folded;
    }

    private static long Evaluate(LinearExpressionProto expression, long[] values)
    {
        var sum = expression.Offset;
        for (var i = 0; i < expression.Vars.Count; i++)
        {
            var (v, coeff) = Term(expression.Vars[i], expression.Coeffs[i]);
            sum += coeff * values[v];
        }

        return sum;
    }

    private static bool InDomain(IList<long> domain, long value)
    {
        for (var i = 0; i + 1 < domain.Count; i += 2)
        {
            if (value >= domain[i] && value <= domain[i + 1])
            {
                return true;
            }
        }

        return false;
    }

    private static int Var(int reference) => reference >= 0 ? reference : -reference - 1;

    /// <summary>A linear term on a possibly negated reference, as a term on the variable itself (-x for ~x).</summary>
    private static (int Var, long Coeff) Term(int reference, long coeff) => reference >= 0 ? (reference, coeff) : (-reference - 1, -coeff);

    private static bool Literal(int reference, long[] values) => reference >= 0 ? values[reference] != 0 : values[-reference - 1] == 0;
}
