using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>bench upload</c>: peak memory of reading a 50 MB history upload, garbage and valid, the way the web app reads it
/// now (streamed line by line, at most 200 errors kept) against the way it did before (the whole file read into a
/// string first). Each case runs in its own process, so its peak working set is its own.
/// </summary>
public static class UploadBench
{
    private const string Header = "queue,interval_start,interval_minutes,offered,answered,abandoned,handle_seconds,wait_seconds";

    public static Command Create(CliContext context)
    {
        var megabytes = new Option<int>("--megabytes") { Description = "Size of each generated file.", DefaultValueFactory = _ => 50 };
        var repeat = new Option<int>("--repeat") { Description = "Runs per case; the median is reported.", DefaultValueFactory = _ => 3 };
        var output = new Option<string>("--out") { Description = "Markdown file the results are appended to.", DefaultValueFactory = _ => "docs/benchmarks/upload.md" };
        var command = new Command("upload", "Peak memory of reading a 50 MB garbage and a 50 MB valid history upload, streamed against read-whole.") { megabytes, repeat, output };
        command.SetAction(async (parse, ct) =>
        {
            var size = parse.GetValue(megabytes);
            var runs = parse.GetValue(repeat);
            if (size is < 1 or > 500 || runs < 1)
            {
                throw new UserInputException("--megabytes must be 1-500 and --repeat at least 1");
            }

            var progress = context.Progress("bench upload");
            var folder = Directory.CreateTempSubdirectory("scheduler-upload-bench-").FullName;
            try
            {
                var garbage = Path.Combine(folder, "garbage.csv");
                var valid = Path.Combine(folder, "valid.csv");
                Write(garbage, size, GarbageLine);
                Write(valid, size, ValidLine);
                progress.Report($"files written: {new FileInfo(garbage).Length / 1e6:0.0} MB garbage, {new FileInfo(valid).Length / 1e6:0.0} MB valid");
                var results = new List<(string File, string Way, double PeakMb, double Seconds, string Outcome)>();
                foreach (var (file, label) in new[] { (garbage, "garbage"), (valid, "valid") })
                {
                    foreach (var way in new[] { "streamed", "read-whole" })
                    {
                        var peaks = new List<double>();
                        var times = new List<double>();
                        var outcome = string.Empty;
                        for (var r = 0; r < runs; r++)
                        {
                            var (peak, seconds, said) = await RunCaseAsync(file, way, ct);
                            peaks.Add(peak);
                            times.Add(seconds);
                            outcome = said;
                            progress.Report(string.Create(CultureInfo.InvariantCulture, $"{label} {way} run {r + 1}/{runs}: peak {peak:0} MB, {seconds:0.0} s, {said}"));
                        }

                        results.Add((label, way, Median(peaks), Median(times), outcome));
                    }
                }

                var date = context.Clock.GetCurrentInstant().InUtc().Date;
                var machine = $"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Split(' ')[0]} {RuntimeInformation.OSArchitecture}, .NET {Environment.Version}";
                foreach (var r in results)
                {
                    AppendRow(parse.GetValue(output)!, string.Create(CultureInfo.InvariantCulture, $"| {date:yyyy-MM-dd} | {machine} | {r.File} | {size} MB | {r.Way} | {runs} | {r.PeakMb:0} MB | {r.Seconds:0.0} s | {r.Outcome} |"));
                    await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r.File,-8} {r.Way,-10} peak working set {r.PeakMb,5:0} MB, {r.Seconds,5:0.0} s (median of {runs}): {r.Outcome}"));
                }
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }

            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The hidden child command: reads one file one way and prints "peakMB seconds outcome".</summary>
    public static Command Case(CliContext context)
    {
        var file = new Option<string>("--file") { Required = true };
        var way = new Option<string>("--way") { Required = true };
        var command = new Command("upload-case", "(used by bench upload) read one file one way in this process.") { file, way };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var options = new HistoryReadOptions
            {
                Zone = DateTimeZoneProviders.Tzdb["Asia/Dhaka"],
                KnownQueues = ["voice-bn", "voice-en", "chat-bn", "email-en"],
                NotAfter = Instant.FromUtc(2100, 1, 1, 0, 0),
            };
            var clock = Stopwatch.StartNew();
            string outcome;
            try
            {
                TextReader reader = parse.GetValue(way) == "read-whole" ? new StringReader(await File.ReadAllTextAsync(path, ct)) : new StreamReader(path);
                using (reader)
                {
                    var import = HistoryReader.Read(reader, Path.GetFileName(path), HistoryFormat.IntervalCsv, options);
                    outcome = $"{import.Observations.Count:N0} intervals read";
                }
            }
            catch (ImportException e)
            {
                outcome = $"refused: {e.Total:N0} errors, {e.Errors.Count} listed";
            }

            using var self = Process.GetCurrentProcess();
            self.Refresh();
            await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{self.PeakWorkingSet64 / 1e6:0.0} {clock.Elapsed.TotalSeconds:0.000} {outcome}"));
            return CliApp.Ok;
        });
        return command;
    }

