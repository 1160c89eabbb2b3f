using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Solver.Bound;

/// <summary>
/// Every shift option of the horizon prepared for pricing: the grid intervals it covers, and for each break rule the
/// intervals each allowed break start takes off duty. Built once per solve; shared by every agent.
/// </summary>
internal sealed class PricedOptions
{
    public PricedOptions(ShiftCatalog catalog)
    {
        var scenario = catalog.Scenario;
        var grid = scenario.Grid;
        var origin = grid.Start;
        Options = catalog.Options;
        Index = Options.Select((o, i) => (o, i)).ToDictionary(x => x.o, x => x.i);
        Slots = new BreakSlot[Options.Count][][];
        Start = new int[Options.Count];
        End = new int[Options.Count];
        Paid = new int[Options.Count];
        DisjointBreaks = new bool[Options.Count];
        for (var i = 0; i < Options.Count; i++)
        {
            var option = Options[i];
            Start[i] = (int)(option.StartInstant - origin).TotalMinutes;
            End[i] = (int)(option.EndInstant - origin).TotalMinutes;
            Paid[i] = (int)option.Paid.TotalMinutes;
            Slots[i] = [.. option.Breaks.Select(rule => option.BreakOffsets(rule, scenario.IntervalLength).Select(offset =>
            {
                var from = option.StartInstant + offset;
                var to = from + rule.Length;
                var taken = Enumerable.Range(Math.Max(0, option.FirstInterval), option.FirstInterval < 0 ? 0 : option.IntervalCount)
                    .Where(t => grid.Intervals[t].Start >= from && grid.Intervals[t].Start < to).ToArray();
                return new BreakSlot(offset, (int)offset.TotalMinutes, (int)(offset + rule.Length).TotalMinutes, taken);
            }).ToArray())];
            DisjointBreaks[i] = option.Breaks.OrderBy(b => b.EarliestStart).Zip(option.Breaks.OrderBy(b => b.EarliestStart).Skip(1)).All(p => p.First.LatestEnd <= p.Second.EarliestStart);
        }
    }

    public IReadOnlyList<ShiftOption> Options { get; }

    public Dictionary<ShiftOption, int> Index { get; }

    /// <summary>Per option and break rule (in the template's order), the allowed starts.</summary>
    public BreakSlot[][][] Slots { get; }

    /// <summary>Start and end of each option in minutes from the grid's first instant.</summary>
    public int[] Start { get; }

    public int[] End { get; }

    /// <summary>Paid minutes of each option.</summary>
    public int[] Paid { get; }

    /// <summary>True when no two break windows of the option's template can overlap, so each break is chosen alone.</summary>
    public bool[] DisjointBreaks { get; }
}

/// <summary>One allowed break start: its offset from the shift start (minutes too) and the intervals it takes off duty.</summary>
internal sealed record BreakSlot(Duration Offset, int From, int To, int[] Intervals);
