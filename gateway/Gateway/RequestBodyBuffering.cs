using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace FlashSales.Gateway;

internal static class RequestBodyBuffering
{
    /// <summary>
    /// Reads a request's whole body (at most the size cap, in memory) before it is forwarded.
    /// </summary>
    /// <remarks>
    /// Streamed through, a body still arriving when the service has already answered from the headers alone (a 401, a
    /// 404) leaves YARP's read of it pending when the response ends; Kestrel cannot finish that read and drops the
    /// connection after a response that said it would stay open, so the caller's next request on it fails
    /// (dotnet/yarp#2655, dotnet/aspnetcore#17840). Bodies here are small JSON documents, so reading them first costs
    /// little and forwards each as one write.
    /// </remarks>
    public static IApplicationBuilder UseRequestBodyBuffering(this IApplicationBuilder proxy) => proxy.Use(async (context, next) =>
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            // Kestrel refuses a body over the cap as it reads it (413), so up to the cap is all that is ever held.
            var cap = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? Extensions.DefaultMaxRequestBodyBytes;
            context.Request.EnableBuffering(bufferThreshold: (int)Math.Min(cap, int.MaxValue));
            await context.Request.Body.DrainAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
        }
        await next();
    });
}
