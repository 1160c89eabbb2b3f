using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Domain.Demo;

/// <summary>
/// The built-in demo: a bank's 24/7 customer care in Dhaka. Its history is drawn (seeded, so every run is the same)
/// from the Anonymous Bank weekly shapes in data/profiles, scaled to Dhaka volumes, with a night floor so the
/// centre never closes; Poisson counts, a few abandonments, and handle times that wobble around the profile.
/// </summary>
public static class DemoCentre
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    /// <summary>First day of history: a Sunday, the first working day of the Bangladeshi week.</summary>
    public static readonly LocalDate HistoryStart = new(2026, 10, 4);

    public const int HistoryWeeks = 8;

    public static LocalDate ForecastStart => HistoryStart.PlusWeeks(HistoryWeeks);

    /// <summary>Demo queue, the Anonymous Bank call type whose shape it borrows, volume scale and a night floor (share of the day's peak).</summary>
    private static readonly (string Queue, string Type, double Scale, double NightFloor, double AhtScale)[] Queues =
    [
        ("voice-bn", "PS", 3.0, 0.06, 1.0),
        ("voice-en", "PE", 6.0, 0.05, 1.1),
        ("chat-bn", "IN", 6.0, 0.08, 2.2),
        ("email-en", "NW", 4.0, 0.10, 2.5),
    ];

    public static string DataFolder()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(candidate, "profiles", "anonymous-bank-weekly.csv")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("cannot find the data/ folder with profiles/anonymous-bank-weekly.csv; run from the repository");
    }

    /// <summary>Writes the demo history as an interval CSV (docs/formats/interval-csv.md).</summary>
    public static void WriteHistory(string dataFolder, TextWriter writer)
    {
        var profile = ReadProfile(Path.Combine(dataFolder, "profiles", "anonymous-bank-weekly.csv"));
        var random = new Random(1999);
        var pattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");
        writer.WriteLine("queue,interval_start,interval_minutes,offered,answered,abandoned,handle_seconds,wait_seconds");
        foreach (var (queue, type, scale, floor, ahtScale) in Queues)
        {
            for (var d = 0; d < HistoryWeeks * 7; d++)
            {
                var date = HistoryStart.PlusDays(d);
                var weekday = date.DayOfWeek.ToString()[..3];
                var shape = profile[(type, weekday)];
                var peak = shape.Max(s => s.Offered) * scale;
                var growth = 1 + (0.0005 * d); // a bank growing its customer base by about a fifth a year
                for (var slot = 0; slot < 96; slot++)
                {
                    var mean = Math.Max(shape[slot].Offered * scale, floor * peak) * growth;
                    var offered = Poisson(random, mean);
                    var abandoned = Binomial(random, offered, 0.05);
                    var answered = offered - abandoned;
                    var aht = (shape[slot].Aht ?? 180) * ahtScale;
                    double handle = 0;
                    for (var c = 0; c < answered; c++)
                    {
                        handle += aht * (0.5 + random.NextDouble());
                    }

                    var wait = (answered * 12 * random.NextDouble()) + (abandoned * 60 * random.NextDouble());
                    var start = date.At(LocalTime.Midnight).PlusMinutes(15 * slot);
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{queue},{pattern.Format(start)} Asia/Dhaka,15,{offered},{answered},{abandoned},{handle:0},{wait:0}"));
                }
            }
        }
    }

    private static Dictionary<(string Type, string Weekday), (double Offered, double? Aht)[]> ReadProfile(string path)
    {
        var result = new Dictionary<(string, string), (double, double?)[]>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            var key = (f[0], f[1]);
            if (!result.TryGetValue(key, out var slots))
            {
                slots = new (double, double?)[96];
                result.Add(key, slots);
            }

            var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(f[2]).Value;
            slots[(time.Hour * 4) + (time.Minute / 15)] = (double.Parse(f[3], CultureInfo.InvariantCulture), f[4].Length > 0 ? double.Parse(f[4], CultureInfo.InvariantCulture) : null);
        }

        return result;
    }

    private static int Poisson(Random random, double mean)
    {
        if (mean <= 0)
        {
            return 0;
        }

        if (mean > 50)
        {
            // Normal approximation keeps big queues fast; the demo needs realistic noise, not exact tails.
            var u = 1 - random.NextDouble();
            var v = random.NextDouble();
            var z = Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
            return Math.Max(0, (int)Math.Round(mean + (z * Math.Sqrt(mean))));
        }

        var limit = Math.Exp(-mean);
        var k = 0;
        var p = random.NextDouble();
        while (p > limit)
        {
            k++;
            p *= random.NextDouble();
        }

        return k;
    }

    private static int Binomial(Random random, int n, double p)
    {
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            if (random.NextDouble() < p)
            {
                k++;
            }
        }

        return k;
    }
}
