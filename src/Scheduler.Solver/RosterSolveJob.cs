using Scheduler.Domain.Rostering;

namespace Scheduler.Solver;

/// <summary>
/// A solve running in the background: watch its progress, cancel it (the best roster so far is kept), await it.
/// Solving never runs on a UI thread or circuit.
/// </summary>
public sealed class RosterSolveJob : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();

    private RosterSolveJob(RosterScenario scenario, SolveOptions options, IProgress<SolveProgress>? observer)
    {
        var progress = new Relay(this, observer);
        Completion = Task.Run(() => RosterSolver.Solve(scenario, options, progress, _cancel.Token));
    }

    /// <summary>The latest progress event, or null before the first roster.</summary>
    public SolveProgress? Latest { get; private set; }

    public Task<SolveResult> Completion { get; }

    public static RosterSolveJob Start(RosterScenario scenario, SolveOptions options, IProgress<SolveProgress>? observer = null) => new(scenario, options, observer);

    /// <summary>Stops the search; <see cref="Completion"/> then returns the best roster found so far.</summary>
    public void Cancel() => _cancel.Cancel();

    public void Dispose() => _cancel.Dispose();

    private sealed class Relay(RosterSolveJob job, IProgress<SolveProgress>? observer) : IProgress<SolveProgress>
    {
        public void Report(SolveProgress value)
        {
            job.Latest = value;
            observer?.Report(value);
        }
    }
}
