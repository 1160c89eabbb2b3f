using System.CommandLine;
using NodaTime;
using Scheduler.Domain.Demo;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary><c>demo</c>: the whole chain on the built-in Dhaka centre, from history to requirements.</summary>
public static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string>("--out") { Description = "Folder for the demo's files.", DefaultValueFactory = _ => "demo-output" };
        var command = new Command("demo", "Run history import -> backtest -> forecast -> staffing on the built-in demo centre and print a summary.")
        {
            output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            Directory.CreateDirectory(folder);
            var progress = context.Progress("demo");
            string data;
            try
            {
                data = DemoCentre.DataFolder();
            }
            catch (DirectoryNotFoundException e)
            {
                throw new UserInputException(e.Message);
            }

            var config = StaffingConfig.Load(Path.Combine(data, "demo", "staffing.json"));

            progress.Report("writing 8 weeks of interval history");
            var historyPath = Path.Combine(folder, "history.csv");
            ForecastCommand.WriteAtomically(historyPath, writer => DemoCentre.WriteHistory(data, writer));

            progress.Report("importing history into SQLite");
            var import = HistoryReader.Read(historyPath, HistoryFormat.IntervalCsv);
            var loaded = new LoadedHistory(import.Observations, DemoCentre.Zone, import.IntervalLength, [import]);
            var database = Path.Combine(folder, "demo.db");
            var summary = await ImportCommand.StoreAsync(database, "history.csv", loaded, ct);

            progress.Report("backtesting the last 4 weeks");
            var all = QueueHistory.From(import.Observations, DemoCentre.Zone, import.IntervalLength, null);
            var rows = Backtest.Run(all, HoldOut.Weeks(DemoCentre.ForecastStart.PlusWeeks(-4), 4), ForecastCommand.Methods);

            progress.Report($"forecasting {DemoCentre.ForecastStart} .. {DemoCentre.ForecastStart.PlusDays(6)}");
            var forecast = Forecaster.Forecast(import.Observations, DemoCentre.Zone, import.IntervalLength, DemoCentre.ForecastStart, 1, new TopDownMethod(), SpecialDayCalendar.Empty);
            ForecastCommand.WriteAtomically(Path.Combine(folder, "forecast.csv"), writer => ForecastFile.Write(writer, forecast, DemoCentre.Zone));

            progress.Report("staffing every queue and interval");
            var requirements = RequirementPlanner.Plan(forecast, config, progress);
            ForecastCommand.WriteAtomically(Path.Combine(folder, "requirements.csv"), writer => RequirementsFile.Write(writer, requirements, DemoCentre.Zone));

            Print(context, config, summary.RowCount, rows, requirements, folder);
            return CliApp.Ok;
        });
        return command;
    }

    private static void Print(CliContext context, StaffingConfig config, int stored, IReadOnlyList<BacktestRow> rows, IReadOnlyList<Requirement> requirements, string folder)
    {
        var console = CliContext.PlainConsole(context.Output);
        console.WriteLine($"{config.Site.Name} ({config.Site.Zone.Id}): {stored:N0} history intervals imported into SQLite.");
        console.WriteLine();

        var accuracy = new Table().Title("Forecast accuracy, last 4 weeks held out (all queues, 15 min)").AddColumns("method", "wMAPE", "daily MAPE");
        foreach (var r in rows)
        {
            accuracy.AddRow(r.Method, r.Wmape.ToString("0.000"), r.DailyMape.ToString("0.000"));
        }

        console.Write(accuracy);

        var queues = new Table().Title($"Next week, {DemoCentre.ForecastStart:ddd d MMM} .. {DemoCentre.ForecastStart.PlusDays(6):ddd d MMM yyyy}")
            .AddColumns("queue", "channel", "target", "contacts", "peak on-line", "night (22-06) avg", "agent-hours scheduled");
        foreach (var group in requirements.GroupBy(r => r.QueueId))
        {
            var queue = config.Find(group.Key)!.Queue;
            var night = group.Where(r => IsNight(r.Start.InZone(DemoCentre.Zone).TimeOfDay)).ToList();
            queues.AddRow(
                group.Key,
                queue.Channel.ToString(),
                queue.Target.ToString() ?? string.Empty,
                group.Sum(r => r.Forecast.Contacts).ToString("N0"),
                group.Max(r => r.Staffing.Agents).ToString(),
                night.Count > 0 ? night.Average(r => r.Staffing.Agents).ToString("0.0") : "-",
                group.Sum(r => r.Staffing.ScheduledAgents * r.Forecast.Length.TotalHours).ToString("N0"));
        }

        console.Write(queues);

        var heat = new Table().Title("Agents to schedule, all queues, by hour (max of the hour's quarter-hours)").AddColumn("day");
        for (var h = 0; h < 24; h += 2)
        {
            heat.AddColumn($"{h:00}");
        }

        foreach (var day in requirements.GroupBy(r => r.Start.InZone(DemoCentre.Zone).Date).OrderBy(g => g.Key))
        {
            var byInterval = day.GroupBy(r => r.Start).ToDictionary(g => g.Key, g => g.Sum(r => r.Staffing.ScheduledAgents));
            var cells = new List<string> { day.Key.ToString("ddd d", null) };
            for (var h = 0; h < 24; h += 2)
            {
                var values = byInterval.Where(kv => kv.Key.InZone(DemoCentre.Zone).Hour is var hour && hour >= h && hour < h + 2).Select(kv => kv.Value).ToList();
                cells.Add(values.Count > 0 ? values.Max().ToString() : "-");
            }

            heat.AddRow([.. cells]);
        }

        console.Write(heat);
        console.WriteLine($"Files: {folder}/history.csv, forecast.csv, requirements.csv, demo.db");
    }

    private static bool IsNight(LocalTime time) => time.Hour >= 22 || time.Hour < 6;
}
