using System.CommandLine;
using System.Text.Json;
using NodaTime;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Staffing;

namespace Scheduler.Cli.Commands;

/// <summary><c>erlang</c>: agents needed for one interval of one voice queue, printed as one JSON object.</summary>
public static class ErlangCommand
{
    public static Command Create(CliContext context)
    {
        var calls = new Option<double>("--calls") { Description = "Calls offered in the interval.", Required = true };
        var aht = new Option<double>("--aht") { Description = "Average handle time, seconds.", Required = true };
        var interval = new Option<double>("--interval") { Description = "Interval length, seconds.", DefaultValueFactory = _ => 900 };
        var target = new Option<double>("--target") { Description = "Service-level threshold, seconds (the 20 of 80/20).", DefaultValueFactory = _ => 20 };
        var sl = new Option<double>("--sl") { Description = "Service-level target as a fraction (the 0.8 of 80/20).", DefaultValueFactory = _ => 0.8 };
        var patience = new Option<double?>("--patience") { Description = "Mean caller patience, seconds: switches to Erlang A and reports abandonment." };
        var maxOccupancy = new Option<double?>("--max-occupancy") { Description = "Occupancy cap as a fraction, e.g. 0.85." };
        var shrinkage = new Option<double?>("--shrinkage") { Description = "Shrinkage as a fraction: also reports agents to schedule." };

        var command = new Command("erlang", "Agents needed for one interval (Erlang C, or Erlang A with --patience).")
        {
            calls, aht, interval, target, sl, patience, maxOccupancy, shrinkage,
        };
        command.SetAction(parse =>
        {
            var callsValue = parse.GetValue(calls);
            var ahtValue = parse.GetValue(aht);
            var intervalValue = parse.GetValue(interval);
            Require(callsValue >= 0 && double.IsFinite(callsValue), "--calls must be 0 or more");
            Require(ahtValue > 0 && double.IsFinite(ahtValue), "--aht must be more than 0 seconds");
            Require(intervalValue > 0 && double.IsFinite(intervalValue), "--interval must be more than 0 seconds");
            Require(parse.GetValue(sl) is > 0 and < 1, "--sl must be between 0 and 1, e.g. 0.8");
            Require(parse.GetValue(target) >= 0, "--target must be 0 seconds or more");
            Require(parse.GetValue(patience) is null or > 0, "--patience must be more than 0 seconds");
            Require(parse.GetValue(maxOccupancy) is null or (> 0 and <= 1), "--max-occupancy must be in (0, 1]");
            Require(parse.GetValue(shrinkage) is null or (>= 0 and < 0.95), "--shrinkage must be in [0, 0.95)");

            var policy = new StaffingPolicy(Channel.Voice, new ServiceTarget.ServiceLevel(parse.GetValue(sl), Duration.FromSeconds(parse.GetValue(target))))
            {
                MaxOccupancy = parse.GetValue(maxOccupancy),
                MeanPatience = parse.GetValue(patience) is { } p ? Duration.FromSeconds(p) : null,
                Shrinkage = parse.GetValue(shrinkage) is { } s ? Shrinkage.Of(s) : Shrinkage.None,
            };
            var result = callsValue == 0
                ? new StaffingResult(0, 0, 1, 0, 0, policy.MeanPatience is null ? null : 0, policy.MeanPatience is null ? "Erlang C" : "Erlang A")
                : StaffingCalculator.Required(policy, callsValue, ahtValue, Duration.FromSeconds(intervalValue));
            var json = new Dictionary<string, object?>
            {
                ["agents"] = result.Agents,
                ["serviceLevel"] = Round(result.ServiceLevel),
                ["asa"] = double.IsFinite(result.Asa) ? Round(result.Asa) : null,
                ["occupancy"] = Round(result.Occupancy),
                ["loadErlangs"] = Round(callsValue * ahtValue / intervalValue),
                ["model"] = result.Model,
            };
            if (result.Abandonment is { } abandonment)
            {
                json["abandonment"] = Round(abandonment);
            }

            if (policy.Shrinkage.Total > 0)
            {
                json["scheduledAgents"] = result.ScheduledAgents;
            }

            context.Output.WriteLine(JsonSerializer.Serialize(json));
            return CliApp.Ok;
        });
        return command;
    }

    private static double Round(double value) => Math.Round(value, 6);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new UserInputException(message);
        }
    }
}
