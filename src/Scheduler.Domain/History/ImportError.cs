namespace Scheduler.Domain.History;

/// <summary>One bad line of an input file: where it is and what is wrong, in words a supervisor can act on.</summary>
public sealed record ImportError(string File, int Line, string Field, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Field}: {Reason}";
}

/// <summary>
/// Thrown when a file has bad lines; nothing was stored. Carries the first errors found (at most a few hundred) and how
/// many there were in all.
/// </summary>
public sealed class ImportException(IReadOnlyList<ImportError> errors, int total)
    : Exception(Describe(errors, total))
{
    public ImportException(IReadOnlyList<ImportError> errors)
        : this(errors, errors.Count)
    {
    }

    public IReadOnlyList<ImportError> Errors { get; } = errors;

    /// <summary>Every error found, including those not listed in <see cref="Errors"/>.</summary>
    public int Total { get; } = Math.Max(total, errors.Count);

    private static string Describe(IReadOnlyList<ImportError> errors, int total)
    {
        const int Shown = 20;
        var all = Math.Max(total, errors.Count);
        var lines = errors.Take(Shown).Select(e => e.ToString());
        var more = all > Shown ? $"{Environment.NewLine}... and {all - Shown} more" : string.Empty;
        return $"{all} bad line(s); nothing was imported:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
