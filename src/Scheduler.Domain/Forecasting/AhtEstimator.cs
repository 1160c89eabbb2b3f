using NodaTime;

namespace Scheduler.Domain.Forecasting;

/// <summary>Average handle time by weekday and slot, smoothed so that quiet intervals borrow from busy ones.</summary>
/// <remarks>
/// Handle time varies far less than volume, but a 02:00 interval with three calls gives a wild average. Each slot's
/// ratio (handle seconds / answered) is pooled over the last weeks and across neighbouring slots, then shrunk toward
/// the weekday's whole-day figure with a weight of <see cref="PriorCalls"/> pseudo-calls.
/// </remarks>
internal static class AhtEstimator
{
    private const double PriorCalls = 30;
    private const int HalfWindow = 2;

    public static double OverallAht(QueueHistory history, LocalDate origin)
    {
        double handle = 0, answered = 0;
        foreach (var day in history.Days)
        {
            if (day.Date >= origin)
            {
                break;
            }

            handle += day.HandleSeconds.Sum();
            answered += day.Answered.Sum();
        }

        return answered > 0 ? handle / answered : 0;
    }

    public static double[] Profile(QueueHistory history, IsoDayOfWeek weekday, LocalDate origin, int weeks, IReadOnlySet<LocalDate> exclude)
    {
        var slots = history.SlotsPerDay;
        var handle = new double[slots];
        var answered = new double[slots];
        foreach (var day in history.SameWeekdays(weekday, origin, exclude).Take(weeks))
        {
            for (var s = 0; s < slots; s++)
            {
                handle[s] += day.HandleSeconds[s];
                answered[s] += day.Answered[s];
            }
        }

        var dayHandle = handle.Sum();
        var dayAnswered = answered.Sum();
        var prior = dayAnswered > 0 ? dayHandle / dayAnswered : OverallAht(history, origin);
        var aht = new double[slots];
        for (var s = 0; s < slots; s++)
        {
            double h = 0, a = 0;
            for (var k = -HalfWindow; k <= HalfWindow; k++)
            {
                var j = s + k;
                if (j >= 0 && j < slots)
                {
                    var w = HalfWindow + 1 - Math.Abs(k);
                    h += w * handle[j];
                    a += w * answered[j];
                }
            }

            aht[s] = (h + (PriorCalls * prior)) / (a + PriorCalls);
        }

        return aht;
    }
}
