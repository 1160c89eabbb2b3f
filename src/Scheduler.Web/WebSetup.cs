using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using MudBlazor.Services;
using NodaTime;
using Scheduler.Data;
using Scheduler.Data.Accounts;
using Scheduler.Data.Entities;
using Scheduler.Data.Postgres;
using Scheduler.Web.Components;
using Scheduler.Web.Features.Account;
using Scheduler.Web.Features.Agents;
using Scheduler.Web.Features.Audit;
using Scheduler.Web.Features.Coverage;
using Scheduler.Web.Features.Demo;
using Scheduler.Web.Features.Forecast;
using Scheduler.Web.Features.Planning;
using Scheduler.Web.Features.Requests;
using Scheduler.Web.Features.Roster;
using Scheduler.Web.Features.Schedule;
using Scheduler.Web.Features.Security;
using Serilog;
using Serilog.Events;

namespace Scheduler.Web;

/// <summary>A reason the app must not start (demo users in Production, say), told plainly.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);

/// <summary>The composition root: everything Program.cs needs, in two calls.</summary>
public static class WebSetup
{
    /// <summary>Sign-in time, kept in the cookie's properties so the absolute lifetime survives sliding renewals.</summary>
    public const string SignedInAtItem = ".scheduler.signedInAt";

    /// <summary>
    /// The content root is the app's own folder (appsettings.json, wwwroot, data/), whatever the working directory a
    /// service manager starts it in; --contentRoot or ASPNETCORE_CONTENTROOT still choose another.
    /// </summary>
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 } root ? root
            : args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)) ? null
            : AppContext.BaseDirectory,
    };

    public static WebApplicationBuilder AddSchedulerWeb(this WebApplicationBuilder builder)
    {
        // This host's own logger, not the process-wide static one (which stays the bootstrap logger for start-up failures):
        // two hosts in one process, as in the tests, must not write into each other's sinks.
        builder.Services.AddSerilog((services, logger) => logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services).Enrich.FromLogContext().Enrich.With<LogRedaction>(), preserveStaticLogger: true);
        builder.Services.AddOptions<SchedulerWebOptions>().BindConfiguration("Scheduler");
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration("Scheduler:Security");
        var options = builder.Configuration.GetSection("Scheduler").Get<SchedulerWebOptions>() ?? new SchedulerWebOptions();
        var security = builder.Configuration.GetSection("Scheduler:Security").Get<SecurityOptions>() ?? new SecurityOptions();

        builder.Services.TryAddClock();
        var connectionString = ConnectionString(builder, options);
        Action<DbContextOptionsBuilder> database = options.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            ? o => o.UsePostgres(connectionString)
            : options.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)
                ? o => o.UseSqlite(connectionString)
                : throw new InvalidOperationException($"Scheduler:Provider '{options.Provider}' is not Sqlite or Postgres.");
        builder.Services.AddSchedulerData(database);
        builder.Services.AddDbContext<SchedulerDbContext>(database, ServiceLifetime.Scoped, ServiceLifetime.Singleton); // Identity's stores
        builder.Services.AddDataProtection().SetApplicationName("Scheduler").PersistKeysToDbContext<SchedulerDbContext>();
        builder.Services.AddIdentity<SchedulerUser, IdentityRole>(SchedulerIdentity.Configure)
            .AddEntityFrameworkStores<SchedulerDbContext>()
            .AddDefaultTokenProviders()
            .AddSchedulerAccountRules()
            .AddClaimsPrincipalFactory<Localization.LanguageClaimsFactory>();
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = Localization.Languages.All.Select(Localization.Languages.Culture).ToList();
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.DefaultRequestCulture = new Microsoft.AspNetCore.Localization.RequestCulture(Localization.Languages.Culture(options.DefaultLanguage));
            o.RequestCultureProviders = [new Localization.UserCultureProvider()];
        });
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = security.Revalidation);
        builder.Services.ConfigureApplicationCookie(o => Cookie(o, security));
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<LoggedExceptionHandler>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<SolveJobsHealthCheck>("jobs");
        builder.Services.AddSolveJobs(options, connectionString);
        if (security.ForwardedHeaders)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(o => ForwardedHeaders(o, security));
        }

        if (security.Hsts)
        {
            builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        }

        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<SiteSettings>();
        builder.Services.AddSingleton<QueueService>();
        builder.Services.AddSingleton<Features.Holidays.HolidayCalendarService>();
        builder.Services.AddSingleton<PlanningService>();
        builder.Services.AddSingleton<RosterJobs>();
        builder.Services.AddSingleton<RosterSolveRun>();
        builder.Services.AddSingleton<RosterSimulations>();
        builder.Services.AddSingleton<StaffingGaps>();
        builder.Services.AddSingleton<StaffingGapRun>();
        builder.Services.AddSingleton<SimulationSources>();
        builder.Services.AddSingleton<RosterSimulationRun>();
        builder.Services.AddSingleton<RosterImprovementRun>();
        builder.Services.AddHostedService<RosterJobWatcher>();
        builder.Services.AddSingleton<RosterEditor>();
        builder.Services.AddSingleton<RosterViewCache>();
        builder.Services.AddSingleton<ActivityPlanning>();
        builder.Services.AddSingleton<ForecastService>();
        builder.Services.AddSingleton<AgentService>();
        builder.Services.AddSingleton<MySchedule>();
        builder.Services.AddSingleton<Features.SickCall.SickCallService>();
        builder.Services.AddSingleton<CoverageService>();
        builder.Services.AddSingleton<RequestService>();
        builder.Services.AddSingleton<Features.Overtime.OvertimeService>();
        builder.Services.AddSingleton<Features.Audit.AuditService>();
        builder.Services.AddSingleton<Features.Home.HomeService>();
        return builder;
    }

    public static async Task UseSchedulerWebAsync(this WebApplication app)
    {
        var chosen = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulerWebOptions>>().Value.DefaultLanguage;
        if (!Localization.Languages.All.Contains(chosen))
        {
            throw new StartupRefusedException($"Scheduler:DefaultLanguage is '{chosen}'; it must be one of {string.Join(", ", Localization.Languages.All)}.");
        }

        var factory = app.Services.GetRequiredService<IDbContextFactory<SchedulerDbContext>>();
        await factory.MigrateAsync();
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SchedulerWebOptions>>().Value;
        var security = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value;
        await app.Services.GetRequiredService<DemoSeeder>().SeedAsync(options.SeedDemo, app.Environment.IsDevelopment(), CancellationToken.None, options.DemoAgents, options.DemoHolidayLeave);
        if (!app.Environment.IsDevelopment() && await app.Services.GetRequiredService<AccountService>().DemoUsersAsync(CancellationToken.None) is { Count: > 0 } demo)
        {
            throw new StartupRefusedException(
                $"This database holds the demo users ({string.Join(", ", demo)}), whose password is published, and the app is running as {app.Environment.EnvironmentName}. " +
                "Remove them with `scheduler users remove-demo --db <the SQLite file>` (or `--provider Postgres --connection-string \"...\"`), or start on a new database.");
        }

        if (security.ForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            if (security.Hsts)
            {
                app.UseHsts();
            }
        }

        if (security.HttpsRedirection)
        {
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>(); // this app's logger (with its redaction), not the process-wide static one

            o.GetMessageTemplateProperties = (context, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(LogRedaction.Redact(path))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
            o.GetLevel = (context, _, error) => error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error
                : context.Request.Path.StartsWithSegments("/health") ? LogEventLevel.Verbose
                : LogEventLevel.Information;
        });
        app.UseStaticFiles();
        var fonts = Path.Combine(AppContext.BaseDirectory, "fonts");
        if (Directory.Exists(fonts))
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(fonts),
                RequestPath = "/fonts",
                OnPrepareResponse = c => c.Context.Response.Headers.CacheControl = "public, max-age=31536000, immutable",
            });
        }

        app.UseSameOriginCircuits();
        app.UseAuthentication();
        app.UseRequestLocalization(); // after authentication: a signed-in user's language is a claim in their cookie
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = SolveJobsHealthCheck.WriteAsync }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapAgentEndpoints();
        app.MapScheduleEndpoints();
        app.MapRequestEndpoints();
        app.MapAuditEndpoints();
        app.MapRosterJobEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    private static void Cookie(CookieAuthenticationOptions o, SecurityOptions security)
    {
        o.LoginPath = "/login";
        o.AccessDeniedPath = "/denied";
        o.Cookie.Name = "scheduler.auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever the request came over HTTPS (behind a proxy too, with forwarded headers)
        o.ExpireTimeSpan = security.IdleTimeout;
        o.SlidingExpiration = true;
        o.Events.OnValidatePrincipal = async context =>
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<IClock>().GetCurrentInstant();
            var signedIn = context.Properties.Items.TryGetValue(SignedInAtItem, out var text) && long.TryParse(text, out var ms)
                ? Instant.FromUnixTimeMilliseconds(ms)
                : context.Properties.IssuedUtc is { } issued ? Instant.FromDateTimeOffset(issued) : now;
            if (now - signedIn > Duration.FromTimeSpan(security.AbsoluteLifetime))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
        // The JSON API answers with status codes; only pages redirect to the sign-in and "denied" pages.
        o.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
    }

    private static void ForwardedHeaders(ForwardedHeadersOptions o, SecurityOptions security)
    {
        o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost;
        foreach (var proxy in security.KnownProxies)
        {
            o.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in security.KnownNetworks)
        {
            o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
    }

    private static void TryAddClock(this IServiceCollection services)
    {
        if (!services.Any(s => s.ServiceType == typeof(IClock)))
        {
            services.AddSingleton<IClock>(NodaTime.SystemClock.Instance);
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

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
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
