using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Scheduler.Cli.Commands;

/// <summary>
/// The web app as its own process on a free loopback port and a SQLite folder, for <c>bench web</c> and
/// <c>bench load</c>. A folder the caller gives is kept (a second start reuses its data); a temporary one is deleted.
/// </summary>
internal sealed partial class BenchWebApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private readonly bool _ownsFolder;

    private BenchWebApp(Process process, string folder, bool ownsFolder, string url)
    {
        _process = process;
        _folder = folder;
        _ownsFolder = ownsFolder;
        Url = url;
    }

    public string Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>The Release build of the web app in this repository.</summary>
    public static string ReleaseDll(string root)
    {
        var web = Path.Combine(root, "src", "Scheduler.Web", "bin", "Release", "net10.0", "Scheduler.Web.dll");
        return File.Exists(web) ? web : throw new UserInputException($"{web} is missing: dotnet build src/Scheduler.Web -c Release");
    }

    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Scheduler.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new UserInputException("run from inside the repository (Scheduler.sln not found)");
    }

    public static Task<BenchWebApp> StartAsync(string dll, int agents, int solveSeconds, CancellationToken ct) =>
        StartAsync(dll, agents, solveSeconds, null, new Dictionary<string, string>(), ct);

    /// <param name="folder">The data folder to use and keep; null for a temporary one deleted at the end.</param>
    /// <param name="settings">More environment settings (<c>Scheduler__CacheViews</c>, say).</param>
    public static async Task<BenchWebApp> StartAsync(string dll, int agents, int solveSeconds, string? folder, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var ownsFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("scheduler-bench-web-").FullName;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        listener.Stop();
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"") { WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(dll))))!, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Scheduler__DataFolder"] = folder;
        start.Environment["Scheduler__DemoAgents"] = agents.ToString(CultureInfo.InvariantCulture);
        start.Environment["Scheduler__SolveSeconds"] = solveSeconds.ToString(CultureInfo.InvariantCulture);
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the web app");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited) throw new InvalidOperationException($"the web app exited with code {process.ExitCode}");
            try
            {
                if ((await http.GetAsync($"{url}/login", ct)).StatusCode == HttpStatusCode.OK) return new BenchWebApp(process, folder, ownsFolder, url);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(300, ct);
        }

        throw new TimeoutException("the web app did not answer within 3 minutes");
    }

    /// <summary>SIGKILL: the app ends at once, as in a crash.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Signs in through the sign-in form (antiforgery token included); the cookies of the session.</summary>
    public static async Task<CookieContainer> SignInAsync(string url, string user, CancellationToken ct)
    {
        var jar = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url) };
        var form = await http.GetStringAsync("/login", ct);
        var token = AntiforgeryToken().Match(form) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("the sign-in page has no antiforgery token");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "/",
            ["userName"] = user,
            ["password"] = "Scheduler-demo-1",
        });
        using var response = await http.PostAsync("/account/login", body, ct);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("error", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"signing in as {user} failed ({(int)response.StatusCode} {response.Headers.Location})");
        }

        return jar;
    }

    /// <summary>A client of this app signed in as <paramref name="user"/>, sending the header the API asks of POSTs.</summary>
    public async Task<HttpClient> ClientAsync(string user, CancellationToken ct)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = await SignInAsync(Url, user, ct), AllowAutoRedirect = false }) { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Add("X-Scheduler-Request", "1");
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
        if (!_ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; it is a temporary folder.
        }
    }

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
