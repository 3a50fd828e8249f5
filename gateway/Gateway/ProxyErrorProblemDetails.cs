using Yarp.ReverseProxy.Forwarder;

namespace FlashSales.Gateway;

internal static class ProxyErrorProblemDetails
{
    /// <summary>
    /// When YARP cannot reach a service it answers 502/503/504 with an empty body; callers get a ProblemDetails
    /// saying which, without the internal exception.
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
            StatusCodes.Status504GatewayTimeout => ("Service timed out", "The service behind the gateway did not answer in time."),
            StatusCodes.Status503ServiceUnavailable => ("Service unavailable", "No healthy instance of the service is available."),
            _ => ("Bad gateway", "The gateway could not reach the service."),
        };
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail, Extensions = { ["forwarderError"] = error.Error.ToString() } },
        });
    });
}
