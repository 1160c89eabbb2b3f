using NodaTime;
using Scheduler.Domain.History;

namespace Scheduler.Cli;

/// <summary>History read from one or more files (or folders of files) of one format.</summary>
public sealed record LoadedHistory(IReadOnlyList<IntervalObservation> Observations, DateTimeZone Zone, Duration IntervalLength, IReadOnlyList<HistoryImport> Files);

public static class HistoryFiles
{
    public static HistoryFormat ParseFormat(string? text) => text?.ToLowerInvariant() switch
    {
        null or "interval-csv" => HistoryFormat.IntervalCsv,
        "anonymous-bank" => HistoryFormat.AnonymousBank,
        "bank-calls" => HistoryFormat.BankCalls,
        _ => throw new UserInputException($"--format '{text}' is not one of interval-csv, anonymous-bank, bank-calls"),
    };

    /// <summary>Reads every file; a folder means every .csv and .txt file in it. All files are checked before any is used.</summary>
    public static LoadedHistory Load(IReadOnlyList<string> paths, HistoryFormat format, HistoryReadOptions options, IProgress<string>? progress = null)
    {
        if (paths.Count == 0)
        {
            throw new UserInputException("give at least one --history file");
        }

        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path).Where(f => f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new UserInputException($"history file '{path}' does not exist");
            }
        }

        var imports = new List<HistoryImport>();
        var errors = new List<ImportError>();
        foreach (var file in files)
        {
            progress?.Report($"reading {Path.GetFileName(file)}");
            try
            {
                imports.Add(HistoryReader.Read(file, format, options));
            }
            catch (ImportException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new ImportException(errors);
        }

        var length = imports[0].IntervalLength;
        var mismatch = imports.FirstOrDefault(i => i.IntervalLength != length);
        if (mismatch is not null)
        {
            throw new UserInputException($"{mismatch.SourceFile} has {mismatch.IntervalLength.TotalMinutes}-minute intervals but {imports[0].SourceFile} has {length.TotalMinutes}; pass --interval-minutes to merge them to one length");
        }

        var observations = imports.SelectMany(i => i.Observations).ToList();
        var duplicate = observations.GroupBy(o => (o.QueueId, o.Start)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new UserInputException($"queue '{duplicate.Key.QueueId}' has the interval {duplicate.Key.Start} in more than one file");
        }

        return new LoadedHistory(observations, imports[0].Zone, length, imports);
    }
}
