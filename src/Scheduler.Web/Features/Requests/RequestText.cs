using Microsoft.Extensions.Localization;
using Scheduler.Data.Entities;
using Scheduler.Web.Localization;

namespace Scheduler.Web.Features.Requests;

/// <summary>
/// A shift request (swap, hand-over, board offer, time off) and its status in the reader's language, said the same way
/// on the agent's Swaps and time off page and the supervisor's Approvals page. Strings are in RequestText.resx and
/// RequestText.bn.resx; dates in <paramref name="format"/> (Bengali digits on the agent's page, Latin on the supervisor's).
/// </summary>
public sealed class RequestText(IStringLocalizer<RequestText> strings, UiFormat format)
{
    /// <summary>"swap: shift of Thu 10 Dec for Fri 11 Dec", "time off Mon 14 Dec-Tue 15 Dec".</summary>
    public string What(ShiftRequestEntity request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind switch
        {
            ShiftRequestKind.TimeOff => strings["WhatTimeOff", format.Date(request.Date), format.Date(request.LastDate ?? request.Date)],
            ShiftRequestKind.Offer => strings["WhatOffer", format.Date(request.Date)],
            _ => request.ReturnDate is { } back ? strings["WhatSwap", format.Date(request.Date), format.Date(back)] : strings["WhatHandOver", format.Date(request.Date)],
        };
    }

    /// <summary>"on the board", "waiting for the colleague", "waiting for a supervisor", "approved", ...</summary>
    public string Status(ShiftRequestStatus status) => strings["Status" + status];
}
