using Microsoft.AspNetCore.Diagnostics;

namespace Scheduler.Web.Features.Security;

/// <summary>
/// Outside Development an unhandled error shows the /error page with a reference (the request's trace identifier) and
/// no stack trace; the same reference is in the log line that holds the exception, so support can find it.
/// </summary>
internal sealed class LoggedExceptionHandler(ILogger<LoggedExceptionHandler> logger) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        logger.LogError(exception, "Unhandled error {CorrelationId} on {RequestMethod} {RequestPath}", httpContext.TraceIdentifier, httpContext.Request.Method, httpContext.Request.Path.Value);
        return ValueTask.FromResult(false); // the exception handler middleware goes on to render /error
    }
}
