using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Data.Accounts;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Scheduler.Web.Tests.Hosted;

/// <summary>
/// The whole app (its real Program, middleware and endpoints) in Production mode on a fresh SQLite file with the demo
/// centre seeded, served in memory. Its log is captured at Debug level for everything, ASP.NET Core included, rendered
/// as the console renders it, so a test reads exactly what an operator's log would hold.
/// </summary>
public sealed partial class HostedApp : WebApplicationFactory<Program>
{
    public const string Password = "mango rickshaw monsoon";

    private readonly string _folder;

    private readonly bool _keepFolder;

    /// <summary>A new app in a new folder, or (to test a restart) one in <paramref name="folder"/>, which is then left alone.</summary>
    public HostedApp(string? folder = null)
    {
        _keepFolder = folder is not null;
        _folder = folder ?? Directory.CreateTempSubdirectory("scheduler-hosted-").FullName;
    }

    public string Folder => _folder;

    private readonly CapturedLog _log = new();

    public string DatabaseFile => Path.Combine(_folder, "scheduler.db");

    public FakeClock Clock { get; } = new(SystemClock.Instance.GetCurrentInstant());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Scheduler:DataFolder", _folder);
        builder.UseSetting("Scheduler:SeedDemo", "true");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Debug");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Debug");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.EntityFrameworkCore", "Warning");
        builder.ConfigureTestServices(s => s.AddSingleton<IClock>(Clock));
        builder.ConfigureTestServices(s => s.AddSingleton<ILogEventSink>(_log)); // Serilog's ReadFrom.Services adds it beside the configured sinks
        builder.ConfigureTestServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ThrowingEndpoint>());
    }

    /// <summary>Everything logged so far, rendered with the console's output template (appsettings.json).</summary>
    public string ReadLog() => _log.Text;

    private sealed class CapturedLog : ILogEventSink
    {
        private readonly MessageTemplateTextFormatter _format = new("[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}");
        private readonly StringWriter _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_text)
            {
                _format.Format(logEvent, _text);
            }
        }
    }

    /// <summary>An account with <see cref="Password"/>, made through the app's own account service.</summary>
    public async Task AddUserAsync(string userName, string role, string? agentId = null)
    {
        _ = Server; // start the app (migrations, seed) first
        await Services.GetRequiredService<AccountService>().CreateWithPasswordAsync(new NewAccount(userName, null, role, agentId), Password, new AccountActor("test", true), CancellationToken.None);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, signed in through the real sign-in form.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token a page renders into its form (the cookie half stays in the client).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenInput().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"no antiforgery token on {path}");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (_keepFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // the log file may still be open for a moment; the temp folder is the OS's to clean
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    /// <summary>A path that throws after the app's own pipeline found no endpoint: the error path as a real bug takes it.</summary>
    private sealed class ThrowingEndpoint : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use(nextMiddleware => context =>
                context.Request.Path == "/test/boom" ? throw new InvalidOperationException("secret internal detail") : nextMiddleware(context));
        };
    }
}
