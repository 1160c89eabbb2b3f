using System.Collections.Immutable;

namespace Scheduler.Domain.Staffing;

/// <summary>
/// How much longer a chat takes when an agent holds several at once: element j−1 multiplies the single-chat AHT
/// when the agent holds j chats, e.g. [1.0, 1.25, 1.6]. Its length is the most chats an agent may hold.
/// </summary>
/// <remarks>
/// Multipliers must be at least 1 (juggling chats never makes one faster) and non-decreasing (each extra chat slows
/// the others at least as much as the one before). A curve may still make holding more chats pointless
/// (j ÷ multiplier falling); that is the planner's data, not an error.
/// </remarks>
public sealed class ConcurrencyCurve : IEquatable<ConcurrencyCurve>
{
    /// <summary>One chat at a time: chat behaves like Erlang C.</summary>
    public static readonly ConcurrencyCurve Single = new([1.0]);

    public ConcurrencyCurve(IEnumerable<double> multipliers)
    {
        ArgumentNullException.ThrowIfNull(multipliers);
        var values = multipliers.ToImmutableArray();
        if (values.IsEmpty) throw new ArgumentException("A concurrency curve needs at least one multiplier.", nameof(multipliers));
        for (var i = 0; i < values.Length; i++)
        {
            if (!(values[i] >= 1) || double.IsInfinity(values[i])) throw new ArgumentException($"Multiplier {i + 1} is {values[i]}; each must be finite and at least 1.", nameof(multipliers));
            if (i > 0 && values[i] < values[i - 1]) throw new ArgumentException($"Multiplier {i + 1} ({values[i]}) is below multiplier {i} ({values[i - 1]}); the curve must not decrease.", nameof(multipliers));
        }

        Multipliers = values;
    }

    public ImmutableArray<double> Multipliers { get; }

    /// <summary>The most chats one agent may hold.</summary>
    public int MaxConcurrency => Multipliers.Length;

    /// <summary>AHT multiplier when an agent holds <paramref name="chats"/> chats (1 ≤ chats ≤ max).</summary>
    public double Multiplier(int chats) => Multipliers[chats - 1];

    public bool Equals(ConcurrencyCurve? other) => other is not null && Multipliers.SequenceEqual(other.Multipliers);

    public override bool Equals(object? obj) => Equals(obj as ConcurrencyCurve);

    public override int GetHashCode() => Multipliers.Aggregate(Multipliers.Length, (h, m) => HashCode.Combine(h, m));

    public override string ToString() => $"[{string.Join(", ", Multipliers)}]";
}
