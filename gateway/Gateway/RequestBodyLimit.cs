using Microsoft.AspNetCore.Http.Features;

namespace FlashSales.Gateway;

internal static class RequestBodyLimit
{
    /// <summary>
    /// A body announced larger than the cap (Limits:MaxRequestBodyBytes) is refused with 413 before it is proxied; a
    /// chunked one is refused (413) once the gateway, which reads bodies whole before forwarding them, passes the cap.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var cap = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (cap is { } max && context.Request.ContentLength > max)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // The body is never read, so the connection cannot carry another request: say so, or the client would
            // send its next request on a connection about to close.
            context.Response.Headers.Connection = "close";
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status413PayloadTooLarge, Title = "Request body too large",
                    Detail = $"Request bodies are capped at {max:N0} bytes." },
            });
            return;
        }
        await next();
    });
}
