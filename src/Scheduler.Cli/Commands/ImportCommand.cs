using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.History;
using Scheduler.Domain.History;
using Serilog;

namespace Scheduler.Cli.Commands;

/// <summary><c>import</c>: reads history files and stores them in the database, all or nothing.</summary>
public static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var history = ForecastCommand.HistoryOption();
        var format = ForecastCommand.FormatOption();
        var intervalMinutes = ForecastCommand.IntervalOption();
        var database = DatabaseOption();
        var command = new Command("import", "Store interval history in the database. A file with any bad line stores nothing.")
        {
            history, format, intervalMinutes, database,
        };
        command.SetAction(async (parse, ct) =>
        {
            var progress = context.Progress("import");
            var loaded = ForecastCommand.Load(parse, history, format, intervalMinutes, progress);
            var summary = await StoreAsync(parse.GetValue(database)!, string.Join(";", loaded.Files.Select(f => f.SourceFile)), loaded, ct);
            context.Output.WriteLine($"Imported {summary.RowCount:N0} intervals ({summary.ReplacedCount:N0} replaced) for {summary.QueueIds.Count} queue(s) into {parse.GetValue(database)}.");
            return CliApp.Ok;
        });
        return command;
    }

    internal static Option<string> DatabaseOption() => new("--db")
    {
        Description = "SQLite database file (created and migrated if new).",
        DefaultValueFactory = _ => "scheduler.db",
    };

    internal static async Task<HistoryImportSummary> StoreAsync(string databasePath, string fileName, LoadedHistory loaded, CancellationToken ct)
    {
        await using var provider = new ServiceCollection()
            .AddSingleton<IClock>(SystemClock.Instance)
            .AddSchedulerData($"Data Source={databasePath}")
            .BuildServiceProvider();
        var factory = provider.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
        await factory.MigrateAsync(ct);
        var store = provider.GetRequiredService<HistoryStore>();
        var format = loaded.Files[0].Format.ToString();
        var summary = await store.ImportAsync(fileName, format, loaded.Observations, loaded.Zone, ct);
        Log.Information("Imported {Rows} intervals from {File} into {Database}", summary.RowCount, fileName, databasePath);
        return summary;
    }
}
