using System.Globalization;
using Bunit;
using NodaTime;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Roster;

namespace Scheduler.Web.Tests;

/// <summary>
/// The reason of a roster version is stored in English by whatever made the version; the roster page and its history
/// show it in the reader's language, with names and dates kept as data, and anything unknown as stored.
/// </summary>
public sealed class VersionReasonTests
{
    [Theory]
    [InlineData("solve", "Solve")]
    [InlineData("hand edit", "HandEdit")]
    [InlineData("approved change", "ApprovedChange")]
    [InlineData("v3 rebased on v4", "Rebased", "3", "4")]
    [InlineData("improved by simulation, round 2", "Improved", "2")]
    [InlineData("approved request 12 (swap)", "ApprovedSwap", "12")]
    [InlineData("approved request 7 (timeoff)", "ApprovedTimeOff", "7")]
    [InlineData("overtime accepted by Rafiq Hossain, offer 5", "OvertimeAccepted", "Rafiq Hossain", "5")]
    [InlineData("time off accepted by Nadia Rahman, offer 9", "TimeOffAccepted", "Nadia Rahman", "9")]
    [InlineData("activities placed: 4, 1 not placed, coverage cost +120", "ActivitiesPlaced", "4", "1", "+120")]
    public void Each_reason_the_app_writes_has_its_key_and_data(string reason, string key, params string[] args)
    {
        var parsed = VersionReason.Parse(reason);

        Assert.NotNull(parsed);
        Assert.Equal(key, parsed.Value.Key);
        Assert.Equal(args, parsed.Value.Args);
    }

    [Fact]
    public void The_sick_call_reason_as_the_domain_writes_it_is_recognised()
    {
        var zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
        var agent = new RosterAgent("a1", "Rafiq Hossain", zone, new HashSet<string> { "voice-bn" }, new HashSet<string> { "bn" },
            new Contract(Duration.FromHours(32), Duration.FromHours(48), 6, 1), true, new Dictionary<IsoDayOfWeek, AvailabilityWindow>(),
            new HashSet<IsoDayOfWeek>(), new HashSet<LocalDate>(), [], []);
        var first = new LocalDate(2026, 12, 13);
        var scenario = new RosterScenario(zone, first, 7, Duration.FromMinutes(15), ["voice-bn"], new Dictionary<string, int[]> { ["voice-bn"] = new int[7 * 96] }, [], [agent], new RosterRules());
        var from = first.PlusDays(2).At(new LocalTime(10, 0)).InZoneStrictly(zone).ToInstant();

        var parsed = VersionReason.Parse(SickCalls.Reason(scenario, new Absence("a1", from, from + Duration.FromHours(8))));

        Assert.NotNull(parsed);
        Assert.Equal("SickCall", parsed.Value.Key);
        Assert.Equal("Rafiq Hossain", parsed.Value.Args[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("rebuilt after the import")]
    [InlineData("approved request 12 (lunch)")]
    public void An_unknown_reason_is_not_guessed(string reason) => Assert.Null(VersionReason.Parse(reason));

    [Fact]
    public void In_Bangla_the_name_comes_first_and_stays_untranslated_data()
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("bn");
        try
        {
            using var context = new BunitContext();
            Microsoft.Extensions.DependencyInjection.LocalizationServiceCollectionExtensions.AddLocalization(context.Services);

            var shown = context.Render<VersionReason>(p => p.Add(c => c.Reason, "overtime accepted by Rafiq Hossain, offer 5"));

            Assert.StartsWith("Rafiq Hossain", shown.Markup.Replace("<span translate=\"no\">", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal("Rafiq Hossain", shown.Find("span[translate=no]").TextContent);
            Assert.Contains("ওভারটাইম গ্রহণ করেছেন", shown.Markup, StringComparison.Ordinal);

            var unknown = context.Render<VersionReason>(p => p.Add(c => c.Reason, "rebuilt after the import"));
            Assert.Equal("en", unknown.Find("span").GetAttribute("lang"));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }
}
