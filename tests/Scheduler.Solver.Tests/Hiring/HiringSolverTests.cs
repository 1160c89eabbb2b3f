using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Solver.Hiring;

namespace Scheduler.Solver.Tests.Hiring;

/// <summary>
/// A week whose answer is known by construction: Rina covers Bangla chat's days (06:00-14:00, Sunday to Thursday) and
/// nobody its nights (22:00-06:00, the same five nights), so exactly one full-time night agent with chat closes it.
/// </summary>
public sealed class HiringSolverTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
    private static readonly LocalDate Sunday = new(2026, 12, 13);
    private static readonly Duration HalfHour = Duration.FromMinutes(30);

    private static readonly HiringOptions Quick = new() { TimeLimit = TimeSpan.FromSeconds(20), Workers = 2, Seed = 1 };

    // Full-time chat agents who work nights: the one profile that can close the gap.
    private static readonly HireProfile ChatNights = new(["chat"], Duration.FromHours(40), Duration.FromHours(48), 2, true, 200, []);

    // Voice only: the wrong skill, never hired.
    private static readonly HireProfile Voice = new(["voice"], Duration.FromHours(40), Duration.FromHours(48), 2, true, 180, []);

    // Chat without night consent: may not touch 22:00-06:00, never hired.
    private static readonly HireProfile ChatDays = new(["chat"], Duration.FromHours(40), Duration.FromHours(48), 2, false, 150, []);

    [Fact]
    public void Suggest_hires_exactly_one_night_chat_agent_when_five_nights_are_uncovered()
    {
        var (scenario, roster) = Week(nights: [0, 1, 2, 3, 4]);

        var suggestion = HiringSolver.Suggest(scenario, roster, [Voice, ChatDays, ChatNights], Quick);

        var hire = Assert.Single(suggestion.Hires);
        Assert.Same(ChatNights, hire.Profile);
        Assert.Equal([0, 1, 2, 3, 4], hire.Shifts.Select(s => scenario.DayIndex(s.Date)).Order());
        Assert.All(hire.Shifts, s => Assert.Equal(new LocalTime(22, 0), s.Start));
        Assert.Equal(5 * 8 * 2, suggestion.ShortBefore); // five nights of 8 h on a 30-minute grid
        Assert.Equal(0, suggestion.ShortAfter);
        Assert.Equal(1.0, suggestion.CoverageAfter);
        Assert.Equal(200m * 40, suggestion.WeeklyCost);
        Assert.Empty(suggestion.Remaining);

        // The roster with the hire, judged by the validator alone.
        var report = RosterValidator.Validate(suggestion.Scenario, suggestion.Roster);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        Assert.DoesNotContain(report.Costs, c => c.Rule == RuleNames.UnderCoverage);
    }

    [Fact]
    public void Suggest_hires_no_one_when_no_profile_has_the_short_skill_and_says_so()
    {
        var (scenario, roster) = Week(nights: [0, 1, 2, 3, 4]);

        var suggestion = HiringSolver.Suggest(scenario, roster, [Voice], Quick);

        Assert.Empty(suggestion.Hires);
        Assert.Equal(suggestion.ShortBefore, suggestion.ShortAfter);
        Assert.All(suggestion.Remaining, g => Assert.Equal(RemainingReason.NoProfileWithSkill, g.Reason));
        Assert.Equal(6, suggestion.Remaining.Count); // the five nights touch six dates, Sunday to Friday morning
        Assert.True(RosterValidator.Validate(suggestion.Scenario, suggestion.Roster).IsValid);
    }

    [Fact]
    public void Suggest_hires_no_one_for_a_single_short_night_a_full_time_week_would_not_pay_for()
    {
        // One night short (16 agent-intervals = 16 000) against a hire's 40 paid hours (40 000): not worth a hire.
        var (scenario, roster) = Week(nights: [2]);

        var suggestion = HiringSolver.Suggest(scenario, roster, [ChatNights], Quick);

        Assert.Empty(suggestion.Hires);
        Assert.Equal(16, suggestion.ShortAfter);
        // Tuesday 22:00-24:00 and Wednesday 00:00-06:00.
        Assert.Equal([(Sunday.PlusDays(2), 4), (Sunday.PlusDays(3), 12)], suggestion.Remaining.Select(g => (g.Date, g.ShortIntervals)).Order());
        Assert.All(suggestion.Remaining, g => Assert.Equal(RemainingReason.NotWorthAHire, g.Reason));
        Assert.True(RosterValidator.Validate(suggestion.Scenario, suggestion.Roster).IsValid);
    }

    /// <summary>Chat needs one agent 06:00-14:00 Sunday to Thursday (Rina's shifts) and 22:00-06:00 on <paramref name="nights"/>.</summary>
    private static (RosterScenario Scenario, Roster Roster) Week(int[] nights)
    {
        var grid = new Domain.Time.IntervalGrid(Dhaka, Sunday, 7, HalfHour);
        var chat = new int[grid.Count];
        var voice = new int[grid.Count];
        for (var t = 0; t < grid.Count; t++)
        {
            var i = grid.Intervals[t];
            var day = Period.Between(Sunday, i.Date, PeriodUnits.Days).Days;
            var hour = i.LocalStart.Hour;
            var dayShift = day <= 4 && hour is >= 6 and < 14;
            var night = (hour >= 22 && nights.Contains(day)) || (hour < 6 && nights.Contains(day - 1));
            chat[t] = dayShift || night ? 1 : 0;
        }

        ShiftTemplate template = new("eight", [new LocalTime(6, 0), new LocalTime(14, 0), new LocalTime(22, 0)], [Duration.FromHours(8)], []);
        var rina = new RosterAgent("rina", "Rina Akter", Dhaka, new HashSet<string> { "chat" }, new HashSet<string> { "bn" }, new Contract(Duration.FromHours(40), Duration.FromHours(48), 6, 2), false, new Dictionary<IsoDayOfWeek, AvailabilityWindow>(), new HashSet<IsoDayOfWeek>(), new HashSet<LocalDate>(), [], []);
        var scenario = new RosterScenario(Dhaka, Sunday, 7, HalfHour, ["chat", "voice"], new Dictionary<string, int[]> { ["chat"] = chat, ["voice"] = voice }, [template], [rina], new RosterRules());
        var roster = new Roster([.. Enumerable.Range(0, 5).Select(d => new ShiftAssignment("rina", Sunday.PlusDays(d), "eight", new LocalTime(6, 0), Duration.FromHours(8), []))]);
        Assert.True(RosterValidator.Validate(scenario, roster).IsValid);
        return (scenario, roster);
    }
}
