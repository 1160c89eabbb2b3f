using NodaTime;
using Scheduler.Domain.Time;

namespace Scheduler.Domain.Rostering;

/// <summary>What <see cref="ScenarioGenerator"/> makes: how many agents and skills, over which days, from which seed.</summary>
public sealed record ScenarioGeneratorOptions
{
    public int Agents { get; init; } = 50;

    /// <summary>How many of the bank's call types (PS, PE, IN, NE, NW, TT, in that order) become skills: 1 to 6.</summary>
    public int Skills { get; init; } = 3;

    public int Days { get; init; } = 7;

    public int Seed { get; init; } = 1;

    /// <summary>First day of the horizon; the default is a Sunday, the first working day of a Dhaka week.</summary>
    public LocalDate FirstDate { get; init; } = new(2026, 11, 29);

    public DateTimeZone Zone { get; init; } = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];

    public double PartTimeShare { get; init; } = 0.2;

    public double NightConsentShare { get; init; } = 0.6;

    /// <summary>Required agent-hours over the agents' contract hours (the midpoint of min and max).</summary>
    /// <remarks>0.72 leaves room for breaks (about 7 % of a shift off the phones) and for shift shapes that cannot
    /// follow demand exactly, as a centre staffed to its requirement has; at 0.85 demand equals the contract
    /// minimums and a shortfall is certain.</remarks>
    public double Load { get; init; } = 0.72;
}

/// <summary>
/// Makes a realistic, reproducible roster scenario for tests, demos and benchmarks: demand shaped like the
/// Anonymous Bank's weekly profiles, a Dhaka centre's agents with mixed skills and contracts, and the usual templates.
/// </summary>
/// <remarks>
/// <para>Skills: call type + language (<c>ps-bn</c>, <c>pe-en</c>…). Each skill keeps its own weekly shape, but
/// shares of the total demand go with the square root of its volume: by raw volume PS would swamp the rest (PE is
/// 0.7 % of the calls) and the small skills would round to nothing.</para>
/// <para>Demand is 24/7: every interval needs at least 8 % of the skill's peak, and the first skill at least one
/// agent. Requirements are scaled so required agent-hours ≈ <see cref="ScenarioGeneratorOptions.Load"/> × the
/// contract hours (midpoint of min and max, scaled to the horizon), then rounded; the scale is corrected for
/// rounding a few times so small scenarios land near the target too.</para>
/// <para>Everything random comes from one <see cref="Random"/>(seed), drawn in a fixed order: same seed, same scenario.</para>
/// </remarks>
public static class ScenarioGenerator
{
    public static readonly IReadOnlyList<(string Type, string Skill)> CallTypes =
        [("PS", "ps-bn"), ("PE", "pe-en"), ("IN", "in-en"), ("NE", "ne-bn"), ("NW", "nw-bn"), ("TT", "tt-en")];

    private const double NightFloor = 0.08;

    private static readonly string[] Names =
    [
        "Tanvir", "Nusrat", "Rakib", "Farhana", "Imran", "Sadia", "Arif", "Mahmuda", "Shakil", "Tasnim", "Rezaul", "Jannat",
        "Sabbir", "Moushumi", "Hasan", "Rumana", "Kamrul", "Sharmin", "Faisal", "Nadia", "Mizanur", "Tahmina", "Saiful", "Lamia",
        "Anik", "Priya", "Jahid", "Sumaiya", "Rashed", "Afroza",
    ];

