using Microsoft.Extensions.Configuration;
using Scheduler.Cli;
using Serilog;

var configuration = new ConfigurationBuilder()
    .SetBasePath(AppContext.BaseDirectory)
    .AddJsonFile("appsettings.json", optional: true)
    .AddEnvironmentVariables("SCHEDULER_")
    .Build();

Log.Logger = new LoggerConfiguration()
    .ReadFrom.Configuration(configuration)
    .Enrich.FromLogContext()
    .CreateLogger();

try
{
    return await CliApp.RunAsync(args, Console.Out, Console.Error);
}
finally
{
    await Log.CloseAndFlushAsync();
}
