using Microsoft.Extensions.Localization;
using NodaTime;
using Scheduler.Data.Entities;
using Scheduler.Domain.Rostering;
using Scheduler.Web.Localization;

namespace Scheduler.Web.Features.Overtime;

/// <summary>
/// An overtime or time-off offer in the reader's language, said the same way on the supervisor's overtime panel and the
/// agent's offers: its kind, what it changes (shift times in the site's zone) and its status, with the time it was
/// accepted in <paramref name="zone"/> (the site's). Strings are in OfferText.resx and OfferText.bn.resx; digits and
/// hours ("7 h 30 min") in <paramref name="format"/>.
/// </summary>
public sealed class OfferText(IStringLocalizer<OfferText> strings, UiFormat format, DateTimeZone zone)
{
    public string Kind(OfferKind kind) => kind == OfferKind.Overtime ? strings["KindOvertime"] : strings["KindTimeOff"];

    /// <summary>What the offer changes: "extra shift 14:00-22:00", "shift 08:00-16:00 becomes 08:00-18:00", "shift 08:00-16:00 taken off".</summary>
    public string Change(OvertimeOfferEntity offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return Change(Span(offer.BeforeStart, offer.BeforeLength), Span(offer.AfterStart, offer.AfterLength));
    }

    /// <summary>As <see cref="Change(OvertimeOfferEntity)"/>, for a proposal not sent yet.</summary>
    public string Change(OvertimeProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return Change(Span(proposal.Before?.Start, proposal.Before?.Length), Span(proposal.After?.Start, proposal.After?.Length));
    }

    /// <summary>
    /// "waiting for your answer" to the agent (<paramref name="toAgent"/>), "waiting for the agent" to the supervisor;
    /// "accepted Thu 10 Dec 14:05" (site time), "declined", "withdrawn".
    /// </summary>
    public string Status(OvertimeOfferEntity offer, bool toAgent)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return offer.Status switch
        {
            OvertimeOfferStatus.Sent => toAgent ? strings["StatusSentToYou"] : strings["StatusSentToAgent"],
            OvertimeOfferStatus.Accepted => offer.DecidedAt is { } at ? strings["StatusAcceptedAt", format.DateTime(at.InZone(zone).LocalDateTime)] : strings["StatusAccepted"],
            OvertimeOfferStatus.Declined => strings["StatusDeclined"],
            _ => strings["StatusWithdrawn"],
        };
    }

    private string Change(string? before, string? after) => (before, after) switch
    {
        (null, { } a) => strings["ChangeNewShift", a],
        ({ } b, null) => strings["ChangeOff", b],
        ({ } b, { } a) => strings["ChangeBecomes", b, a],
        _ => strings["ChangeNone"],
    };

    private string? Span(LocalTime? start, Duration? length) =>
        start is { } s && length is { } l ? $"{format.Time(s)}-{format.Time(s.PlusMinutes((long)l.TotalMinutes))}" : null;
}