    public static RosterScenario Generate(ScenarioGeneratorOptions options, IReadOnlyList<ProfileRow> profile)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Agents, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Skills, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Skills, CallTypes.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Days, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Days, 28);
        var random = new Random(options.Seed);
        var interval = Duration.FromMinutes(15);
        var grid = new IntervalGrid(options.Zone, options.FirstDate, options.Days, interval);
        var types = CallTypes.Take(options.Skills).ToList();
        var skills = types.Select(t => t.Skill).ToList();
        var shapes = types.Select(t => Shape(grid, profile, t.Type)).ToList();
        var volumes = types.Select(t => profile.Where(r => r.Type == t.Type).Sum(r => r.MeanOffered)).ToList();
        var shares = volumes.Select(v => Math.Sqrt(v) / volumes.Sum(Math.Sqrt)).ToList();

        var agents = Agents(options, random, skills, shares);
        var capacityHours = agents.Sum(a => (a.Contract.MinPaidPerWeek + a.Contract.MaxPaidPerWeek).TotalHours / 2) * options.Days / 7;
        var requirements = Requirements(grid, skills, shapes, shares, options.Load * capacityHours);
        var rules = options.Zone.Id == "Asia/Dhaka"
            ? new RosterRules { WeekendDays = new HashSet<IsoDayOfWeek> { IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday } }
            : new RosterRules();
        return new RosterScenario(options.Zone, options.FirstDate, options.Days, interval, skills, requirements, Templates(), agents, rules);
    }

    /// <summary>The three templates: full-time 8 h and part-time 4 h and 6 h, each starting on every hour.</summary>
    public static IReadOnlyList<ShiftTemplate> Templates()
    {
        var hourly = Enumerable.Range(0, 24).Select(h => new LocalTime(h, 0)).ToList();
        static Duration H(double hours) => Duration.FromMinutes(hours * 60);
        return
        [
            new ShiftTemplate("ft8", hourly, [H(8)],
            [
                new BreakRule("tea1", Duration.FromMinutes(15), true, H(1), H(2.5)),
                new BreakRule("meal", Duration.FromMinutes(30), false, H(3), H(5)),
                new BreakRule("tea2", Duration.FromMinutes(15), true, H(5.5), H(7.5)),
            ]),
            new ShiftTemplate("pt4", hourly, [H(4)], [new BreakRule("tea", Duration.FromMinutes(15), true, H(1.5), H(3))]),
            new ShiftTemplate("pt6", hourly, [H(6)], [new BreakRule("meal", Duration.FromMinutes(30), false, H(2), H(4))]),
        ];
    }

    /// <summary>
    /// A call type's mean offered contacts for each grid interval, by local weekday and quarter-hour, smoothed over
    /// the hour around each quarter (the small types have only a few calls a week and are otherwise all noise).
    /// </summary>
    private static double[] Shape(IntervalGrid grid, IReadOnlyList<ProfileRow> profile, string type)
    {
        const int PerDay = 96;
        var week = new double[7 * PerDay];
        var rows = profile.Where(r => r.Type == type).ToList();
        if (rows.Count == 0) throw new ArgumentException($"The profile has no rows for call type '{type}'.", nameof(profile));
        foreach (var r in rows)
        {
            week[(((int)r.Weekday - 1) * PerDay) + IntervalGrid.SlotOfDay(r.IntervalStart, Duration.FromMinutes(15))] = r.MeanOffered;
        }

        var smooth = week.Select((_, i) => Enumerable.Range(-2, 5).Sum(d => week[(i + d + week.Length) % week.Length]) / 5).ToArray();
        var shape = grid.Intervals.Select(i => smooth[(((int)i.Date.DayOfWeek - 1) * PerDay) + IntervalGrid.SlotOfDay(i.LocalStart, Duration.FromMinutes(15))]).ToArray();
        var peak = shape.Max();
        return [.. shape.Select(v => Math.Max(v, NightFloor * peak))];
    }

    private static Dictionary<string, int[]> Requirements(IntervalGrid grid, List<string> skills, List<double[]> shapes, List<double> shares, double targetHours)
    {
        var hoursPerInterval = grid.IntervalLength.TotalHours;
        var raw = shapes.Select((shape, s) => shape.Select(v => shares[s] * v / shape.Sum()).ToArray()).ToList();
        var target = targetHours / hoursPerInterval;
        var scale = target;
        int[][] rounded = [];
        for (var pass = 0; pass < 6; pass++)
        {
            var k = scale;
            rounded = [.. raw.Select((r, s) => r.Select(v => s == 0 ? Math.Max(1, (int)Math.Round(k * v)) : (int)Math.Round(k * v)).ToArray())];
            var total = rounded.Sum(r => r.Sum());
            if (total == 0) break;
            scale *= target / total;
        }

        return skills.Select((s, i) => (s, rounded[i])).ToDictionary(x => x.s, x => x.Item2);
    }

    private static List<RosterAgent> Agents(ScenarioGeneratorOptions options, Random random, List<string> skills, List<double> shares)
    {
        var dates = Enumerable.Range(0, options.Days).Select(options.FirstDate.PlusDays).ToList();
        var skillSets = SkillSets(options.Agents, random, skills, shares, MainSkills(options.Agents, shares));
        var agents = new List<RosterAgent>();
        for (var n = 0; n < options.Agents; n++)
        {
            var agentSkills = skillSets[n];
            var languages = new HashSet<string>(agentSkills.Select(s => s[^2..])) { "bn" };
            if (random.NextDouble() < 0.3) languages.Add("en");
            var partTime = random.NextDouble() < options.PartTimeShare;
            var contract = partTime
                ? new Contract(Duration.FromHours(16 + (2 * random.Next(3))), Duration.FromHours(24), 5, 2)
                : new Contract(Duration.FromHours(36), Duration.FromHours(44), 6, 1);
            var nightConsent = random.NextDouble() < options.NightConsentShare;
            var fixedOff = new HashSet<IsoDayOfWeek>();
            if (random.NextDouble() < 0.15) fixedOff.Add(random.NextDouble() < 0.6 ? IsoDayOfWeek.Friday : (IsoDayOfWeek)(1 + random.Next(7)));
            var timeOff = dates.Where(_ => random.NextDouble() < 0.03).ToHashSet();
            var preferences = new List<Preference>();
            if (random.NextDouble() < 0.4)
            {
                preferences.Add(new Preference(dates[random.Next(dates.Count)], null, null, null, false, 1 + random.Next(3)));
            }

            if (random.NextDouble() < 0.3)
            {
                var start = new LocalTime(nightConsent ? random.Next(24) : 7 + random.Next(8), 0);
                preferences.Add(new Preference(null, (IsoDayOfWeek)(1 + random.Next(7)), partTime ? "pt6" : "ft8", start, true, 1));
            }

            var name = Names[n % Names.Length] + (n >= Names.Length ? $" {(char)('A' + (n / Names.Length) - 1)}." : string.Empty);
            agents.Add(new RosterAgent($"a{n + 1:000}", name, options.Zone, agentSkills, languages, contract, nightConsent, new Dictionary<IsoDayOfWeek, AvailabilityWindow>(), fixedOff, timeOff, preferences, []));
        }

        return agents;
    }

    /// <summary>
    /// The main skill plus up to two more (picked by demand share); then every skill is topped up to 1.5 × its share
    /// of the agents (at most its share + 10 points, so not everyone ends up with the main skill), from the agents with the fewest skills, so no skill depends on a handful of people.
    /// </summary>
    private static List<HashSet<string>> SkillSets(int agents, Random random, List<string> skills, List<double> shares, int[] mains)
    {
        var sets = new List<HashSet<string>>();
        for (var n = 0; n < agents; n++)
        {
            var set = new HashSet<string> { skills[mains[n]] };
            var extra = random.NextDouble() switch { < 0.15 => 2, < 0.6 => 1, _ => 0 };
            for (var e = 0; e < extra && set.Count < skills.Count; e++)
            {
                set.Add(skills[Pick(random, shares)]);
            }

            sets.Add(set);
        }

        for (var s = 0; s < skills.Count; s++)
        {
            var wanted = (int)Math.Ceiling(Math.Min(1.5 * shares[s], shares[s] + 0.1) * agents);
            var candidates = Enumerable.Range(0, agents).Where(n => !sets[n].Contains(skills[s])).OrderBy(n => sets[n].Count).ThenBy(_ => random.Next()).ToList();
            foreach (var n in candidates.Take(wanted - sets.Count(x => x.Contains(skills[s]))))
            {
                sets[n].Add(skills[s]);
            }
        }

        return sets;
    }

    /// <summary>Each agent's main skill: skills get agents in proportion to their demand (largest remainder), at least one each when there are enough agents.</summary>
    private static int[] MainSkills(int agents, List<double> shares)
    {
        var counts = shares.Select(s => (int)Math.Floor(s * agents)).ToArray();
        foreach (var s in Enumerable.Range(0, shares.Count).OrderByDescending(s => (shares[s] * agents) - counts[s]).Take(agents - counts.Sum()))
        {
            counts[s]++;
        }

        for (var s = 0; s < counts.Length && agents >= counts.Length; s++)
        {
            if (counts[s] > 0) continue;
            counts[Array.IndexOf(counts, counts.Max())]--;
            counts[s]++;
        }

        return [.. counts.SelectMany((c, s) => Enumerable.Repeat(s, c))];
    }

    private static int Pick(Random random, List<double> shares)
    {
        var x = random.NextDouble();
        for (var s = 0; s < shares.Count; s++)
        {
            x -= shares[s];
            if (x < 0) return s;
        }

        return shares.Count - 1;
    }
}
