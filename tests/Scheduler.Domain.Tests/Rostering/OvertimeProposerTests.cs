using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Rostering;
using Scheduler.Tests.Rostering;

namespace Scheduler.Domain.Tests.Rostering;

/// <summary>
/// Overtime and voluntary-time-off offers on hand-made weeks: one case that must propose, and one for each reason it
/// must not (no consent, cap reached, the rest rule); every proposal applied is judged again by the validator.
/// </summary>
public sealed class OvertimeProposerTests
{
    /// <summary>Contract of exactly one 8-hour shift a week: any paid hour beyond it must be overtime.</summary>
    private static readonly Contract EightHours = new(Duration.Zero, Duration.FromHours(8), 7, 0);

    /// <summary>A day template starting on any hour, 8 or 10 hours long (an 8-hour shift can be extended by 2).</summary>
    private static readonly ShiftTemplate Day = new("day", [.. Enumerable.Range(0, 24).Select(h => new LocalTime(h, 0))], [Duration.FromHours(8), Duration.FromHours(10)], []);

    private static RosterScenario Week(Tiny tiny, Func<RosterAgent, RosterAgent>? terms = null)
    {
        var scenario = tiny.Build();
        return scenario with { Templates = [Day], Agents = [.. scenario.Agents.Select(terms ?? (a => a))] };
    }

    private static RosterAgent Consents(RosterAgent a, double capHours = 4, decimal wage = 100) =>
        a with { OvertimeConsent = true, OvertimeCapPerWeek = Duration.FromHours(capHours), HourlyCost = wage };

    private static ShiftAssignment Shift(string agent, int day, int hour, int hours = 8) =>
        new(agent, Tiny.Sunday.PlusDays(day), "day", new LocalTime(hour, 0), Duration.FromHours(hours), []);

    private static long Short(RosterScenario scenario, Roster roster) =>
        RosterValidator.Validate(scenario, roster).Costs.Where(c => c.Rule == RuleNames.UnderCoverage).Sum(c => c.Units);

    [Fact]
    public void AShortEvening_IsOfferedAsAnExtensionCountedAsOvertime_AndTheValidatorAcceptsIt()
    {
        // One agent at 08-16 whose contract is full at 8 h; the requirement runs to 18:00: 8 quarter-hours short.
        var scenario = Week(new Tiny().Agent("a", contract: EightHours).Need(1, 8, 10), a => Consents(a));
        var roster = new Roster([Shift("a", 0, 8)]);

        var offer = Assert.Single(OvertimeProposer.Propose(scenario, roster), p => p.Kind == OfferKind.Overtime);

        Assert.Equal(new LocalTime(8, 0), offer.After!.Start);
        Assert.Equal(Duration.FromHours(10), offer.After.Length);
        Assert.Equal(Duration.FromHours(2), offer.After.Overtime);
        Assert.Equal(8, offer.CoverageUnits);
        Assert.Equal(8 * scenario.Rules.UnderCoverage, offer.CoverageValue);
        Assert.Equal(2 * 100 * 2m, offer.Money); // 2 h × 100 × the 200 % premium
        var applied = offer.ApplyTo(roster)!;
        var report = RosterValidator.Validate(scenario, applied);
        Assert.True(report.IsValid, string.Join("; ", report.Violations.Select(v => v.Description)));
        Assert.Equal(0, Short(scenario, applied));
    }

    [Fact]
    public void TheSameExtension_NotMarkedAsOvertime_BreaksTheContractsWeeklyHours()
    {
        // The validator knows which hours are overtime: unmarked, the two extra hours are contract hours over the 8 h maximum.
        var scenario = Week(new Tiny().Agent("a", contract: EightHours).Need(1, 8, 10), a => Consents(a));

        var report = RosterValidator.Validate(scenario, new Roster([Shift("a", 0, 8, hours: 10)]));

        Assert.Contains(report.Violations, v => v.Rule == RuleNames.WeeklyHours);
    }