    private static async Task<(double PeakMb, double Seconds, string Outcome)> RunCaseAsync(string file, string way, CancellationToken ct)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var arguments = self.EndsWith("dotnet", StringComparison.Ordinal) ? $"\"{typeof(UploadBench).Assembly.Location}\" upload-case" : "upload-case";
        var start = new ProcessStartInfo(self, $"{arguments} --file \"{file}\" --way {way}") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var parts = text.Trim().Split(' ', 3);
        if (process.ExitCode != 0 || parts.Length < 3)
        {
            throw new InvalidOperationException($"upload-case failed ({process.ExitCode}): {text}{await process.StandardError.ReadToEndAsync(ct)}");
        }

        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]);
    }

    private static void Write(string path, int megabytes, Func<int, string> line)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine(Header);
        var limit = (long)megabytes * 1_000_000;
        for (var i = 0; writer.BaseStream.Length < limit; i++)
        {
            writer.WriteLine(line(i));
            if (i % 10_000 == 0)
            {
                writer.Flush();
            }
        }
    }

    /// <summary>Lines of random text: every one an error.</summary>
    private static string GarbageLine(int i) => $"x{(long)i * 7919 % 100_003},not-a-time-{i},fifteen,lots,-1,,abc,{i}";

    /// <summary>Good intervals: four queues, a quarter-hour each, going back from 2026.</summary>
    private static string ValidLine(int i)
    {
        var queue = (i % 4) switch { 0 => "voice-bn", 1 => "voice-en", 2 => "chat-bn", _ => "email-en" };
        var start = new LocalDateTime(2010, 1, 3, 0, 0).PlusMinutes(15L * (i / 4));
        var offered = 10 + (i % 37);
        return string.Create(CultureInfo.InvariantCulture, $"{queue},{start:yyyy-MM-dd'T'HH:mm} Asia/Dhaka,15,{offered},{offered - 1},1,{180 * (offered - 1)},{i % 90}");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static void AppendRow(string path, string row)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (!File.Exists(full))
        {
            File.WriteAllText(full, """
                # Upload memory benchmark

                Made by `scheduler bench upload` (Release build). Each case runs in its own process; the figure is that
                process's peak working set (the .NET runtime alone is about 30 MB), median of `runs`. "streamed" is how the
                web app reads an upload now: spooled to disk, then `HistoryReader` over a `StreamReader`, at most 200 errors
                kept and the rest counted. "read-whole" is the baseline, how it read one before: the whole file as a string
                first. A garbage file is refused (every line an error); a valid one is read into observations, which a
                valid import must hold to store in one transaction.

                | date | machine | file | size | way | runs | peak working set | time | outcome |
                | --- | --- | --- | --- | --- | --- | --- | --- | --- |

                """);
        }

        File.AppendAllText(full, row + Environment.NewLine);
    }
}
