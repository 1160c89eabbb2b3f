using NodaTime;
using Scheduler.Domain.Rostering;

namespace Scheduler.Data.Entities;

public enum OvertimeOfferStatus
{
    /// <summary>Sent to the agent, waiting for their answer.</summary>
    Sent,

    /// <summary>The agent took it: the week's next version holds it (<see cref="OvertimeOfferEntity.ResultRosterId"/>).</summary>
    Accepted,

    /// <summary>The agent said no.</summary>
    Declined,

    /// <summary>A supervisor took it back before the agent answered.</summary>
    Withdrawn,
}

/// <summary>
/// A row of the OvertimeOffers table: an overtime or voluntary-time-off offer a supervisor sent to one agent, made from
/// a proposal on a roster version (published or draft). The change is the agent's shift that day before and after
/// (a side is empty for an extra shift or a shift released); accepting judges it again on the latest published version
/// and publishes the next one together with the offer's new status, or neither.
/// </summary>
public sealed class OvertimeOfferEntity
{
    public long Id { get; set; }

    public required string SiteId { get; set; }

    public OfferKind Kind { get; set; }

    public OvertimeOfferStatus Status { get; set; }

    public required string AgentId { get; set; }

    /// <summary>The roster version the proposal was made on.</summary>
    public long RosterId { get; set; }

    /// <summary>The first date of that roster's horizon (which week the offer belongs to).</summary>
    public LocalDate FirstDate { get; set; }

    /// <summary>The site-local date of the shift.</summary>
    public LocalDate Date { get; set; }

    public string? BeforeTemplateId { get; set; }

    public LocalTime? BeforeStart { get; set; }

    public Duration? BeforeLength { get; set; }

    public Duration BeforeOvertime { get; set; }

    public string? AfterTemplateId { get; set; }

    public LocalTime? AfterStart { get; set; }

    public Duration? AfterLength { get; set; }

    public Duration AfterOvertime { get; set; }

    /// <summary>Paid hours added (overtime) or given up (time off).</summary>
    public Duration Hours { get; set; }

    /// <summary>Agent-intervals of under-coverage filled (or over-staffing removed) when proposed.</summary>
    public long CoverageUnits { get; set; }

    /// <summary>What the overtime costs, or the time off saves, in the site's currency.</summary>
    public decimal Money { get; set; }

    /// <summary>The proposal's sentence, shown to the agent and the supervisor.</summary>
    public required string Description { get; set; }

    public Instant CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public Instant? DecidedAt { get; set; }

    /// <summary>Who answered (the agent's user name) or withdrew it.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>The roster version accepting it published.</summary>
    public long? ResultRosterId { get; set; }

    /// <summary>Changed on every save: two answers at once get a conflict, not two versions.</summary>
    public Guid Version { get; set; }
}
