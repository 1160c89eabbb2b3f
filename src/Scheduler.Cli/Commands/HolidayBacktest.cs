using NodaTime;
using Scheduler.Domain.Forecasting;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>forecast backtest --holidays FILE --holiday-weeks</c>: every week a holiday or its window touches is forecast one
/// week ahead, without and with the calendar, and the errors compared on those weeks and on the holiday days alone.
/// </summary>
/// <remarks>A week is Monday to Sunday, held out with the days it has history for (a bank closed on the holiday has
/// none that day); weeks with less than <see cref="MinimumHistoryDays"/> days of history before them are skipped.</remarks>
public static class HolidayBacktest
{
    public const int MinimumHistoryDays = 28;

    public static void Run(CliContext context, QueueHistory history, HolidayCalendar calendar, IReadOnlyList<IForecastMethod> methods, IProgress<string> progress)
    {
        var holidayDays = calendar.Days(history.FirstDate, history.LastDate).Where(d => history[d.Date] is not null).ToDictionary(d => d.Date);
        var blocks = holidayDays.Keys
            .Select(d => d.PlusDays(1 - (int)d.DayOfWeek))
            .Distinct()
            .Order()
            .Select(monday => Enumerable.Range(0, 7).Select(monday.PlusDays).Where(d => history[d] is not null).ToList())
            .Where(dates => dates.Count > 0 && history.Before(dates[0]).DayCount >= MinimumHistoryDays)
            .Select(dates => new HoldOutBlock(dates))
            .ToList();
        if (blocks.Count == 0)
        {
            throw new UserInputException($"no week with a holiday has {MinimumHistoryDays} days of history before it");
        }

        var without = Backtest.Run(history, blocks, methods, SpecialDayCalendar.Empty, progress);
        var with = Backtest.Run(history, blocks, methods, calendar, progress);
        var console = CliContext.PlainConsole(context.Output);
        var weeks = string.Join(", ", blocks.Select(b => b.Origin.ToString("d MMM", null)));
        var table = new Table()
            .Title($"{blocks.Count} holiday weeks ({weeks}), {holidayDays.Count(d => blocks.Any(b => b.Dates.Contains(d.Key)))} holiday days with data; without -> with the calendar")
            .AddColumns("method", "weeks wMAPE", "holiday days wMAPE", "holiday days MAE / interval", "holiday days median APE", "other days wMAPE");
        for (var m = 0; m < methods.Count; m++)
        {
            var a = Score(without[m], holidayDays.Keys);
            var b = Score(with[m], holidayDays.Keys);
            table.AddRow(
                methods[m].Name,
                $"{without[m].Wmape:0.0000} -> {with[m].Wmape:0.0000}",
                $"{a.Wmape:0.0000} -> {b.Wmape:0.0000}",
                $"{a.Mae:0.00} -> {b.Mae:0.00}",
                $"{a.MedianApe:0.0000} -> {b.MedianApe:0.0000}",
                $"{a.OtherWmape:0.0000} -> {b.OtherWmape:0.0000}");
        }

        console.Write(table);
        var top = methods.ToList().FindIndex(m => m is TopDownMethod);
        if (top < 0)
        {
            return;
        }

        var days = new Table().Title("top-down, each holiday day: daily totals").AddColumns("date", "day", "actual", "without", "with");
        var withDays = with[top].DayErrors.ToDictionary(d => d.Date);
        foreach (var d in without[top].DayErrors.Where(d => holidayDays.ContainsKey(d.Date)))
        {
            days.AddRow(d.Date.ToString("ddd yyyy-MM-dd", null), holidayDays[d.Date].Label, d.Actual.ToString("0"), d.Forecast.ToString("0"), withDays[d.Date].Forecast.ToString("0"));
        }

        console.Write(days);
    }

    private static (double Wmape, double Mae, double MedianApe, double OtherWmape) Score(BacktestRow row, IEnumerable<LocalDate> holidayDates)
    {
        var set = holidayDates.ToHashSet();
        var holiday = row.DayErrors.Where(d => set.Contains(d.Date)).ToList();
        var other = row.DayErrors.Where(d => !set.Contains(d.Date)).ToList();
        var apes = holiday.Where(d => d.Actual > 0).Select(d => Math.Abs(d.Forecast - d.Actual) / d.Actual).Order().ToList();
        var median = apes.Count == 0 ? double.NaN : apes.Count % 2 == 1 ? apes[apes.Count / 2] : (apes[(apes.Count / 2) - 1] + apes[apes.Count / 2]) / 2;
        return (
            holiday.Sum(d => d.AbsoluteIntervalError) / holiday.Sum(d => d.Actual),
            holiday.Sum(d => d.AbsoluteIntervalError) / holiday.Sum(d => d.Intervals),
            median,
            other.Sum(d => d.AbsoluteIntervalError) / other.Sum(d => d.Actual));
    }
}
