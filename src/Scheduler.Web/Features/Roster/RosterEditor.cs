using NodaTime;
using Scheduler.Data.Planning;
using Scheduler.Domain.Rostering;

namespace Scheduler.Web.Features.Roster;

/// <summary>A hand edit: put <see cref="AgentId"/> on a shift on <see cref="Date"/> (or nothing, to remove), replacing what they had that day.</summary>
public sealed record RosterEdit(string AgentId, LocalDate Date, string? TemplateId, LocalTime? Start, Duration? Length)
{
    public bool Removes => TemplateId is null;
}

/// <summary>What an edit would do, before it is saved: the roster after it, and what it breaks and costs.</summary>
public sealed record EditPreview(RosterEdit Edit, Domain.Rostering.Roster Edited, ValidationReport Report, long CostBefore, IReadOnlyList<Violation> NewViolations)
{
    public bool CanSave => Report.IsValid;

    public long CostChange => Report.TotalCost - CostBefore;
}

/// <summary>
/// Hand edits checked on the spot by the roster validator: the preview lists every hard rule the edit breaks (and
/// the save is refused then), and the cost change.
/// </summary>
public sealed class RosterEditor(RosterStore store)
{
    /// <param name="before">The stored roster's report when the caller has it (the page does), so it is not validated again.</param>
    public EditPreview Preview(StoredRoster stored, RosterEdit edit, ValidationReport? before = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(edit);
        var scenario = stored.Scenario;
        var shifts = stored.Roster.Shifts.Where(s => !(s.AgentId == edit.AgentId && s.Date == edit.Date)).ToList();
        if (!edit.Removes)
        {
            var template = scenario.Templates.FirstOrDefault(t => t.Id == edit.TemplateId)
                ?? throw new ArgumentException($"Unknown shift template '{edit.TemplateId}'.", nameof(edit));
            var length = edit.Length ?? template.Lengths[0];
            var option = new ShiftOption(scenario, template, edit.Date, edit.Start ?? template.Starts[0], length);
            shifts.Add(option.Assign(edit.AgentId, scenario.IntervalLength));
        }

        // Activities inside the agent's replaced shift go with it (place them again); every other activity stays and
        // is judged with the edit (a coach moved off shift breaks the activities rule).
        var replaced = stored.Roster.Shifts.Where(s => s.AgentId == edit.AgentId && s.Date == edit.Date)
            .Select(s => new ShiftCatalog(scenario).Find(s)).OfType<ShiftOption>().ToList();
        var activities = stored.Roster.Activities
            .Where(a => !(a.Involves(edit.AgentId) && replaced.Any(o => a.Overlaps(o.StartInstant, o.EndInstant)))).ToList();
        var edited = new Domain.Rostering.Roster(shifts) { Activities = activities };
        before ??= RosterValidator.Validate(scenario, stored.Roster);
        var after = RosterValidator.Validate(scenario, edited);
        var known = before.Violations.Select(v => (v.Rule, v.AgentId, v.Date, v.Description)).ToHashSet();
        var fresh = after.Violations.Where(v => !known.Contains((v.Rule, v.AgentId, v.Date, v.Description))).ToList();
        return new EditPreview(edit, edited, after, before.TotalCost, fresh);
    }

    /// <summary>Saves a previewed edit; refused whole (with the reason) if it breaks a rule or someone saved first.</summary>
    public Task<Data.Entities.RosterEntity> SaveAsync(StoredRoster stored, EditPreview preview, string by, CancellationToken ct) =>
        store.SaveEditAsync(stored.Entity.Id, stored.Entity.Version, preview.Edited, by, ct);
}
