using Scheduler.Web;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateBootstrapLogger();
try
{
    var builder = WebApplication.CreateBuilder(WebSetup.Options(args));
    builder.AddSchedulerWeb();
    var app = builder.Build();
    await app.UseSchedulerWebAsync();
    await app.RunAsync();
    return 0;
}
catch (StartupRefusedException e)
{
    Log.Fatal("Scheduler cannot start: {Reason}", e.Message);
    return 1;
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "Scheduler web app stopped");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The app's entry point, visible to the tests that host it.</summary>
public partial class Program;
