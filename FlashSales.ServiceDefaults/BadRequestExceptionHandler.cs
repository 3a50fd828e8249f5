using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace FlashSales.ServiceDefaults;

/// <summary>
/// Unreadable input (malformed or too deep JSON, a body over the size cap, a bad route or header value) is the caller's
/// error: its own 4xx ProblemDetails, logged at Information, never an "unhandled exception" at Error that drowns real ones.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        logger.LogInformation("{Method} {Path} rejected with {Status}: {Reason}",
            httpContext.Request.Method, httpContext.Request.Path, bad.StatusCode, bad.Message);

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request body too large" : "Bad request",
                Detail = bad.Message,
            },
        });
    }
}
