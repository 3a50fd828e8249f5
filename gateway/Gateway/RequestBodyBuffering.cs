using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace FlashSales.Gateway;

internal static class RequestBodyBuffering
{
    /// <summary>
    /// Waits for a request's whole body (at most the size cap) to arrive before it is forwarded.
    /// </summary>
    /// <remarks>
    /// Streamed through, a body still arriving when the service has already answered from the headers alone (a 401, a
    /// 404) leaves YARP's read of it pending when the response ends; Kestrel cannot finish that read and drops the
    /// connection after a response that said it would stay open, so the caller's next request on it fails
    /// (dotnet/yarp#2655, dotnet/aspnetcore#17840). Nothing is copied: the body stays in Kestrel's buffer, unconsumed,
    /// and the forwarder then reads it in one go. Kestrel refuses a body over the cap as it arrives (413), and bodies
    /// here are small JSON documents, which almost always arrive with their headers.
    /// </remarks>
    public static IApplicationBuilder UseRequestBodyBuffering(this IApplicationBuilder proxy) => proxy.Use(async (context, next) =>
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true)
        {
            var body = context.Request.BodyReader;
            ReadResult read;
            while (!(read = await body.ReadAsync(context.RequestAborted)).IsCompleted)
            {
                body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
            }
            body.AdvanceTo(read.Buffer.Start);
            // The forwarder reads Request.Body. Under Kestrel that stream reads this same pipe; under a server whose
            // pipe wraps the stream (the test server) the body now sits in the pipe, so the stream must read it there.
            context.Request.Body = body.AsStream(leaveOpen: true);
        }
        await next();
    });
}
