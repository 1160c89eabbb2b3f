using System.Globalization;
using System.Security.Claims;

namespace Scheduler.Web.Localization;

/// <summary>
/// The languages the app speaks: English ("en") and Bangla ("bn"). Every string the UI shows comes
/// from a resource file beside its component (X.resx in English, X.bn.resx in Bangla, with the same keys).
/// </summary>
public static class Languages
{
    public const string English = "en";

    public const string Bangla = "bn";

    /// <summary>The claims a signed-in user's cookie carries, so every request and circuit knows their choice.</summary>
    public const string LanguageClaim = "scheduler:language";

    public const string LatinDigitsClaim = "scheduler:latin-digits";

    public static IReadOnlyList<string> All { get; } = [English, Bangla];

    /// <summary>
    /// The culture a language is shown in, by its neutral name ("en", "bn"): the app runs without ICU, so a culture only
    /// names the language (resource lookups go straight to the bn satellite); names and digits come from <see cref="UiFormat"/>.
    /// </summary>
    public static CultureInfo Culture(string? language) => language == Bangla ? BanglaCulture : EnglishCulture;

    public static string Of(CultureInfo culture) => culture.Name.StartsWith(Bangla, StringComparison.Ordinal) ? Bangla : English;

    /// <summary>The language's own name, as the switch shows it.</summary>
    public static string NativeName(string language) => language == Bangla ? "বাংলা" : "English";

    /// <summary>A user's choice from their cookie's claims: their language (null: the site's default) and Latin digits.</summary>
    public static (string? Language, bool LatinDigits) Of(ClaimsPrincipal? user) =>
        (user?.FindFirst(LanguageClaim)?.Value is { } language && All.Contains(language) ? language : null,
            user?.FindFirst(LatinDigitsClaim)?.Value == "true");

    private static readonly CultureInfo EnglishCulture = CultureInfo.ReadOnly(new CultureInfo(English));

    private static readonly CultureInfo BanglaCulture = CultureInfo.ReadOnly(new CultureInfo(Bangla));
}
