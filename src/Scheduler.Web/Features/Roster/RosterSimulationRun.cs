using Quartz;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Domain.Simulation;
using Scheduler.Web.Features.Coverage;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Features.Roster;

/// <summary>The Quartz.NET job of a simulation run: the run id in its data map, the work in <see cref="RosterSimulationRun"/>.</summary>
[DisallowConcurrentExecution]
public sealed class RosterSimulationQuartzJob(RosterSimulationRun run) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Guid.Parse(context.MergedJobDataMap.GetString(RosterSimulations.RunIdKey)!);
        await run.RunAsync(id, context.Scheduler.SchedulerInstanceId, cancellationToken);
    }
}

/// <summary>
/// One run of a check by simulation: load the roster version asked for, the forecast the app computes for its dates
/// and the queues' staffing configuration; build the simulator's model; play it (progress written to the row every
/// half second); save the summary beside the Erlang projection of the same roster and forecast. Bad input ends the run
/// Failed with the simulator's sentence, never a stack trace.
/// </summary>
public sealed class RosterSimulationRun(SimulationRunStore store, SimulationSources sources, ILogger<RosterSimulationRun> logger)
{
    public async Task RunAsync(Guid id, string instance, CancellationToken shutdown)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["SimulationRunId"] = id, ["Instance"] = instance });
        var run = await store.BeginAsync(id, instance, CancellationToken.None);
        if (run is null)
        {
            logger.LogInformation("Simulation run {SimulationRunId} has ended already: nothing to run", id);
            return;
        }

        logger.LogInformation("Simulation run {SimulationRunId} begins on {Instance} (attempt {Attempt}) for roster {RosterId}", id, instance, run.Attempts, run.RosterId);
        try
        {
            var (summary, elapsed) = await SimulateAsync(run, shutdown);
            await store.FinishAsync(id, SimulationRunStatus.Done, $"{summary.Replications} replications, {summary.Events:N0} events, {elapsed.TotalSeconds:0.#} s.", summary.ToJson(), summary.Replications, CancellationToken.None);
            logger.LogInformation("Simulation run {SimulationRunId} done: {Replications} replications, {Events} events in {Seconds:0.0} s; service level {ServiceLevel:P1} ± {HalfWidth:P1}", id, summary.Replications, summary.Events, elapsed.TotalSeconds, summary.ServiceLevel.Mean, summary.ServiceLevel.HalfWidth);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            logger.LogInformation("Simulation run {SimulationRunId} handed back at shutdown; it is played again on recovery", id);
            throw;
        }
        catch (Exception e) when (e is SimulationInputException or InvalidOperationException)
        {
            // No forecast for the week, no shifts, a queue without handle time: said in words, on the page and in the row.
            logger.LogWarning("Simulation run {SimulationRunId} failed: {Reason}", id, e.Message);
            await store.FinishAsync(id, SimulationRunStatus.Failed, e.Message, null, 0, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Simulation run {SimulationRunId} failed", id);
            await store.FinishAsync(id, SimulationRunStatus.Failed, "The simulation stopped on an error; the log has the details (run " + id + ").", null, 0, CancellationToken.None);
        }
    }

    private async Task<(SimulationSummary Summary, TimeSpan Elapsed)> SimulateAsync(SimulationRunEntity run, CancellationToken shutdown)
    {
        var source = await sources.LoadAsync(run, "check", shutdown);
        var (stored, forecast, staffing) = (source.Stored, source.Forecast, source.Staffing);
        var model = RosterSimulation.Build(stored.Scenario, stored.Roster, forecast, staffing.Queues, source.Assumptions);
        var erlang = CoverageService.ProjectedServiceLevels(CoverageService.Points(stored, source.View.Report, forecast, staffing));
        var settings = new SimulationSettings(run.Replications, unchecked((ulong)run.Seed), RosterSimulations.TargetHalfWidth);
        var done = 0;
        var reported = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var simulation = Task.Run(() => ContactCentreSimulator.Run(model, settings, n => Volatile.Write(ref done, n), shutdown), CancellationToken.None);
        while (!simulation.IsCompleted)
        {
            await Task.WhenAny(simulation, Task.Delay(TimeSpan.FromMilliseconds(500), CancellationToken.None));
            var now = Volatile.Read(ref done);
            if (now != reported && !simulation.IsCompleted)
            {
                reported = now;
                await store.ReportAsync(run.Id, now, CancellationToken.None);
            }
        }

        var result = await simulation;
        return (SimulationSummary.From(result, erlang) with { DailyVariation = source.DailyVariation }, clock.Elapsed);
    }
}