    [Fact]
    public void AFreeDayThatIsShort_IsOfferedAsAnExtraShiftOfOvertime()
    {
        var scenario = Week(new Tiny(days: 2).Agent("a", contract: EightHours).Need(1, 9, 8, day: 1), a => Consents(a, capHours: 8));
        var roster = new Roster([Shift("a", 0, 8)]);

        var offer = OvertimeProposer.Propose(scenario, roster).First();

        Assert.Null(offer.Before);
        Assert.Equal(Tiny.Sunday.PlusDays(1), offer.Date);
        Assert.Equal(new LocalTime(9, 0), offer.After!.Start);
        Assert.Equal(Duration.FromHours(8), offer.After.Overtime);
        var applied = offer.ApplyTo(roster)!;
        Assert.True(RosterValidator.Validate(scenario, applied).IsValid);
        Assert.Equal(0, Short(scenario, applied));
    }

    [Fact]
    public void AnAgentWhoDidNotConsent_IsOfferedNoOvertime()
    {
        var scenario = Week(new Tiny().Agent("a", contract: EightHours).Need(1, 8, 10), a => a with { OvertimeCapPerWeek = Duration.FromHours(4) });

        Assert.DoesNotContain(OvertimeProposer.Propose(scenario, new Roster([Shift("a", 0, 8)])), p => p.Kind == OfferKind.Overtime);
    }

