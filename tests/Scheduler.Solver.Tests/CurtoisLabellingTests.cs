using Google.OrTools.Sat;
using Scheduler.Domain.Curtois;
using Scheduler.Solver.Curtois;

namespace Scheduler.Solver.Tests;

/// <summary>
/// The Curtois labelling against the truth: every schedule of a tiny horizon enumerated and judged by the benchmark's
/// validator (which never calls a solver), and CP-SAT's optimum on real instances' employees, under random prices.
/// </summary>
public sealed class CurtoisLabellingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Price_RandomTinyInstances_MinimumEqualsBruteForce(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var instance = RandomInstance(random);
            var cost = RandomCost(random, instance);
            var (truth, valid) = BruteForce(instance, cost);

            var result = new CurtoisLabelling(instance, 0).Price(cost, keep: 5);

            Assert.True(result.Exact);
            if (valid == 0)
            {
                Assert.Empty(result.Schedules);
                Assert.True(double.IsPositiveInfinity(result.Least));
                continue;
            }

            Assert.Equal(truth, result.Least, 6);
            Assert.NotEmpty(result.Schedules);
            Assert.True(result.Schedules.Count <= 5);
            foreach (var (schedule, scheduleCost) in result.Schedules)
            {
                AssertValid(instance, schedule);
                Assert.Equal(CostOf(schedule, cost), scheduleCost, 6);
            }
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Price_Beam_ReturnsOnlyValidSchedulesNoCheaperThanTheMinimum(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var instance = RandomInstance(random);
            var cost = RandomCost(random, instance);
            var (truth, _) = BruteForce(instance, cost);

            var result = new CurtoisLabelling(instance, 0).Price(cost, keep: 3, beam: 2);

            Assert.False(result.Exact);
            foreach (var (schedule, _) in result.Schedules)
            {
                AssertValid(instance, schedule);
                Assert.True(CostOf(schedule, cost) >= truth - 1e-6);
            }
        }
    }

    [Fact]
    public void Price_FixedCells_AreKept()
    {
        var tiny = TinyCurtois.Instance();
        var instance = tiny with { Employees = [tiny.Employees[0]], OnRequests = [], OffRequests = [], Cover = [] };
        var cost = new double[instance.Days, instance.ShiftTypes.Count];
        var labelling = new CurtoisLabelling(instance, 0);
        var free = labelling.Price(cost);
        Assert.True(free.Exact);
        Assert.Single(free.Schedules);

        // Employee A must work L on day 1 and be off on day 3.
        var fixedCells = new[] { -2, instance.ShiftIndex("L"), -2, CurtoisRoster.Off, -2, -2, -2 };
        var result = labelling.Price(cost, fixedCells, keep: 50);

        Assert.NotEmpty(result.Schedules);
        foreach (var (schedule, _) in result.Schedules)
        {
            Assert.Equal(instance.ShiftIndex("L"), schedule[1]);
            Assert.Equal(CurtoisRoster.Off, schedule[3]);
            AssertValid(instance, schedule);
        }
    }

    [Theory]
    [InlineData("Instance3.txt", 21)]
    [InlineData("Instance8.txt", 22)]
    [InlineData("Instance1.txt", 23)]
    [InlineData("Instance5.txt", 24)]
    [InlineData("Instance16.txt", 25)]
    [InlineData("Instance17.txt", 26)]
    public void Price_RealEmployees_MinimumEqualsCpSat(string file, int seed)
    {
        var full = CurtoisReader.Read(CurtoisFiles.Path(file));
        var random = new Random(seed);
        foreach (var e in new[] { 0, full.Employees.Count / 2, full.Employees.Count - 1 })
        {
            var cost = new double[full.Days, full.ShiftTypes.Count];
            for (var d = 0; d < full.Days; d++)
            {
                for (var s = 0; s < full.ShiftTypes.Count; s++)
                {
                    cost[d, s] = random.Next(-300, 300) / 100.0; // integer at the scale CP-SAT gets below
                }
            }

            var result = new CurtoisLabelling(full, e).Price(cost);
            Assert.True(result.Exact, $"{file} employee {e}: {result}");
            var alone = full with { Employees = [full.Employees[e]], OnRequests = [], OffRequests = [], Cover = [] };
            var truth = CpSatMinimum(alone, cost);

            Assert.Equal(truth, result.Least, 6);
            AssertValid(alone, result.Schedules[0].Schedule);
        }
    }

    private static double CpSatMinimum(CurtoisInstance alone, double[,] cost)
    {
        var m = new CurtoisModel(alone);
        OneShiftPerDay.Add(m);
        ShiftRotation.Add(m);
        WorkLimits.Add(m);
        RunsAndWeekends.Add(m);
        var objective = LinearExpr.NewBuilder();
        for (var d = 0; d < alone.Days; d++)
        {
            for (var s = 0; s < alone.ShiftTypes.Count; s++)
            {
                if (m.X[0][d][s] is { } x)
                {
                    objective.AddTerm(x, (long)Math.Round(cost[d, s] * 100));
                }
            }
        }

        m.Cp.Minimize(objective);
        var solver = new CpSolver { StringParameters = "max_time_in_seconds:240,num_workers:2" };
        var status = solver.Solve(m.Cp);
        Assert.Equal(CpSolverStatus.Optimal, status);
        return solver.ObjectiveValue / 100;
    }

    private static CurtoisInstance RandomInstance(Random random)
    {
        var oneType = random.Next(2) == 0;
        var days = oneType ? 14 : 7; // at most 16,384 schedules to enumerate
        var types = oneType ? 1 : 3;
        var lengths = new[] { 480, 600, 720 };
        var shifts = Enumerable.Range(0, types)
            .Select(s => new CurtoisShiftType($"S{s}", lengths[random.Next(lengths.Length)], [.. Enumerable.Range(0, types).Where(_ => random.Next(4) == 0)]))
            .ToList();
        var maxRun = random.Next(1, 6);
        var minRun = random.Next(0, Math.Min(maxRun, 3) + 1);
        var maxMinutes = random.Next(0, days + 1) * 600;
        var minMinutes = random.Next(0, 3) == 0 ? 0 : random.Next(0, maxMinutes + 1);
        var daysOff = Enumerable.Range(0, days).Where(_ => random.Next(6) == 0).ToHashSet();
        var employee = new CurtoisEmployee(
            "A",
            [.. Enumerable.Range(0, types).Select(_ => random.Next(0, 4) == 0 ? days : random.Next(0, days / 2 + 1))],
            maxMinutes,
            minMinutes,
            maxRun,
            minRun,
            random.Next(0, 4),
            random.Next(0, (days / 7) + 1),
            daysOff);
        return new CurtoisInstance("random", days, shifts, [employee], [], [], []);
    }

    private static double[,] RandomCost(Random random, CurtoisInstance instance)
    {
        var cost = new double[instance.Days, instance.ShiftTypes.Count];
        for (var d = 0; d < instance.Days; d++)
        {
            for (var s = 0; s < instance.ShiftTypes.Count; s++)
            {
                cost[d, s] = Math.Round((random.NextDouble() * 10) - 6, 3);
            }
        }

        return cost;
    }

    /// <summary>The least cost over every valid schedule (by the validator), and how many schedules are valid.</summary>
    private static (double Least, int Valid) BruteForce(CurtoisInstance instance, double[,] cost)
    {
        var types = instance.ShiftTypes.Count;
        var days = instance.Days;
        var schedule = new int[days];
        var total = (int)Math.Pow(types + 1, days);
        var least = double.PositiveInfinity;
        var valid = 0;
        for (var code = 0; code < total; code++)
        {
            var rest = code;
            for (var d = 0; d < days; d++)
            {
                schedule[d] = (rest % (types + 1)) - 1;
                rest /= types + 1;
            }

            if (!IsValid(instance, schedule))
            {
                continue;
            }

            valid++;
            least = Math.Min(least, CostOf(schedule, cost));
        }

        return (least, valid);
    }

    private static double CostOf(int[] schedule, double[,] cost)
    {
        var sum = 0.0;
        for (var d = 0; d < schedule.Length; d++)
        {
            sum += schedule[d] >= 0 ? cost[d, schedule[d]] : 0;
        }

        return sum;
    }

    private static bool IsValid(CurtoisInstance instance, int[] schedule) => CurtoisValidator.Validate(instance, ToRoster(instance, schedule)).Feasible;

    private static void AssertValid(CurtoisInstance instance, int[] schedule)
    {
        var report = CurtoisValidator.Validate(instance, ToRoster(instance, schedule));
        Assert.True(report.Feasible, string.Join("; ", report.Violations));
    }

    private static CurtoisRoster ToRoster(CurtoisInstance instance, int[] schedule)
    {
        var roster = new CurtoisRoster(1, instance.Days);
        for (var d = 0; d < instance.Days; d++)
        {
            roster[0, d] = schedule[d];
        }

        return roster;
    }
}
