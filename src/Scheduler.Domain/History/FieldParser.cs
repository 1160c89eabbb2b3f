using System.Globalization;

namespace Scheduler.Domain.History;

/// <summary>Parses the numbers in history files and words what is wrong with the ones that do not parse.</summary>
/// <remarks>Invariant culture throughout: a decimal point, never a decimal comma, and no thousands separators.</remarks>
internal static class FieldParser
{
    /// <summary>A whole number of at least zero, or null with <paramref name="error"/> set.</summary>
    public static long? WholeAtLeastZero(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "is empty; a whole number of 0 or more is required";
            return null;
        }

        if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            error = $"'{text}' is not a whole number";
            return null;
        }

        if (value < 0)
        {
            error = $"'{text}' is negative; it must be 0 or more";
            return null;
        }

        return value;
    }

    /// <summary>A whole number, possibly negative, or null with <paramref name="error"/> set.</summary>
    public static long? Whole(string text, out string? error)
    {
        error = null;
        if (long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        error = $"'{text}' is not a whole number";
        return null;
    }

    /// <summary>A number of at least zero, decimals allowed, or null with <paramref name="error"/> set.</summary>
    public static double? DecimalAtLeastZero(string text, out string? error)
    {
        error = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            error = "is empty; a number of 0 or more is required";
            return null;
        }

        if (!double.TryParse(trimmed, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value))
        {
            error = $"'{text}' is not a number";
            return null;
        }

        if (value < 0)
        {
            error = $"'{text}' is negative; it must be 0 or more";
            return null;
        }

        return value;
    }
}
