namespace Scheduler.Web.Features.Security;

/// <summary>The "Scheduler:Security" section: sessions, the calendar feed's lifetime, and what a reverse proxy needs.</summary>
public sealed class SecurityOptions
{
    /// <summary>A session ends after this many hours without a request (sliding).</summary>
    public double IdleTimeoutHours { get; set; } = 8;

    /// <summary>A session ends this many days after sign-in, however busy.</summary>
    public double AbsoluteLifetimeDays { get; set; } = 7;

    /// <summary>How often a session (cookie or open page) is checked against its account: a deactivated account loses access within it.</summary>
    public int RevalidateSeconds { get; set; } = 30;

    /// <summary>Days a new calendar-feed address works; 0 for no expiry.</summary>
    public int CalendarFeedDays { get; set; }

    /// <summary>Redirect HTTP to HTTPS (when Kestrel itself serves HTTPS).</summary>
    public bool HttpsRedirection { get; set; }

    /// <summary>Send Strict-Transport-Security (only where the site is always reached over HTTPS).</summary>
    public bool Hsts { get; set; }

    /// <summary>Honour X-Forwarded-For/-Proto/-Host from the proxies below (a reverse proxy terminating TLS).</summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>Addresses of the trusted reverse proxies ("127.0.0.1", "10.0.0.5"); loopback is trusted by default.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form ("10.0.0.0/24").</summary>
    public string[] KnownNetworks { get; set; } = [];

    public TimeSpan IdleTimeout => TimeSpan.FromHours(IdleTimeoutHours);

    public TimeSpan AbsoluteLifetime => TimeSpan.FromDays(AbsoluteLifetimeDays);

    public TimeSpan Revalidation => TimeSpan.FromSeconds(Math.Max(1, RevalidateSeconds));
}
