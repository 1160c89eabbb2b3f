namespace Scheduler.Domain.Staffing;

/// <summary>
/// Paid time agents are not available for contacts, as shares of scheduled time: breaks, training, absence.
/// </summary>
/// <remarks>
/// Components add up (they are shares of the same paid hours) and the total must stay below 1, or no number of
/// scheduled agents would leave anybody on the phones. default(Shrinkage) is no shrinkage.
/// </remarks>
public readonly record struct Shrinkage
{
    /// <summary>Absorbs floating-point noise so that 10 ÷ (1 − 0.5) stays 20 and 7 ÷ 0.7 stays 10.</summary>
    private const double RoundingSlack = 1e-9;

    public Shrinkage(double breaks, double training = 0, double absence = 0)
    {
        Check(breaks, nameof(breaks));
        Check(training, nameof(training));
        Check(absence, nameof(absence));
        if (!(breaks + training + absence < 1)) throw new ArgumentException($"Shrinkage components add up to {breaks + training + absence}; they must total less than 1.", nameof(absence));
        Breaks = breaks;
        Training = training;
        Absence = absence;
    }

    public static Shrinkage None => default;

    public double Breaks { get; }

    public double Training { get; }

    public double Absence { get; }

    /// <summary>Total shrinkage s, 0 ≤ s &lt; 1.</summary>
    public double Total => Breaks + Training + Absence;

    /// <summary>A single overall figure, when the split is unknown (recorded as breaks).</summary>
    public static Shrinkage Of(double total) => new(total);

    /// <summary>
    /// This shrinkage once training, coaching and meetings are planned as activities inside the shifts: the roster then
    /// takes the agents on them off duty where they are placed, so the flat <see cref="Training"/> share is dropped
    /// rather than counted twice (docs/decisions/013-activities.md).
    /// </summary>
    public Shrinkage WithActivitiesPlanned() => new(Breaks, 0, Absence);

    /// <summary>Agents to schedule so that <paramref name="onPhones"/> remain after shrinkage: ceil(n ÷ (1 − s)).</summary>
    public int Scheduled(int onPhones)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onPhones);
        return (int)Math.Ceiling(onPhones / (1 - Total) - RoundingSlack);
    }

    private static void Check(double value, string name)
    {
        if (!(value is >= 0 and < 1)) throw new ArgumentOutOfRangeException(name, value, "Each shrinkage component must be in [0, 1).");
    }

    public override string ToString() => $"{Total:P1} (breaks {Breaks:P1}, training {Training:P1}, absence {Absence:P1})";
}
