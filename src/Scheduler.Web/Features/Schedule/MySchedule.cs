using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Accounts;
using Scheduler.Data.Entities;
using Scheduler.Data.Planning;
using Scheduler.Web.Features.Security;
using Duration = NodaTime.Duration;

namespace Scheduler.Web.Features.Schedule;

/// <summary>One published shift as its agent sees it, in the agent's home zone.</summary>
public sealed record MyShift(LocalDate Date, LocalDateTime Start, LocalDateTime End, Duration Elapsed, string TemplateId, IReadOnlyList<(string Name, LocalDateTime Start, LocalDateTime End, bool Paid)> Breaks, Instant StartInstant, Instant EndInstant, LocalDate SiteDate)
{
    /// <summary>Paid hours of the shift worked as overtime (an accepted offer); zero for a contracted shift.</summary>
    public Duration Overtime { get; init; }

    /// <summary>Training, coaching and meetings inside the shift, in the agent's zone: "Coaching: Weekly coaching 10:00-10:30".</summary>
    public IReadOnlyList<MyActivity> Activities { get; init; } = [];
}

/// <summary>An activity the agent attends or coaches, in their home zone.</summary>
public sealed record MyActivity(string Kind, string Name, LocalDateTime Start, LocalDateTime End, bool Coaching, Instant StartInstant, Instant EndInstant, string RequestId)
{
    public string Text => $"{char.ToUpperInvariant(Kind[0])}{Kind[1..]}: {Name} {Start:HH:mm}-{End:HH:mm}{(Coaching ? " (you coach)" : string.Empty)}";
}

/// <summary>What a published version did to one of the agent's days.</summary>
public enum MyChangeKind
{
    Added,
    Removed,
    Moved,
}

/// <summary>
/// One change to an agent's shifts made by a published version, in the agent's home zone: the shift before
/// (<paramref name="Was"/>, null when the day was off) and after (<paramref name="Now"/>, null when the day is now off).
/// Pages say it in the reader's language from these fields; <see cref="Sentence"/> is the English one for logs and tests.
/// </summary>
public sealed record MyChange(int Version, Instant PublishedAt, LocalDate SiteDate, MyChangeKind Kind, (LocalDateTime Start, LocalDateTime End)? Was, (LocalDateTime Start, LocalDateTime End)? Now, LocalDateTime PublishedLocal)
{
    /// <summary>"Your shift on Thu 3 Dec 14:00-22:00 moved to Thu 3 Dec 16:00-24:00 (v2, published 2 Dec 10:00)".</summary>
    public string Sentence
    {
        get
        {
            var what = Kind switch
            {
                MyChangeKind.Added => $"You have a new shift on {Span(Now!.Value)}",
                MyChangeKind.Removed => $"Your shift on {Span(Was!.Value)} was removed: you are off",
                _ => $"Your shift on {Span(Was!.Value)} moved to {Span(Now!.Value)}",
            };
            return $"{what} (v{Version}, published {PublishedLocal.ToString("d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture)})";
        }
    }

    private static string Span((LocalDateTime Start, LocalDateTime End) shift) =>
        $"{shift.Start.ToString("ddd d MMM HH:mm", System.Globalization.CultureInfo.InvariantCulture)}-{shift.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>
