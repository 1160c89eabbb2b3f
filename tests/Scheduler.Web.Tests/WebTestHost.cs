using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Data;
using Scheduler.Data.History;
using Scheduler.Data.Planning;
using Scheduler.Web.Features.Agents;
using Scheduler.Web.Features.Demo;
using Scheduler.Web.Features.Planning;

namespace Scheduler.Web.Tests;

/// <summary>The app's services over a real in-memory SQLite database with the real migrations and the demo centre seeded.</summary>
internal sealed class WebTestHost : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private WebTestHost(SqliteConnection connection)
    {
        _connection = connection;
        Factory = new ContextFactory(new DbContextOptionsBuilder<SchedulerDbContext>().UseSqlite(connection).Options);
        History = new HistoryStore(Factory, Clock);
        Rosters = new RosterStore(Factory, Clock);
        Queues = new QueueService(Factory, Site, Clock);
        Holidays = new Features.Holidays.HolidayCalendarService(Factory, Site, Clock, NullLogger<Features.Holidays.HolidayCalendarService>.Instance, History);
        Planning = new PlanningService(Factory, History, Site, Queues, Holidays, rosters: Rosters);
        Agents = new AgentService(Factory, Site, Clock);
        Views = new Features.Roster.RosterViewCache(Rosters);
        Requests = new Features.Requests.RequestService(Factory, Rosters, Views, Planning, Queues, Site, Clock, NullLogger<Features.Requests.RequestService>.Instance);
    }

    public Features.Roster.RosterViewCache Views { get; }

    public Features.Requests.RequestService Requests { get; }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 26, 6, 0)); // Thursday, when Rahima plans

    public IDbContextFactory<SchedulerDbContext> Factory { get; }

    public SiteSettings Site { get; } = new();

    public HistoryStore History { get; }

    public RosterStore Rosters { get; }

    public QueueService Queues { get; }

    public PlanningService Planning { get; }

    public Features.Holidays.HolidayCalendarService Holidays { get; }

    public AgentService Agents { get; }

    public static async Task<WebTestHost> CreateAsync(bool seed = true)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var host = new WebTestHost(connection);
        await host.Factory.MigrateAsync();
        if (seed)
        {
            await using var db = await host.Factory.CreateDbContextAsync();
            db.Sites.Add(Data.Entities.SiteEntity.From(host.Site.Staffing.Site));
            db.Agents.AddRange(DemoSeeder.Agents(host.Site.SiteId));
            db.Queues.AddRange(host.Site.Staffing.Queues.Select(q => Data.Entities.QueueEntity.From(q.Queue, host.Site.SiteId)));
            await db.SaveChangesAsync();
            using var writer = new StringWriter();
            Domain.Demo.DemoCentre.WriteHistory(Domain.Demo.DemoCentre.DataFolder(), writer);
            var import = Domain.History.HistoryReader.Read(new StringReader(writer.ToString()), "demo.csv", Domain.History.HistoryFormat.IntervalCsv);
            await host.History.ImportAsync("demo.csv", "interval-csv", import.Observations, default);
        }

        return host;
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private sealed class ContextFactory(DbContextOptions<SchedulerDbContext> options) : IDbContextFactory<SchedulerDbContext>
    {
        public SchedulerDbContext CreateDbContext() => new(options);
    }
}
