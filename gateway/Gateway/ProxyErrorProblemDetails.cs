using Yarp.ReverseProxy.Forwarder;

namespace FlashSales.Gateway;

internal static class ProxyErrorProblemDetails
{
    /// <summary>
    /// When YARP cannot reach a service it answers 502/503/504 with an empty body. Callers get a ProblemDetails without
    /// the internal exception: a body the caller broke keeps its 400/413; a service away (unreachable, no healthy
    /// instance, too slow) is a 503 with Retry-After, the one answer a client may retry (with its Idempotency-Key).
    /// </summary>
    public static IApplicationBuilder UseProxyErrorProblemDetails(this IApplicationBuilder proxy) => proxy.Use(async (context, next) =>
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted) return;

        var (title, detail) = context.Response.StatusCode switch
        {
            // The caller's own request body broke off or ran over the size cap: the caller's error, not the service's.
            StatusCodes.Status400BadRequest => ("Bad request", "The request body could not be read (cut off, or over the size cap)."),
            StatusCodes.Status413PayloadTooLarge => ("Request body too large", "The request body is over the size cap."),
            StatusCodes.Status504GatewayTimeout => ("Service unavailable", "The service behind the gateway did not answer in time."),
            StatusCodes.Status503ServiceUnavailable => ("Service unavailable", "No healthy instance of the service is available."),
            _ => ("Service unavailable", "The gateway could not reach the service."),
        };
        if (context.Response.StatusCode >= 500)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "1";
        }
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail,
                Extensions = { ["forwarderError"] = error.Error.ToString() } },
        });
    });
}
