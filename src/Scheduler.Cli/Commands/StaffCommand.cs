using System.CommandLine;
using Scheduler.Domain.Planning;
using Serilog;

namespace Scheduler.Cli.Commands;

/// <summary><c>staff</c>: from a forecast file and a staffing configuration to the requirement per queue per interval.</summary>
public static class StaffCommand
{
    public static Command Create(CliContext context)
    {
        var forecast = new Option<string>("--forecast") { Description = "Forecast CSV (from the forecast command).", Required = true };
        var config = new Option<string>("--config") { Description = "Staffing configuration JSON (docs/formats/staffing-config.md).", Required = true };
        var output = new Option<string>("--out") { Description = "Requirements CSV to write.", Required = true };
        var command = new Command("staff", "Agents required per queue per interval (Erlang C/A, chat concurrency, email deadlines, shrinkage).")
        {
            forecast, config, output,
        };
        command.SetAction(parse =>
        {
            var progress = context.Progress("staff");
            var staffing = StaffingConfig.Load(RequireFile(parse.GetValue(config)!));
            var intervals = ForecastFile.Read(RequireFile(parse.GetValue(forecast)!));
            var requirements = RequirementPlanner.Plan(intervals, staffing, progress);
            ForecastCommand.WriteAtomically(parse.GetValue(output)!, writer => RequirementsFile.Write(writer, requirements, staffing.Site.Zone));
            Log.Information("Staffed {Intervals} intervals of {Queues} queues to {Path}", requirements.Count, staffing.Queues.Count, parse.GetValue(output));
            foreach (var queue in requirements.GroupBy(r => r.QueueId))
            {
                var hours = queue.Sum(r => r.Staffing.ScheduledAgents * r.Forecast.Length.TotalHours);
                context.Output.WriteLine($"{queue.Key,-24} peak {queue.Max(r => r.Staffing.Agents),4} on-line, {hours,8:N0} scheduled agent-hours, {queue.Sum(r => r.Forecast.Contacts),9:N0} contacts");
            }

            context.Output.WriteLine($"Wrote {requirements.Count} rows to {parse.GetValue(output)}.");
            return CliApp.Ok;
        });
        return command;
    }

    internal static string RequireFile(string path) =>
        File.Exists(path) ? path : throw new UserInputException($"file '{path}' does not exist");
}
