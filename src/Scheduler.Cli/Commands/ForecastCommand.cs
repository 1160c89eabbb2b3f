using System.CommandLine;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Domain.Forecasting;
using Scheduler.Domain.History;
using Scheduler.Domain.Planning;
using Serilog;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary><c>forecast</c> and <c>forecast backtest</c>.</summary>
public static class ForecastCommand
{
    public static IReadOnlyList<IForecastMethod> Methods => ForecastMethods.All;

    public static string BaselineName => ForecastMethods.Baseline.Name;

    public static Command Create(CliContext context)
    {
        var history = HistoryOption();
        var format = FormatOption();
        var intervalMinutes = IntervalOption();
        var start = new Option<string>("--start") { Description = "First local date to forecast (yyyy-MM-dd).", Required = true };
        var weeks = new Option<int>("--weeks") { Description = "Weeks to forecast.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Forecast CSV to write.", Required = true };
        var method = new Option<string>("--method") { Description = "top-down (default), seasonal-naive, mean-last-4-same-weekdays, mean-last-8-same-weekdays.", DefaultValueFactory = _ => "top-down" };
        var special = new Option<string?>("--special-days") { Description = "CSV of special days with hand-entered factors: date,name,volume_factor[,shape_like]." };
        var holidays = HolidaysOption();

        var command = new Command("forecast", "Forecast contacts and handle time per queue per interval for the weeks ahead.")
        {
            history, format, intervalMinutes, start, weeks, output, method, special, holidays,
        };
        command.SetAction(parse =>
        {
            var startDate = LocalDatePattern.Iso.Parse(parse.GetValue(start)!);
            if (!startDate.Success)
            {
                throw new UserInputException($"--start '{parse.GetValue(start)}' is not a date such as 2026-11-29");
            }

            var weeksValue = parse.GetValue(weeks);
            if (weeksValue is < 1 or > 52)
            {
                throw new UserInputException("--weeks must be between 1 and 52");
            }

            var chosen = Methods.FirstOrDefault(m => m.Name == parse.GetValue(method))
                ?? throw new UserInputException($"--method '{parse.GetValue(method)}' is not one of {string.Join(", ", Methods.Select(m => m.Name))}");
            var progress = context.Progress("forecast");
            var loaded = Load(parse, history, format, intervalMinutes, progress);
            if (parse.GetValue(special) is not null && parse.GetValue(holidays) is not null)
            {
                throw new UserInputException("give --holidays (a calendar whose effects are learned from history) or --special-days (hand-entered factors), not both");
            }

            IReadOnlyList<ForecastInterval> forecast;
            if (parse.GetValue(holidays) is { } holidaysPath)
            {
                var calendar = ReadHolidays(holidaysPath, startDate.Value, startDate.Value.PlusDays((7 * weeksValue) - 1));
                var site = Forecaster.Forecast(loaded.Observations, loaded.Zone, loaded.IntervalLength, startDate.Value, weeksValue, chosen, calendar, progress);
                forecast = site.Intervals;
                PrintHolidays(context, site.Holidays);
            }
            else
            {
                var calendar = parse.GetValue(special) is { } path ? SpecialDayFile.Read(path) : SpecialDayCalendar.Empty;
                forecast = Forecaster.Forecast(loaded.Observations, loaded.Zone, loaded.IntervalLength, startDate.Value, weeksValue, chosen, calendar, progress);
            }

            WriteAtomically(parse.GetValue(output)!, writer => ForecastFile.Write(writer, forecast, loaded.Zone));
            Log.Information("Forecast {Method} for {Queues} queues from {Start} for {Weeks} weeks written to {Path}", chosen.Name, forecast.Select(f => f.QueueId).Distinct().Count(), startDate.Value, weeksValue, parse.GetValue(output));
            context.Output.WriteLine($"Wrote {forecast.Count} intervals for {forecast.Select(f => f.QueueId).Distinct().Count()} queue(s), {forecast.Sum(f => f.Contacts):N0} contacts, to {parse.GetValue(output)}.");
            return CliApp.Ok;
        });
        command.Subcommands.Add(Backtest(context));
        return command;
    }

