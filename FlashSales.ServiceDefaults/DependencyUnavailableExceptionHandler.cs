using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FlashSales.ServiceDefaults;

/// <summary>
/// A service this one depends on is away (its circuit open, a call timed out, the connection failed, the database
/// unreachable or timing out): the caller gets 503 ProblemDetails with Retry-After, never a 500, and the log a warning
/// rather than an "unhandled exception" error.
/// </summary>
public sealed class DependencyUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DependencyUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (RetryAfter(exception) is not { } retryAfter) return false;
        logger.LogWarning("{Path}: a dependency is unavailable ({Error}); answered 503", httpContext.Request.Path, exception.Message);

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "A part of the shop is not answering right now; nothing was done. Retry after the time in Retry-After.",
            },
        });
    }

    public static TimeSpan? RetryAfter(Exception exception) => exception switch
    {
        BrokenCircuitException broken => broken.RetryAfter is { } after && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(5),
        TimeoutRejectedException or HttpRequestException => TimeSpan.FromSeconds(1),
        _ when IsTransientDatabaseError(exception) => TimeSpan.FromSeconds(1),
        _ => null,
    };

    // The driver says which errors a retry can cure (cannot connect, connection lost, lock wait timeout, deadlock);
    // EF Core wraps them. A connection that broke mid-statement (the server killed) surfaces as the socket's or the
    // stream's own exception, with or without a driver exception around it.
    private static bool IsTransientDatabaseError(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or System.Net.Sockets.SocketException or IOException or TimeoutException) return true;
        }
        return false;
    }
}
