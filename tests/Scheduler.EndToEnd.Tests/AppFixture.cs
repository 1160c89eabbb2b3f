using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// The real app (Kestrel on 127.0.0.1, a fresh SQLite file, the demo centre seeded) started as its own process, and
/// Debian's Chromium driven by Playwright. Playwright's own browser download is never used.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataFolder = Directory.CreateTempSubdirectory("scheduler-e2e-").FullName;
    private Process? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The app's data folder: its SQLite file is scheduler.db here.</summary>
    public string DataFolder => _dataFolder;

    public IBrowser Browser { get; private set; } = default!;

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new DirectoryNotFoundException("Scheduler.sln not found above the test binaries.");
        }
    }

    /// <summary>Screenshots land here (docs/screenshots in the repository), to be looked at.</summary>
    public static string ScreenshotFolder => Directory.CreateDirectory(Path.Combine(RepositoryRoot, "docs", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: the test command installs it (apt-get install -y chromium).");
        }

        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        // The app from its own build folder, its project folder as the content root: exactly what `dotnet run` starts.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var project = Path.Combine(RepositoryRoot, "src", "Scheduler.Web");
        var web = Path.Combine(project, "bin", configuration, "net10.0", "Scheduler.Web.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{web}\"")
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Scheduler__DataFolder"] = _dataFolder;
        start.Environment["Scheduler__SolveSeconds"] = "20";
        _app = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
        _app.OutputDataReceived += (_, e) => Log(e.Data);
        _app.ErrorDataReceived += (_, e) => Log(e.Data);
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        await WaitUntilUp();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> SignInAsync(string user, string password = "Scheduler-demo-1")
    {
        // BypassCSP: the accessibility check injects axe-core as a script, which the app's policy (script-src 'self') refuses.
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 }, BypassCSP = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync($"{BaseUrl}/login");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=sign-in]");
        await page.WaitForURLAsync($"{BaseUrl}/");
        return page;
    }

    /// <summary>Goes to a page and waits until its circuit is live (clicks before that would be lost).</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync($"{BaseUrl}{path}");
        await page.Locator("[data-testid=interactive]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// On My schedule: a fresh feed address. It is shown once (only its hash is stored), so the feed is turned on, or
    /// renewed when another test already turned it on.
    /// </summary>
    public static async Task<string> FeedUrlAsync(IPage page)
    {
        var on = page.Locator("[data-testid=feed-on]");
        var renew = page.Locator("[data-testid=feed-renew]");
        await on.Or(renew).First.WaitForAsync();
        await (await on.CountAsync() > 0 ? on : renew).ClickAsync();
        var url = page.Locator("[data-testid=feed-url]");
        await url.WaitForAsync();
        return await url.InnerTextAsync();
    }

    public string AppLog
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(80));
            }
        }
    }

    private readonly List<string> _log = [];

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Add(line);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }

        _app?.Dispose();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer; the temp folder is cleaned by the OS.
        }
    }

    private async Task WaitUntilUp()
    {
        using var http = new HttpClient();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_app!.HasExited)
            {
                throw new InvalidOperationException($"the app exited with code {_app.ExitCode}:\n{AppLog}");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/login")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"the app did not answer in 120 s:\n{AppLog}");
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
