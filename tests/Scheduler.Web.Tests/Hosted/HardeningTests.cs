using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Data.Accounts;
using Scheduler.Web.Features.Schedule;
using Scheduler.Web.Features.Security;

namespace Scheduler.Web.Tests.Hosted;

/// <summary>The app as an attacker or a careless client meets it: CSRF, secrets in logs, malformed input, errors, sessions.</summary>
public sealed class HardeningTests : IClassFixture<HardeningTests.App>
{
    private readonly HostedApp _app;

    public HardeningTests(App app)
    {
        _app = app.Host;
    }

    /// <summary>One app for the class, with an agent and a supervisor account.</summary>
    public sealed class App : IAsyncLifetime
    {
        public HostedApp Host { get; } = new();

        public async Task InitializeAsync()
        {
            await Host.AddUserAsync("tanvir", AccountRoles.Agent, "tanvir");
            await Host.AddUserAsync("rahima", AccountRoles.Supervisor);
        }

        public Task DisposeAsync()
        {
            Host.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task CrossSitePost_ToTheApiWithAValidCookie_IsRefused()
    {
        using var client = await _app.SignInAsync("tanvir");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/requests")).StatusCode); // the cookie works

        var foreignOrigin = await PostAsync(client, "/api/requests/999/withdraw", ("Origin", "https://evil.example"), (SameOrigin.HeaderName, "1"));
        var sameSiteOtherOrigin = await PostAsync(client, "/api/requests/999/withdraw", ("Sec-Fetch-Site", "same-site"), (SameOrigin.HeaderName, "1"));
        var formPostWithoutHeader = await PostAsync(client, "/api/requests/999/withdraw", ("Origin", "http://localhost"));
        var ours = await PostAsync(client, "/api/requests/999/withdraw", ("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin"), (SameOrigin.HeaderName, "1"));

        Assert.All([foreignOrigin, sameSiteOtherOrigin, formPostWithoutHeader], r => Assert.Equal((HttpStatusCode.Forbidden, "Cross-site request refused"), r));
        Assert.Equal(HttpStatusCode.Forbidden, ours.Status); // reaches the service, which says request 999 is not Tanvir's
        Assert.NotEqual("Cross-site request refused", ours.Title);
    }

    [Fact]
    public async Task CalendarFeed_TheTokenAppearsNowhereInTheLog()
    {
        var token = await _app.Services.GetRequiredService<MySchedule>().RenewTokenAsync("tanvir", CancellationToken.None);
        using var client = _app.CreateClient();

        var feed = await client.GetAsync($"/calendar/{token}.ics");
        var guessed = await client.GetAsync($"/calendar/{token[..^2]}xx.ics");

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        var log = await ReadLogUntilAsync("/calendar/[redacted].ics responded 404");
        Assert.Contains("/calendar/[redacted].ics responded 200", log); // the request was logged, without its secret
        Assert.Contains("Request starting", log); // ASP.NET Core's own request lines are in the log at this level too
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(token[..12], log);
    }

    [Fact]
    public async Task CalendarToken_IsStoredOnlyAsAHash()
    {
        var token = await _app.Services.GetRequiredService<MySchedule>().RenewTokenAsync("tanvir", CancellationToken.None);

        var agent = await _app.Services.GetRequiredService<MySchedule>().AgentAsync("tanvir", CancellationToken.None);

        Assert.Equal(Secrets.Hash(token), agent!.CalendarTokenHash);
        Assert.Null(agent.LegacyCalendarToken);
        Assert.DoesNotContain(token, await File.ReadAllTextAsync(_app.DatabaseFile, System.Text.Encoding.Latin1));
    }

    [Theory]
    [InlineData("/api/agents/tanvir/shifts?from=9999-12-31", "from")] // parses, but no shift lies there and the zone arithmetic would overflow
    [InlineData("/api/agents/tanvir/shifts?from=yesterday", "from")]
    [InlineData("/api/agents/tanvir/shifts?days=abc", "days")]
    [InlineData("/api/agents/tanvir/shifts?days=1000", "days")]
    [InlineData("/api/requests/abc", "id")]
    public async Task Api_MalformedParameter_Is400ProblemDetailsNamingIt(string path, string parameter)
    {
        using var client = await _app.SignInAsync("tanvir");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages), $"no error for {parameter}");
        Assert.NotEmpty(messages.EnumerateArray());
    }