/// An agent's own published shifts in their home zone, and their personal calendar feed (iCalendar, RFC 5545) behind a
/// secret token that they can renew (which revokes the old URL) or turn off. Only the token's hash is stored, so the
/// address is shown once, when it is made; it may expire (Scheduler:Security:CalendarFeedDays). Every method takes the
/// agent's id from the signed-in user, never from the request, so an agent reaches only their own data.
/// </summary>
public sealed class MySchedule(IDbContextFactory<SchedulerDbContext> contextFactory, RosterStore rosters, IClock clock, IOptions<SecurityOptions> security, IOptions<SchedulerWebOptions>? web = null)
{
    public async Task<AgentEntity?> AgentAsync(string agentId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agentId, ct);
    }

    /// <summary>Published shifts starting in the agent's local dates [first, first + days).</summary>
    public async Task<IReadOnlyList<MyShift>> ShiftsAsync(AgentEntity agent, LocalDate first, int days, CancellationToken ct)
    {
        var zone = agent.HomeZone;
        var from = first.AtStartOfDayInZone(zone).ToInstant() - Duration.FromDays(1); // a shift started the evening before still shows
        var to = first.PlusDays(days).AtStartOfDayInZone(zone).ToInstant();
        var rows = await rosters.PublishedShiftsAsync(agent.Id, from, to, ct);
        var activities = await ActivitiesAsync(agent, from, to + Duration.FromDays(1), ct);
        return [.. rows.Select(r => ToMine(r, zone) with { Activities = [.. activities.Where(a => a.StartInstant < r.End && a.EndInstant > r.Start)] })
            .Where(s => s.EndInstant > first.AtStartOfDayInZone(zone).ToInstant())];
    }

    /// <summary>The agent's published activities (attending or coaching) starting in [from, to), in their home zone.</summary>
    public async Task<IReadOnlyList<MyActivity>> ActivitiesAsync(AgentEntity agent, Instant from, Instant to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var zone = agent.HomeZone;
        var placed = await rosters.PublishedActivitiesAsync(agent.Id, from, to, ct);
        return [.. placed.Select(a => new MyActivity(Domain.Rostering.RosterJson.KindText(a.Kind), a.Name, a.Start.InZone(zone).LocalDateTime, a.End.InZone(zone).LocalDateTime, a.CoachId == agent.Id, a.Start, a.End, a.RequestId))];
    }

    /// <summary>
    /// The changes to the agent's coming shifts made by the latest published version of each horizon against the one
    /// before (a sick call's re-solve, an approved swap, a hand edit), published in the last <paramref name="days"/>
    /// days, in the agent's home zone. The reason of the version is not shown: it may name a colleague's sickness.
    /// </summary>
    public async Task<IReadOnlyList<MyChange>> ChangesAsync(AgentEntity agent, Instant now, int days, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var zone = agent.HomeZone;
        var history = await rosters.PublishedHistoryAsync(agent.Id, now - Duration.FromDays(1), now + Duration.FromDays(91), ct);
        var changes = new List<MyChange>();
        foreach (var horizon in history.GroupBy(h => (h.Version.SiteId, h.Version.FirstDate)))
        {
            var versions = horizon.OrderBy(h => h.Version.Number).ToList();
            if (versions.Count < 2 || versions[^1].Version.PublishedAt is not { } published || published < now - Duration.FromDays(days))
            {
                continue;
            }

            var (latest, before) = (versions[^1], versions[^2]);
            var old = before.Shifts.ToDictionary(s => s.Date);
            var current = latest.Shifts.ToDictionary(s => s.Date);
            foreach (var date in old.Keys.Union(current.Keys).Order())
            {
                old.TryGetValue(date, out var was);
                current.TryGetValue(date, out var is_);
                if ((was ?? is_)!.End <= now || (was is not null && is_ is not null && was.Start == is_.Start && was.End == is_.End))
                {
                    continue; // over already, or the same hours (a break moved is in the calendar, not worth a notice)
                }

                var kind = (was, is_) switch
                {
                    (null, _) => MyChangeKind.Added,
                    (_, null) => MyChangeKind.Removed,
                    _ => MyChangeKind.Moved,
                };
                changes.Add(new MyChange(latest.Version.Number, published, date, kind, Local(was, zone), Local(is_, zone), published.InZone(zone).LocalDateTime));
            }
        }

        return changes;
    }

    private static (LocalDateTime Start, LocalDateTime End)? Local(RosterShiftEntity? shift, DateTimeZone zone) =>
        shift is null ? null : (shift.Start.InZone(zone).LocalDateTime, shift.End.InZone(zone).LocalDateTime);

    /// <summary>Replaces the agent's wishes for the next solve; refused whole, naming the entry, if one is not understood.</summary>
    public async Task SavePreferencesAsync(string agentId, IReadOnlyList<string> entries, CancellationToken ct)
    {
        var cleaned = entries.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (cleaned.FirstOrDefault(e => Web.Features.Planning.PlanningService.ParsePreference(e) is null) is { } bad)
        {
            throw new FormatException($"'{bad}' is not a wish like 'Fri off', 'Mon work', 'Sun 08:00' or 'any 14:00'.");
        }

        if (cleaned.Count > 14)
        {
            throw new FormatException("At most 14 wishes.");
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var agent = await db.Agents.FirstAsync(a => a.Id == agentId, ct);
        agent.Preferences = cleaned;
        agent.Version = Guid.NewGuid();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A new secret for the feed, returned once (only its hash is kept); the old URL stops working at once.</summary>
    public async Task<string> RenewTokenAsync(string agentId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var agent = await db.Agents.FirstAsync(a => a.Id == agentId, ct);
        var secret = Secrets.New();
        agent.CalendarTokenHash = Secrets.Hash(secret);
        agent.LegacyCalendarToken = null;
        agent.CalendarTokenExpires = security.Value.CalendarFeedDays > 0 ? clock.GetCurrentInstant() + Duration.FromDays(security.Value.CalendarFeedDays) : null;
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task RevokeTokenAsync(string agentId, CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var agent = await db.Agents.FirstAsync(a => a.Id == agentId, ct);
        agent.CalendarTokenHash = null;
        agent.CalendarTokenExpires = null;
        agent.LegacyCalendarToken = null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The feed of the agent holding <paramref name="token"/>: published shifts from 4 weeks back on; null for an unknown or expired token.</summary>
    public async Task<string?> FeedAsync(string token, Instant now, CancellationToken ct)
    {
        if (!Secrets.LooksLikeSecret(token))
        {
            return null;
        }

        var hash = Secrets.Hash(token);
        AgentEntity? agent;
        CalendarFeedText text;
        await using (var db = await contextFactory.CreateDbContextAsync(ct))
        {
            agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.CalendarTokenHash == hash, ct);
            if (agent is null || agent.CalendarTokenExpires <= now)
            {
                return null;
            }

            // The calendar app has no cookie: the agent's language is the one on their account, else the site's default.
            var reader = await db.Users.AsNoTracking().Where(u => u.AgentId == agent.Id).Select(u => new { u.Language, u.LatinDigits }).FirstOrDefaultAsync(ct);
            text = new CalendarFeedText(reader?.Language ?? web?.Value.DefaultLanguage ?? Localization.Languages.English, reader?.LatinDigits ?? false);
        }

        var zone = agent.HomeZone;
        var from = now - Duration.FromDays(28);
        var to = now + Duration.FromDays(365);
        var current = FeedEvents(await rosters.PublishedHistoryAsync(agent.Id, from, to, ct));
        var calendar = new Calendar { ProductId = "-//Scheduler//My shifts//EN" };
        calendar.AddProperty("X-WR-CALNAME", text.CalendarName(agent.Name));
        calendar.AddProperty("X-WR-TIMEZONE", zone.Id);
        calendar.AddProperty("REFRESH-INTERVAL;VALUE=DURATION", "PT1H");
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        foreach (var (row, sequence, modified) in current)
        {
            var mine = ToMine(row, zone);
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{agent.Id}-{row.Date:yyyy-MM-dd}@scheduler",
                Summary = text.ShiftSummary(mine.Start, mine.End),
                Description = text.ShiftDescription(row.TemplateId, mine.Elapsed, mine.Breaks),
                Start = new CalDateTime(mine.Start.ToDateTimeUnspecified(), zone.Id),
                End = new CalDateTime(mine.End.ToDateTimeUnspecified(), zone.Id),
                DtStamp = new CalDateTime(now.ToDateTimeUtc(), "UTC"),
                Sequence = sequence,
                LastModified = new CalDateTime(modified.ToDateTimeUtc(), "UTC"),
            });
        }

        // Each activity is an event of its own inside the shift's, so a calendar shows when the agent is off the queues.
        foreach (var a in await ActivitiesAsync(agent, from, to, ct))
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{agent.Id}-{a.RequestId}-{a.StartInstant.ToUnixTimeMilliseconds()}@scheduler",
                Summary = text.ActivitySummary(a),
                Description = text.ActivityDescription(a),
                Categories = [a.Kind],
                Start = new CalDateTime(a.Start.ToDateTimeUnspecified(), zone.Id),
                End = new CalDateTime(a.End.ToDateTimeUnspecified(), zone.Id),
                DtStamp = new CalDateTime(now.ToDateTimeUtc(), "UTC"),
            });
        }

        // The zone's definition, generated from the tz database for the span the feed covers (RFC 5545 3.6.5), before the events.
        var ics = new CalendarSerializer().SerializeToString(calendar)!;
        var at = ics.IndexOf("BEGIN:VEVENT", StringComparison.Ordinal) is var e and >= 0 ? e : ics.IndexOf("END:VCALENDAR", StringComparison.Ordinal);
        return ics.Insert(at, VTimeZoneWriter.Write(zone, from - Duration.FromDays(1), to + Duration.FromDays(2)));
    }

    /// <summary>
    /// The shifts of the latest published version of each horizon, each with its SEQUENCE (how many times that agent-day's
    /// shift changed across published versions) and LAST-MODIFIED (when the version that last changed it was published).
    /// A shift a later version removed is simply absent: a subscribed calendar replaces its copy on every refresh.
    /// </summary>
    internal static IReadOnlyList<(RosterShiftEntity Shift, int Sequence, Instant Modified)> FeedEvents(IReadOnlyList<(RosterEntity Version, IReadOnlyList<RosterShiftEntity> Shifts)> history)
    {
        var result = new List<(RosterShiftEntity, int, Instant)>();
        foreach (var horizon in history.GroupBy(h => (h.Version.SiteId, h.Version.FirstDate)))
        {
            var state = new Dictionary<LocalDate, (string? Key, int Sequence, Instant Modified)>();
            var versions = horizon.OrderBy(h => h.Version.Number).ToList();
            foreach (var (version, shifts) in versions)
            {
                var published = version.PublishedAt ?? version.CreatedAt;
                var byDate = shifts.ToDictionary(s => s.Date);
                foreach (var date in state.Keys.Union(byDate.Keys).ToList())
                {
                    var key = byDate.TryGetValue(date, out var s) ? $"{s.Start.ToUnixTimeMilliseconds()}|{s.End.ToUnixTimeMilliseconds()}|{s.TemplateId}|{string.Join(";", s.Breaks)}" : null;
                    if (!state.TryGetValue(date, out var was))
                    {
                        state[date] = (key, 0, published);
                    }
                    else if (was.Key != key)
                    {
                        state[date] = (key, was.Sequence + 1, published);
                    }
                }
            }

            var latest = versions[^1].Shifts;
            result.AddRange(latest.Select(s => (s, state[s.Date].Sequence, state[s.Date].Modified)));
        }

        return [.. result.OrderBy(r => r.Item1.Start)];
    }

    private static MyShift ToMine(RosterShiftEntity row, DateTimeZone zone) => new(
        row.Start.InZone(zone).Date,
        row.Start.InZone(zone).LocalDateTime,
        row.End.InZone(zone).LocalDateTime,
        row.End - row.Start,
        row.TemplateId,
        [.. row.Breaks.Select(RosterStore.ParseBreak).Select(b => (b.Name, b.Start.InZone(zone).LocalDateTime, b.End.InZone(zone).LocalDateTime, b.Paid))],
        row.Start,
        row.End,
        row.Date)
    {
        Overtime = row.Overtime,
    };
}
