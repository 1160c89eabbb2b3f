using Scheduler.Domain.Queues;

namespace Scheduler.Domain.Simulation;

/// <summary>
/// Plays a roster against its demand, contact by contact, over many replications: the check that analytic
/// staffing formulas cannot give when agents are shared between queues, chats are held several at a time, email
/// carries over and callers give up.
/// </summary>
/// <remarks>
/// Deterministic for a seed: replication r uses its own stream derived from the seed and r, replications run in
/// fixed batches of <see cref="SimulationSettings.BatchSize"/> (in parallel) and are added up in order, so the
/// answer is the same on any number of cores.
/// </remarks>
public static class ContactCentreSimulator
{
    /// <param name="progress">Called after each batch with the replications done so far.</param>
    public static SimulationResult Run(SimulationModel model, SimulationSettings? settings = null, Action<int>? progress = null, CancellationToken cancellationToken = default)
    {
        settings ??= new SimulationSettings();
        if (settings.Replications is < 1 or > 100_000)
        {
            throw new SimulationInputException($"Replications must be between 1 and 100000, not {settings.Replications}.");
        }

        if (settings.TargetHalfWidth is { } w && !(w > 0 && w < 1))
        {
            throw new SimulationInputException($"The confidence half-width must be between 0 and 1, not {w}.");
        }

        var compiled = CompiledModel.Compile(model);
        var n = compiled.Intervals;
        var queues = model.Queues.Select(q => new QueueOutcome(q, n)).ToArray();
        var groupBusy = new double[compiled.GroupQueues.Length];
        var weekSl = queues.Select(_ => new List<double>()).ToArray();
        var weekAsa = queues.Select(_ => new List<double>()).ToArray();
        var weekAbandon = queues.Select(_ => new List<double>()).ToArray();
        var overall = new List<double>();
        long events = 0;
        var done = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism ?? Environment.ProcessorCount, CancellationToken = cancellationToken };
        while (done < settings.Replications)
        {
            var batch = Math.Min(SimulationSettings.BatchSize, settings.Replications - done);
            var counts = new ReplicationCounts[batch];
            var first = done;
            Parallel.For(0, batch, options, k => counts[k] = new Replication(compiled, SimulationRandom.Derive(settings.Seed, first + k)).Run());
            foreach (var c in counts)
            {
                events += c.Events;
                double liveOffered = 0, liveInTime = 0;
                for (var q = 0; q < queues.Length; q++)
                {
                    var outcome = queues[q];
                    double offered = 0, answered = 0, inTime = 0, abandoned = 0, wait = 0;
                    for (var i = 0; i < n; i++)
                    {
                        var cell = (q * n) + i;
                        outcome.Offered[i] += c.Offered[cell];
                        outcome.Answered[i] += c.Answered[cell];
                        outcome.AnsweredInTime[i] += c.InTime[cell];
                        outcome.Abandoned[i] += c.Abandoned[cell];
                        outcome.WaitOfAnswered[i] += c.Wait[cell];
                        outcome.PastDeadline[i] += c.PastDeadline[cell];
                        outcome.Unanswered[i] += c.Unanswered[cell];
                        offered += c.Offered[cell];
                        answered += c.Answered[cell];
                        inTime += c.InTime[cell];
                        abandoned += c.Abandoned[cell];
                        wait += c.Wait[cell];
                    }

                    weekSl[q].Add(offered > 0 ? inTime / offered : double.NaN);
                    weekAsa[q].Add(answered > 0 ? wait / answered : double.NaN);
                    weekAbandon[q].Add(offered > 0 ? abandoned / offered : double.NaN);
                    if (outcome.Channel != Channel.Email)
                    {
                        liveOffered += offered;
                        liveInTime += inTime;
                    }
                }

                overall.Add(liveOffered > 0 ? liveInTime / liveOffered : double.NaN);
                for (var g = 0; g < groupBusy.Length; g++)
                {
                    groupBusy[g] += c.GroupBusySeconds[g];
                }
            }

            done += batch;
            progress?.Invoke(done);
            if (settings.TargetHalfWidth is { } target && done >= settings.MinReplications && Estimate.From(overall).HalfWidth <= target)
            {
                break;
            }
        }

        foreach (var outcome in queues)
        {
            for (var i = 0; i < n; i++)
            {
                outcome.Offered[i] /= done;
                outcome.Answered[i] /= done;
                outcome.AnsweredInTime[i] /= done;
                outcome.Abandoned[i] /= done;
                outcome.WaitOfAnswered[i] /= done;
                outcome.PastDeadline[i] /= done;
                outcome.Unanswered[i] /= done;
            }
        }

        for (var q = 0; q < queues.Length; q++)
        {
            queues[q].ServiceLevel = Estimate.From(weekSl[q]);
            queues[q].Asa = Estimate.From(weekAsa[q]);
            queues[q].Abandonment = Estimate.From(weekAbandon[q]);
        }

        var groups = compiled.GroupQueues.Select((g, i) => new GroupOutcome(
            [.. g.Select(q => model.Queues[q].Id)],
            compiled.GroupSize[i],
            compiled.GroupDutySeconds[i] / 3600,
            compiled.GroupDutySeconds[i] > 0 ? groupBusy[i] / done / compiled.GroupDutySeconds[i] : 0)).ToArray();
        return new SimulationResult(model.Start, model.IntervalLength, n, queues, groups, done, events, Estimate.From(overall));
    }
}
