using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Options;

namespace Scheduler.Web.Localization;

/// <summary>
/// The language of a request: the signed-in user's choice (a claim in their cookie); before sign-in, the language
/// chosen on the sign-in page (the culture cookie); otherwise the site's default (Scheduler:DefaultLanguage).
/// </summary>
internal sealed class UserCultureProvider : RequestCultureProvider
{
    public const string CookieName = "scheduler.language";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var (language, _) = Languages.Of(httpContext.User);
        if (language is null && httpContext.Request.Cookies.TryGetValue(CookieName, out var chosen) && Languages.All.Contains(chosen))
        {
            language = chosen;
        }

        language ??= httpContext.RequestServices.GetRequiredService<IOptions<SchedulerWebOptions>>().Value.DefaultLanguage;
        var culture = Languages.Culture(language).Name;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, culture));
    }
}
