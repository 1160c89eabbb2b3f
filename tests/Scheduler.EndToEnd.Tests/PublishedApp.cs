using System.Diagnostics;
using System.Net;

namespace Scheduler.EndToEnd.Tests;

/// <summary>
/// The app as an administrator deploys it: `dotnet publish` into a folder outside the repository, the first
/// administrator made with the CLI, then `dotnet Scheduler.Web.dll` started in Production from yet another working
/// directory, and restarted on the same data.
/// </summary>
public sealed class PublishedApp : IAsyncDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("scheduler-deploy-").FullName;
    private readonly List<string> _log = [];
    private Process? _process;

    public string AppFolder => Path.Combine(_root, "app");

    public string DataFolder => Directory.CreateDirectory(Path.Combine(_root, "data")).FullName;

    public string BaseUrl { get; } = $"http://127.0.0.1:{AppFixture.FreePort()}";

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log.TakeLast(60));
            }
        }
    }

    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>dotnet publish src/Scheduler.Web -c Release -o OUT (the build the test command already made).</summary>
    public async Task PublishAsync()
    {
        var project = Path.Combine(AppFixture.RepositoryRoot, "src", "Scheduler.Web", "Scheduler.Web.csproj");
        var (exit, output) = await RunAsync("dotnet", $"publish \"{project}\" -c {Configuration} --no-build -o \"{AppFolder}\"", null, TimeSpan.FromMinutes(5));
        if (exit != 0 || !File.Exists(Path.Combine(AppFolder, "Scheduler.Web.dll")))
        {
            throw new InvalidOperationException($"dotnet publish failed ({exit}):\n{output}");
        }
    }

    /// <summary>scheduler users add --db FILE --name NAME --role ROLE, the password on standard input.</summary>
    public async Task<(int Exit, string Output)> AddUserWithCliAsync(string name, string role, string password)
    {
        var cli = Path.Combine(AppFixture.RepositoryRoot, "src", "Scheduler.Cli", "bin", Configuration, "net10.0", "scheduler.dll");
        return await RunAsync("dotnet", $"\"{cli}\" users add --db \"{Path.Combine(DataFolder, "scheduler.db")}\" --name {name} --role {role}", password + "\n", TimeSpan.FromMinutes(2));
    }

    /// <summary>Starts the published app in Production from a working directory that is neither the repository nor the app folder.</summary>
    public async Task StartAsync()
    {
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "cwd")).FullName;
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppFolder, "Scheduler.Web.dll")}\"")
        {
            WorkingDirectory = elsewhere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["Scheduler__DataFolder"] = DataFolder;
        start.Environment["Scheduler__SeedDemo"] = "true";
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the published app");
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the published app exited with code {_process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK)
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

        throw new TimeoutException($"the published app did not become healthy in 120 s:\n{Log}");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans temp
        }
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Add(line);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string file, string arguments, string? input, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