    [Fact]
    public void AnAgentWhoseCapIsReached_IsOfferedNoOvertime_AndTheValidatorRefusesHoursBeyondIt()
    {
        // The cap is 1 h; the only extension adds 2 h.
        var scenario = Week(new Tiny().Agent("a", contract: EightHours).Need(1, 8, 10), a => Consents(a, capHours: 1));
        var roster = new Roster([Shift("a", 0, 8)]);

        Assert.Empty(OvertimeProposer.Propose(scenario, roster));
        var beyond = RosterValidator.Validate(scenario, new Roster([Shift("a", 0, 8, hours: 10) with { Overtime = Duration.FromHours(2) }]));
        var violation = Assert.Single(beyond.Violations);
        Assert.Equal(RuleNames.OvertimeTerms, violation.Rule);
        Assert.Contains("cap is 1 h", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void OvertimeHoursWithoutConsent_BreakTheOvertimeRule()
    {
        var scenario = Week(new Tiny().Agent("a", contract: EightHours).Need(1, 8, 10));

        var report = RosterValidator.Validate(scenario, new Roster([Shift("a", 0, 8, hours: 10) with { Overtime = Duration.FromHours(2) }]));

        Assert.Equal(RuleNames.OvertimeTerms, Assert.Single(report.Violations).Rule);
    }

    [Fact]
    public void AnExtraShiftThatWouldBreakTheRestRule_IsNotOffered()
    {
        // a works the night Sunday 22:00 - Monday 06:00; Monday 08:00-16:00 is short, but any shift covering it starts
        // less than 11 h after 06:00. b, without consent, cannot take it either.
        var scenario = Week(new Tiny(days: 2).Agent("a", contract: EightHours).Agent("b").Need(1, 8, 8, day: 1), a => a.Id == "a" ? Consents(a, capHours: 8) : a);
        var roster = new Roster([Shift("a", 0, 22)]);

        Assert.DoesNotContain(OvertimeProposer.Propose(scenario, roster), p => p.Kind == OfferKind.Overtime);
        Assert.Contains(RosterValidator.Validate(scenario, new Roster([Shift("a", 0, 22), Shift("a", 1, 8) with { Overtime = Duration.FromHours(8) }])).Violations,
            v => v.Rule == RuleNames.MinimumRest);
    }

    [Fact]
    public void EqualGains_RankFewerOvertimeHoursThisMonthFirst_ThenTheCheaper()
    {
        // a and b both work 08-16 and either could extend to 18:00 where one more agent is needed.
        var tiny = new Tiny().Agent("a", contract: EightHours).Agent("b", contract: EightHours).Agent("c", contract: EightHours).Need(3, 8, 8).Need(1, 16, 2);
        var scenario = Week(tiny, a => Consents(a, wage: a.Id == "b" ? 80 : 100));
        var roster = new Roster([Shift("a", 0, 8), Shift("b", 0, 8), Shift("c", 0, 8)]);
        var history = new OfferHistory(new Dictionary<string, Duration> { ["b"] = Duration.FromHours(6) }, new Dictionary<string, Duration>());

        var byFairness = OvertimeProposer.Propose(scenario, roster, history).Where(p => p.Kind == OfferKind.Overtime).Select(p => p.AgentId).ToList();
        var byCost = OvertimeProposer.Propose(scenario, roster).Where(p => p.Kind == OfferKind.Overtime).Select(p => p.AgentId).ToList();

        Assert.Equal(["a", "c", "b"], byFairness); // b worked 6 h of overtime this month already; a before c by id
        Assert.Equal(["b", "a", "c"], byCost); // no history: b is the cheapest hour
    }

    [Fact]
    public void AnOverStaffedDay_IsOfferedVoluntaryTimeOff_ThatLosesNoCoverage()
    {
        // Two agents 08-16 where one is needed: releasing either removes 32 over-staffed quarter-hours.
        var scenario = Week(new Tiny().Agent("a").Agent("b").Need(1, 8, 8), a => a with { HourlyCost = 100 });
        var roster = new Roster([Shift("a", 0, 8), Shift("b", 0, 8)]);

        var offers = OvertimeProposer.Propose(scenario, roster).Where(p => p.Kind == OfferKind.VoluntaryTimeOff).ToList();

        Assert.Equal(2, offers.Count);
        var offer = offers[0];
        Assert.Null(offer.After);
        Assert.Equal(32, offer.CoverageUnits);
        Assert.Equal(800m, offer.Money);
        var applied = offer.ApplyTo(roster)!;
        Assert.True(RosterValidator.Validate(scenario, applied).IsValid);
        Assert.Equal(0, Short(scenario, applied));
    }

    [Fact]
    public void TimeOffBelowTheContractsMinimum_IsNotOffered()
    {
        var full = new Contract(Duration.FromHours(8), Duration.FromHours(8), 7, 0);
        var scenario = Week(new Tiny().Agent("a", contract: full).Agent("b", contract: full).Need(1, 8, 8));

        Assert.Empty(OvertimeProposer.Propose(scenario, new Roster([Shift("a", 0, 8), Shift("b", 0, 8)])));
    }

    [Fact]
    public void Recheck_RefusesAnOfferWhoseShiftChanged_AndTakesOneThatStillFits()
    {
        var scenario = Week(new Tiny().Agent("a", contract: EightHours).Need(1, 8, 10), a => Consents(a));
        var roster = new Roster([Shift("a", 0, 8)]);
        var offer = OvertimeProposer.Propose(scenario, roster).Single(p => p.Kind == OfferKind.Overtime);

        var (changed, refusal) = OvertimeProposer.Recheck(scenario, roster, offer);
        var (_, moved) = OvertimeProposer.Recheck(scenario, new Roster([Shift("a", 0, 9)]), offer);

        Assert.Null(refusal);
        Assert.True(RosterValidator.Validate(scenario, changed!).IsValid);
        Assert.Contains("changed after the offer", moved, StringComparison.Ordinal);
    }

    [Fact]
    public void OvertimeTerms_RoundTripThroughTheScenarioAndRosterFiles()
    {
        var scenario = Week(new Tiny().Agent("a", contract: EightHours).Need(1, 8, 10), a => Consents(a, capHours: 6, wage: 125.5m));
        var roster = new Roster([Shift("a", 0, 8, hours: 10) with { Overtime = Duration.FromHours(2) }]);

        var agent = ScenarioJson.Read(ScenarioJson.Write(scenario), "scenario.json").Agents.Single();
        var shift = RosterJson.Read(RosterJson.Write(roster), "roster.json").Shifts.Single();

        Assert.True(agent.OvertimeConsent);
        Assert.Equal(Duration.FromHours(6), agent.OvertimeCapPerWeek);
        Assert.Equal(125.5m, agent.HourlyCost);
        Assert.Equal(Duration.FromHours(2), shift.Overtime);
    }

    [Fact]
    public void ANegativeOvertimeCap_IsRefusedNamingTheField()
    {
        var json = ScenarioSamples.With(ScenarioSamples.Valid(), "agents[0].overtimeCapHoursPerWeek", "-2");

        var errors = Assert.Throws<ImportException>(() => ScenarioJson.Read(json, "scenario.json")).Errors;

        Assert.Contains(errors, e => e.Field == "$.agents[0].overtimeCapHoursPerWeek");
    }
}
