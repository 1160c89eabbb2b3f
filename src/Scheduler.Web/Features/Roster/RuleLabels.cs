using System.Reflection;
using Microsoft.Extensions.Localization;
using Scheduler.Domain.Rostering;

namespace Scheduler.Web.Features.Roster;

/// <summary>
/// The validator's rule names in the reader's language: RuleLabels.resx and RuleLabels.bn.resx hold one key per
/// <see cref="RuleNames"/> constant, named after it ("MinimumRest"). The Domain keeps its English names; the pages
/// show these and keep the validator's English sentences beside them.
/// </summary>
public sealed class RuleLabels
{
    /// <summary>Resource key per rule name, read once from <see cref="RuleNames"/>' constants.</summary>
    private static readonly IReadOnlyDictionary<string, string> Keys = typeof(RuleNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .ToDictionary(f => (string)f.GetRawConstantValue()!, f => f.Name, StringComparer.Ordinal);

    /// <summary>Every rule's resource key, for the test that each has a text.</summary>
    public static IEnumerable<string> AllKeys => Keys.Values;

    /// <summary>The resource key of a rule name, or null for a name that is not one of <see cref="RuleNames"/>.</summary>
    public static string? KeyOf(string rule) => Keys.GetValueOrDefault(rule);

    /// <summary>The rule's name in the reader's language; an unknown name is shown as it is.</summary>
    public static string Name(IStringLocalizer<RuleLabels> labels, string rule) =>
        KeyOf(rule) is { } key && labels[key] is { ResourceNotFound: false } text ? text.Value : rule;
}