    private static Command Backtest(CliContext context)
    {
        var history = HistoryOption();
        var format = FormatOption();
        var intervalMinutes = IntervalOption();
        var json = new Option<string?>("--json") { Description = "Also write the rows as a JSON array to this file." };
        var queue = new Option<string?>("--queue") { Description = "Backtest one queue; by default all queues are added together." };
        var holdoutWeeks = new Option<int?>("--holdout-weeks") { Description = "Hold out the last N weeks as N one-week-ahead forecasts (default: the data set's reference protocol)." };
        var holidays = HolidaysOption();
        var holidayWeeks = new Option<bool>("--holiday-weeks") { Description = "With --holidays: hold out every week a holiday or its window touches, and compare the error with and without the calendar." };

        var command = new Command("backtest", "Rolling-origin backtest of every forecasting method: wMAPE per interval and daily MAPE.")
        {
            history, format, intervalMinutes, json, queue, holdoutWeeks, holidays, holidayWeeks,
        };
        command.SetAction(parse =>
        {
            var progress = context.Progress("backtest");
            var formatValue = HistoryFiles.ParseFormat(parse.GetValue(format));
            var loaded = Load(parse, history, format, intervalMinutes, progress, defaultMinutes: 15, splitByType: parse.GetValue(queue) is not null);
            var queueHistory = QueueHistory.From(loaded.Observations, loaded.Zone, loaded.IntervalLength, parse.GetValue(queue));
            if (queueHistory.DayCount == 0)
            {
                throw new UserInputException($"no history for queue '{parse.GetValue(queue)}'");
            }

            var calendar = parse.GetValue(holidays) is { } holidaysPath ? ReadHolidays(holidaysPath, queueHistory.FirstDate, queueHistory.LastDate) : null;
            if (parse.GetValue(holidayWeeks))
            {
                if (calendar is null)
                {
                    throw new UserInputException("--holiday-weeks needs --holidays");
                }

                HolidayBacktest.Run(context, queueHistory, calendar, Methods, progress);
                return CliApp.Ok;
            }

            var (blocks, protocol) = HoldOutFor(formatValue, queueHistory, parse.GetValue(holdoutWeeks));
            var rows = calendar is null
                ? Domain.Forecasting.Backtest.Run(queueHistory, blocks, Methods, progress: progress)
                : Domain.Forecasting.Backtest.Run(queueHistory, blocks, Methods, calendar, progress);
            var baseline = rows.First(r => r.Method == BaselineName);
            Print(context, rows, baseline, protocol);
            if (parse.GetValue(json) is { } jsonPath)
            {
                var array = rows.Select(r => new
                {
                    method = r.Method,
                    wmape = Math.Round(r.Wmape, 6),
                    dailyMape = Math.Round(r.DailyMape, 6),
                    ahtWmape = r.AhtWmape is { } a ? Math.Round(a, 6) : (double?)null,
                    improvementOverBaseline = Math.Round(1 - (r.Wmape / baseline.Wmape), 6),
                    blockWmape = r.BlockWmape.Select(b => Math.Round(b, 6)).ToArray(),
                    intervals = r.Intervals,
                    days = r.Days,
                    protocol,
                });
                WriteAtomically(jsonPath, writer => writer.Write(JsonSerializer.Serialize(array, new JsonSerializerOptions { WriteIndented = true })));
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The reference protocol of each known data set, or the last N weeks.</summary>
    public static (IReadOnlyList<HoldOutBlock> Blocks, string Description) HoldOutFor(HistoryFormat format, QueueHistory history, int? weeks)
    {
        if (weeks is { } n)
        {
            if (n is < 1 or > 26)
            {
                throw new UserInputException("--holdout-weeks must be between 1 and 26");
            }

            var first = history.LastDate.PlusDays(1 - (7 * n));
            return (HoldOut.Weeks(first, n), $"last {n} weeks from {first}, one week ahead each");
        }

        return format switch
        {
            HistoryFormat.AnonymousBank => (HoldOut.AnonymousBankFebruary1999(), "Anonymous Bank reference: 1999-02-01..1999-02-28 as four one-week-ahead forecasts"),
            HistoryFormat.BankCalls => (HoldOut.BankCallsLast20Weekdays(history), "bank_calls reference: last 20 weekdays as four blocks of five"),
            _ => HoldOutFor(format, history, 4),
        };
    }

    private static void Print(CliContext context, IReadOnlyList<BacktestRow> rows, BacktestRow baseline, string protocol)
    {
        var console = CliContext.PlainConsole(context.Output);
        var table = new Table().Title(protocol).AddColumns("method", "wMAPE", "vs baseline", "daily MAPE", "AHT wMAPE", "per block");
        foreach (var r in rows)
        {
            table.AddRow(
                r.Method,
                r.Wmape.ToString("0.0000"),
                r == baseline ? "baseline" : (1 - (r.Wmape / baseline.Wmape)).ToString("+0.0%;-0.0%"),
                r.DailyMape.ToString("0.0000"),
                r.AhtWmape?.ToString("0.0000") ?? "-",
                string.Join(" ", r.BlockWmape.Select(b => b.ToString("0.000"))));
        }

        console.Write(table);
    }

    internal static Option<string?> HolidaysOption() => new("--holidays") { Description = "The site's holiday calendar (docs/formats/holidays-csv.md, e.g. data/holidays/bangladesh.csv): effects learned from history, or entered." };

    /// <summary>
    /// Reads a holiday calendar and refuses it when the dates asked for fall in a year it has no moving dates for: a
    /// forecast of that year would miss Eid without saying so.
    /// </summary>
    internal static HolidayCalendar ReadHolidays(string path, LocalDate first, LocalDate last)
    {
        var calendar = HolidayFile.Read(path);
        if (calendar.YearsWithoutMovingDates(first, last) is { Count: > 0 } missing)
        {
            throw new ImportException([new ImportError(Path.GetFileName(path), 0, "date", $"no moving holiday has a date in {string.Join(", ", missing)}, which the forecast ({first}..{last}) needs: enter that year's dates (Eid al-Fitr, Eid al-Adha, ...) first; the file covers {string.Join(", ", calendar.MovingYears.Order())}")]);
        }

        return calendar;
    }

    private static void PrintHolidays(CliContext context, IReadOnlyDictionary<string, HolidayEffects> byQueue)
    {
        foreach (var (queue, effects) in byQueue.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            foreach (var day in effects.Days)
            {
                var source = day.Effect.Source switch
                {
                    HolidayEffectSource.Learned => $"learned from {day.Effect.Occurrences} occurrence(s)",
                    HolidayEffectSource.Entered => "entered by hand",
                    _ => "no effect known: forecast as a normal day",
                };
                context.Output.WriteLine($"{queue} {day.Day.Date:yyyy-MM-dd} {day.Day.Label}{(day.Day.Holiday.Expected ? " (expected date)" : string.Empty)}: factor {day.Effect.Factor:0.00}, {source}");
            }
        }
    }

    internal static Option<string[]> HistoryOption() => new("--history")
    {
        Description = "History file(s) or folder(s); repeat the option for several.",
        Required = true,
        AllowMultipleArgumentsPerToken = true,
    };

    internal static Option<string?> FormatOption() => new("--format") { Description = "interval-csv (default), anonymous-bank or bank-calls." };

    internal static Option<int?> IntervalOption() => new("--interval-minutes") { Description = "Merge history to this interval length (5, 15, 30, 60)." };

    internal static LoadedHistory Load(ParseResult parse, Option<string[]> history, Option<string?> format, Option<int?> intervalMinutes, IProgress<string> progress, int? defaultMinutes = null, bool splitByType = true)
    {
        var formatValue = HistoryFiles.ParseFormat(parse.GetValue(format));
        var minutes = parse.GetValue(intervalMinutes) ?? (formatValue == HistoryFormat.BankCalls ? defaultMinutes : null);
        if (minutes is { } m && !Domain.Time.IntervalGrid.AllowedMinutes.Contains(m))
        {
            throw new UserInputException("--interval-minutes must be 5, 15, 30 or 60");
        }

        var options = HistoryReadOptions.Default with { IntervalMinutes = minutes, SplitByType = splitByType };
        return HistoryFiles.Load(parse.GetValue(history)!, formatValue, options, progress);
    }

    /// <summary>Writes to a temporary file and moves it into place, so a failure never leaves half a file.</summary>
    internal static void WriteAtomically(string path, Action<TextWriter> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp";
        using (var writer = new StreamWriter(temp))
        {
            write(writer);
        }

        File.Move(temp, full, overwrite: true);
    }
}
