using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Entities;
using Scheduler.Data.Postgres;
using Scheduler.Web.Components;
using Scheduler.Web.Features.Account;
using Scheduler.Web.Features.Agents;
using Scheduler.Web.Features.Coverage;
using Scheduler.Web.Features.Demo;
using Scheduler.Web.Features.Forecast;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Roster;
using Scheduler.Web.Features.Requests;
using Scheduler.Web.Features.Schedule;
using Serilog;

namespace Scheduler.Web;

/// <summary>The composition root: everything Program.cs needs, in two calls.</summary>
public static class WebSetup
{
    public static WebApplicationBuilder AddSchedulerWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext());
        builder.Services.AddOptions<SchedulerWebOptions>().BindConfiguration("Scheduler");
        var options = builder.Configuration.GetSection("Scheduler").Get<SchedulerWebOptions>() ?? new SchedulerWebOptions();

        builder.Services.TryAddClock();
        var connectionString = ConnectionString(builder, options);
        Action<DbContextOptionsBuilder> database = options.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            ? o => o.UsePostgres(connectionString)
            : options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
                ? o => o.UseSqlite(connectionString)
                : throw new InvalidOperationException($"Scheduler:Provider '{options.Provider}' is not Sqlite or Postgres.");
        builder.Services.AddSchedulerData(database);
        builder.Services.AddDbContext<SchedulerDbContext>(database, ServiceLifetime.Scoped, ServiceLifetime.Singleton); // Identity's stores
        builder.Services.AddIdentity<SchedulerUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<SchedulerDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "scheduler.auth";
            // The JSON API answers with status codes; only pages redirect to the sign-in and "denied" pages.
            o.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();

        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<SiteSettings>();
        builder.Services.AddSingleton<QueueService>();
        builder.Services.AddSingleton<PlanningService>();
        builder.Services.AddSingleton<RosterJobs>();
        builder.Services.AddSingleton<RosterEditor>();
        builder.Services.AddSingleton<RosterViewCache>();
        builder.Services.AddSingleton<ForecastService>();
        builder.Services.AddSingleton<AgentService>();
        builder.Services.AddSingleton<MySchedule>();
        builder.Services.AddSingleton<CoverageService>();
        builder.Services.AddSingleton<Features.Requests.RequestService>();
        return builder;
    }

    public static async Task UseSchedulerWebAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
        await factory.MigrateAsync();
        var options = app.Configuration.GetSection("Scheduler").Get<SchedulerWebOptions>() ?? new SchedulerWebOptions();
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(options.SeedDemo, app.Environment.IsDevelopment(), CancellationToken.None, options.DemoAgents);

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseSerilogRequestLogging();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapAgentEndpoints();
        app.MapScheduleEndpoints();
        app.MapRequestEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    private static void TryAddClock(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(IClock)))
        {
            services.AddSingleton<IClock>(SystemClock.Instance);
        }
    }

    private static string ConnectionString(WebApplicationBuilder builder, SchedulerWebOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        if (options.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Scheduler:Provider is Postgres: set Scheduler:ConnectionString (Host=...;Database=...;Username=...;Password=...).");
        }

        var folder = Path.IsPathRooted(options.DataFolder) ? options.DataFolder : Path.Combine(builder.Environment.ContentRootPath, options.DataFolder);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "scheduler.db")}";
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
