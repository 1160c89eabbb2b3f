using NodaTime;

namespace Scheduler.Data.Entities;

/// <summary>
/// A row of the HolidayCalendars table: a site's holiday calendar as the supervisor last saved it, in the holidays CSV
/// format (docs/formats/holidays-csv.md), so what is stored is exactly what was checked and can be read back as a file.
/// </summary>
/// <remarks>A site without a row uses the calendar shipped for it (data/holidays/bangladesh.csv).</remarks>
public sealed class HolidayCalendarEntity
{
    /// <summary>The largest calendar accepted, in characters (about 1,500 rows).</summary>
    public const int MaxTextLength = 200_000;

    public required string SiteId { get; set; }

    public required string Text { get; set; }

    public Instant UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    /// <summary>Changed on every save: two supervisors editing at once cannot overwrite each other unseen.</summary>
    public Guid Version { get; set; }
}
