using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// One instance of the app as its own process (the build the test command made), started with the settings given, so a
/// test can restart it, stop it the way a service manager does (SIGTERM) or kill it outright (SIGKILL) mid-solve.
/// </summary>
public sealed partial class AppInstance(string name, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    public const string Password = "Scheduler-demo-1";

    private readonly List<string> _log = [];
    private Process? _process;

    public string Name { get; } = name;

    public string BaseUrl { get; } = $"http://127.0.0.1:{AppFixture.FreePort()}";

    public int? ProcessId => _process?.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(80));
            }
        }
    }

    public static string WebDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(AppFixture.RepositoryRoot, "src", "Scheduler.Web", "bin", configuration, "net10.0", "Scheduler.Web.dll");
        }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet", $"\"{WebDll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(WebDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Scheduler__Jobs__InstanceId"] = Name;
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Name}");
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(180))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                var health = await http.GetAsync($"{BaseUrl}/health");
                if (health.StatusCode == HttpStatusCode.OK && (await health.Content.ReadAsStringAsync()).Contains("\"state\":\"Running\"", StringComparison.Ordinal))
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

        throw new TimeoutException($"{Name} did not become healthy in 180 s:\n{Log}");
    }

    /// <summary>SIGKILL: the process ends at once, as in a crash or an out-of-memory kill.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM, as systemd or a container runtime stops a service, and waits for the app to end.</summary>
    public async Task StopAsync(TimeSpan? within = null)
    {
        if (_process is { HasExited: false } process)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>A client signed in as <paramref name="user"/> through the sign-in form (its antiforgery token included).</summary>
    public async Task<HttpClient> SignInAsync(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
        var html = await client.GetStringAsync("/login");
        var token = TokenInput().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("no antiforgery token on /login");
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["userName"] = user,
            ["password"] = Password,
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"sign-in as {user} on {Name} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        client.DefaultRequestHeaders.Add("X-Scheduler-Request", "1");
        return client;
    }

    public static async Task<JsonElement> QueueSolveAsync(HttpClient client, string firstDate, int seconds, int weeks = 1)
    {
        var response = await client.PostAsJsonAsync("/api/roster/solves", new { firstDate, weeks, seconds });
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"queueing a solve of {firstDate} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> JobAsync(HttpClient client, string id) =>
        JsonDocument.Parse(await client.GetStringAsync($"/api/roster/solves/{id}")).RootElement.Clone();

    /// <summary>Reads the job until <paramref name="until"/> holds, through whichever clients answer (an instance may be down).</summary>
    public static async Task<JsonElement> WaitForAsync(IReadOnlyList<HttpClient> clients, string id, Func<JsonElement, bool> until, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        JsonElement last = default;
        while (clock.Elapsed < within)
        {
            foreach (var client in clients)
            {
                try
                {
                    last = await JobAsync(client, id);
                    if (until(last))
                    {
                        return last;
                    }

                    break;
                }
                catch (HttpRequestException)
                {
                    // that instance is down: ask the next
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"job {id} did not reach '{what}' within {within.TotalSeconds:0} s; last seen: {last}");
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Add(line);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
