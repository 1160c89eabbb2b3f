namespace Scheduler.Domain.History;

/// <summary>One bad line of an input file: where it is and what is wrong, in words a supervisor can act on.</summary>
public sealed record ImportError(string File, int Line, string Field, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Reason}";
}

/// <summary>Thrown when a file has bad lines. Carries every error found, not just the first; nothing was stored.</summary>
public sealed class ImportException(IReadOnlyList<ImportError> errors)
    : Exception(Describe(errors))
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<ImportError> errors)
    {
        const int Shown = 20;
        var lines = errors.Take(Shown).Select(e => e.ToString());
        var more = errors.Count > Shown ? $"{Environment.NewLine}... and {errors.Count - Shown} more" : string.Empty;
        return $"{errors.Count} bad line(s); nothing was imported:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
