using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Features.Overtime;
using Scheduler.Web.Features.Requests;
using Scheduler.Web.Localization;

namespace Scheduler.Web.Tests.Localization;

/// <summary>
/// The one way each page says a shift request and an overtime offer: the agent's pages and the supervisor's say the
/// same words (with their own digits), in English and in Bangla, at the site's times.
/// </summary>
public sealed class SharedTextTests
{
    private static readonly DateTimeZone Dhaka = DateTimeZoneProviders.Tzdb["Asia/Dhaka"];
    private static readonly CultureInfo English = Languages.Culture(Languages.English);
    private static readonly CultureInfo Bangla = Languages.Culture(Languages.Bangla);

    [Fact]
    public void An_accepted_offer_says_when_at_the_sites_time_not_UTC()
    {
        var offer = Offer(OvertimeOfferStatus.Accepted);
        offer.DecidedAt = Instant.FromUtc(2026, 12, 10, 8, 5); // 14:05 in Dhaka

        var text = In(English, () => Offers(new UiFormat(English, true)).Status(offer, toAgent: true));

        Assert.Equal("accepted Thu 10 Dec 14:05", text);
    }

    [Fact]
    public void A_sent_offer_waits_for_your_answer_to_the_agent_and_for_the_agent_to_the_supervisor()
    {
        var offer = Offer(OvertimeOfferStatus.Sent);
        var text = Offers(new UiFormat(English, true));

        Assert.Equal("waiting for your answer", In(English, () => text.Status(offer, toAgent: true)));
        Assert.Equal("waiting for the agent", In(English, () => text.Status(offer, toAgent: false)));
    }

    [Fact]
    public void A_stored_offer_and_the_proposal_it_came_from_say_the_same_change()
    {
        var scenario = ScenarioSamples();
        var before = new ShiftOption(scenario, scenario.Template("ft8"), new LocalDate(2026, 12, 10), new LocalTime(8, 0), Duration.FromHours(8)).Assign("tanvir", scenario.IntervalLength);
        var after = before with { Length = Duration.FromHours(10) };
        var proposal = new OvertimeProposal(OfferKind.Overtime, "tanvir", "Tanvir Ahmed", before.Date, before, after, Duration.FromHours(2), 8, 8, Duration.Zero, 800, "English description");
        var offer = Offer(OvertimeOfferStatus.Sent);
        (offer.BeforeStart, offer.BeforeLength, offer.AfterStart, offer.AfterLength) = (before.Start, before.Length, after.Start, after.Length);
        var text = Offers(new UiFormat(English, true));

        Assert.Equal("shift 08:00-16:00 becomes 08:00-18:00", In(English, () => text.Change(proposal)));
        Assert.Equal(In(English, () => text.Change(proposal)), In(English, () => text.Change(offer)));
    }

    [Fact]
    public void In_Bangla_an_extra_shift_offer_reads_in_Bangla_with_Bengali_digits_on_the_agents_page()
    {
        var offer = Offer(OvertimeOfferStatus.Sent);
        (offer.AfterStart, offer.AfterLength) = (new LocalTime(14, 0), Duration.FromHours(8));

        var change = In(Bangla, () => Offers(new UiFormat(Bangla, true)).Change(offer));

        Assert.Equal("বাড়তি শিফট ১৪:০০-২২:০০", change);
    }

    [Fact]
    public void A_swap_reads_the_same_on_the_agents_and_the_supervisors_page_except_for_the_digits()
    {
        var swap = new ShiftRequestEntity { SiteId = "dhaka", Kind = ShiftRequestKind.Swap, Status = ShiftRequestStatus.Pending, RequesterId = "nadia", ColleagueId = "tanvir", Date = new LocalDate(2026, 12, 10), ReturnDate = new LocalDate(2026, 12, 11), Version = Guid.NewGuid() };
        var agent = Requests(new UiFormat(Bangla, true));
        var supervisor = Requests(new UiFormat(Bangla, true).Latin);

        var onAgentPage = In(Bangla, () => agent.What(swap));
        var onSupervisorPage = In(Bangla, () => supervisor.What(swap));

        Assert.Equal(onSupervisorPage, string.Concat(onAgentPage.Select(c => c is >= '০' and <= '৯' ? (char)('0' + (c - '০')) : c)));
        Assert.Contains("বদল", onAgentPage, StringComparison.Ordinal);
        Assert.Contains("১০", onAgentPage, StringComparison.Ordinal);
        Assert.Contains("10", onSupervisorPage, StringComparison.Ordinal);
        Assert.Equal("সুপারভাইজারের সিদ্ধান্তের অপেক্ষায়", In(Bangla, () => agent.Status(ShiftRequestStatus.Pending)));
        Assert.Equal("waiting for a supervisor", In(English, () => supervisor.Status(ShiftRequestStatus.Pending)));
    }

    private static OvertimeOfferEntity Offer(OvertimeOfferStatus status) => new()
    {
        SiteId = "dhaka",
        AgentId = "tanvir",
        Kind = OfferKind.Overtime,
        Date = new LocalDate(2026, 12, 10),
        Status = status,
        Description = "English description",
        CreatedBy = "rahima",
    };

    private static OfferText Offers(UiFormat format) => new(Localizer<OfferText>(), format, Dhaka);

    private static RequestText Requests(UiFormat format) => new(Localizer<RequestText>(), format);

    private static IStringLocalizer<T> Localizer<T>()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization().BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<T>>();
    }

    private static string In(CultureInfo culture, Func<string> say)
    {
        var was = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            return say();
        }
        finally
        {
            CultureInfo.CurrentUICulture = was;
        }
    }

    private static RosterScenario ScenarioSamples()
    {
        var site = new Features.Planning.SiteSettings();
        var sunday = new LocalDate(2026, 12, 6);
        var grid = new Domain.Time.IntervalGrid(site.Zone, sunday, 7, site.IntervalLength);
        return new RosterScenario(site.Zone, sunday, 7, site.IntervalLength, ["voice-bn"], new Dictionary<string, int[]> { ["voice-bn"] = new int[grid.Count] }, site.Templates, [], site.Rules);
    }
}
