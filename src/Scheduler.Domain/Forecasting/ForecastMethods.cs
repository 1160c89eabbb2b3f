namespace Scheduler.Domain.Forecasting;

/// <summary>The forecast methods a planner can choose from, the baseline second.</summary>
public static class ForecastMethods
{
    public static IReadOnlyList<IForecastMethod> All { get; } =
    [
        new SeasonalNaiveMethod(),
        new SameWeekdayMeanMethod(4),
        new SameWeekdayMeanMethod(8),
        new TopDownMethod(),
    ];

    /// <summary>The baseline every method is compared with: the mean of the last four same weekdays.</summary>
    public static IForecastMethod Baseline => All[1];

    public static IForecastMethod? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