    [Fact]
    public async Task Pages_CarryTheSecurityHeaders()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/login");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("fonts.googleapis.com", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_Cookie_IsHttpOnlyAndLax()
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await HostedApp.PostLoginAsync(client, "rahima", HostedApp.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("scheduler.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("httponly", cookie);
        Assert.Contains("samesite=lax", cookie);
        Assert.DoesNotContain("expires=", cookie); // a session cookie: the idle and absolute limits are in the ticket
    }

    [Fact]
    public async Task SignOut_WithoutTheFormToken_IsRefusedAndTheSessionGoesOn()
    {
        using var client = await _app.SignInAsync("rahima");

        var forged = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/agents/tanvir/shifts")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WithoutTheFormToken_IsRefused()
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var forged = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "rahima", ["password"] = HostedApp.Password }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("scheduler.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ChangePassword_ThroughItsForm_TakesTheNewOneAndRefusesACommonOne()
    {
        await _app.AddUserAsync("nasrin", AccountRoles.Manager);
        using var client = await _app.SignInAsync("nasrin");

        var common = await PostChangeAsync(client, HostedApp.Password, "qwerty123456");
        var changed = await PostChangeAsync(client, HostedApp.Password, "river of lanterns tonight");

        Assert.Contains("common passwords", common);
        Assert.Contains("Your password is changed", changed);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/password")).StatusCode); // still signed in after the change
        using var fresh = _app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal("/login?error=failed&returnUrl=%2F", (await HostedApp.PostLoginAsync(fresh, "nasrin", HostedApp.Password)).Headers.Location?.OriginalString);
        Assert.Equal("/", (await HostedApp.PostLoginAsync(fresh, "nasrin", "river of lanterns tonight")).Headers.Location?.OriginalString);
    }

    private static async Task<string> PostChangeAsync(HttpClient client, string current, string password)
    {
        var token = await HostedApp.AntiforgeryTokenAsync(client, "/account/password");
        var response = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = token,
            ["Input.Current"] = current,
            ["Input.Password"] = password,
            ["Input.Confirmation"] = password,
        }));
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task SignIn_UnknownUserWrongPasswordAndLockedOut_AllAnswerTheSame()
    {
        await _app.AddUserAsync("locky", AccountRoles.Manager);
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var unknown = await HostedApp.PostLoginAsync(client, "nobody-here", "whatever whatever");
        var wrong = await HostedApp.PostLoginAsync(client, "locky", "whatever whatever");
        for (var i = 0; i < SchedulerIdentity.MaxFailedAttempts; i++)
        {
            await HostedApp.PostLoginAsync(client, "locky", "whatever whatever");
        }

        var locked = await HostedApp.PostLoginAsync(client, "locky", HostedApp.Password); // the right password, but locked out now

        Assert.All([unknown, wrong, locked], r => Assert.Equal("/login?error=failed&returnUrl=%2F", r.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task Session_EndsAtTheAbsoluteLifetimeEvenWhenBusy()
    {
        using var client = await _app.SignInAsync("rahima");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/agents/tanvir/shifts")).StatusCode);

        _app.Clock.Advance(Duration.FromDays(7) + Duration.FromMinutes(1));
        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/agents/tanvir/shifts")).StatusCode);
        }
        finally
        {
            _app.Clock.Advance(-(Duration.FromDays(7) + Duration.FromMinutes(1)));
        }
    }

    [Fact]
    public async Task UnhandledError_ShowsAReferenceThatIsInTheLogAndNoStackTrace()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/test/boom");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", page);
        Assert.DoesNotContain("secret internal detail", page);
        Assert.DoesNotContain("InvalidOperationException", page);
        var reference = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"correlation-id\">([^<]+)<").Groups[1].Value;
        Assert.NotEmpty(reference);
        var log = await ReadLogUntilAsync($"Unhandled error {reference}");
        Assert.Contains("secret internal detail", log); // the log has what support needs
    }

    private async Task<string> ReadLogUntilAsync(string text)
    {
        for (var i = 0; i < 50; i++)
        {
            var log = _app.ReadLog();
            if (log.Contains(text, StringComparison.Ordinal))
            {
                return log;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"the log never said: {text}\n{_app.ReadLog()[^Math.Min(3000, _app.ReadLog().Length)..]}");
    }

    private static async Task<(HttpStatusCode Status, string? Title)> PostAsync(HttpClient client, string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request);
        var title = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString()
            : null;
        return (response.StatusCode, title);
    }
}
