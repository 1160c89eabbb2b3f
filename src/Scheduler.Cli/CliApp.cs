using System.CommandLine;
using Scheduler.Cli.Commands;
using Scheduler.Domain.History;
using Serilog;

namespace Scheduler.Cli;

/// <summary>A mistake in what the user gave us (a file, an option): reported plainly, exit code 2.</summary>
public sealed class UserInputException(string message) : Exception(message);

/// <summary>The command tree and the mapping from outcomes to exit codes: 0 success, 1 a check failed, 2 bad input.</summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int BadInput = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, NodaTime.IClock? clock = null, CancellationToken ct = default, TextReader? input = null)
    {
        var context = new CliContext(output, error, clock ?? NodaTime.SystemClock.Instance, input);
        var root = new RootCommand("Scheduler: contact-centre forecasting, staffing and rostering from the terminal.");
        root.Subcommands.Add(ErlangCommand.Create(context));
        root.Subcommands.Add(ForecastCommand.Create(context));
        root.Subcommands.Add(StaffCommand.Create(context));
        root.Subcommands.Add(ImportCommand.Create(context));
        root.Subcommands.Add(RosterCommands.Solve(context));
        root.Subcommands.Add(RosterCommands.Validate(context));
        root.Subcommands.Add(RosterCommands.Scenario(context));
        root.Subcommands.Add(CurtoisCommands.Create(context));
        root.Subcommands.Add(SimulateCommand.Create(context));
        root.Subcommands.Add(HireCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(BenchCommand.Create(context));
        root.Subcommands.Add(UsersCommand.Create(context));
        root.Subcommands.Add(UploadBench.Case(context));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors)
            {
                await error.WriteLineAsync($"error: {e.Message}");
            }

            await error.WriteLineAsync("Run with --help to see the options.");
            return BadInput;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (ImportException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return BadInput;
        }
        catch (Exception e) when (e is UserInputException or ArgumentException or FileNotFoundException or DirectoryNotFoundException)
        {
            Log.Information("Refused input: {Reason}", e.Message);
            await error.WriteLineAsync($"error: {e.Message}");
            return BadInput;
        }
    }
}

/// <summary>Where commands write: stdout for results, stderr for progress and errors; <paramref name="Input"/> replaces stdin in tests.</summary>
public sealed record CliContext(TextWriter Output, TextWriter Error, NodaTime.IClock Clock, TextReader? Input = null)
{
    /// <summary>A Spectre console for tables on plain text output (files, pipes, CI logs), wide enough not to wrap.</summary>
    public static Spectre.Console.IAnsiConsole PlainConsole(TextWriter output)
    {
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(output),
            Ansi = Spectre.Console.AnsiSupport.No,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 160;
        return console;
    }

    /// <summary>Progress lines on stderr, with elapsed time, so piped stdout (JSON, CSV) stays clean.</summary>
    public IProgress<string> Progress(string task)
    {
        return new LineProgress(Error, task);
    }

    private sealed class LineProgress(TextWriter writer, string task) : IProgress<string>
    {
        private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

        public void Report(string value) => writer.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {task}: {value}");
    }
}
