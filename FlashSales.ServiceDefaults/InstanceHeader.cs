using Microsoft.AspNetCore.Builder;

namespace FlashSales.ServiceDefaults;

public static class InstanceHeader
{
    public const string Name = "x-served-by";

    /// <summary>A random id per process, so a caller (or an operator reading a trace) can tell which replica answered.</summary>
    public static readonly string InstanceId = Guid.NewGuid().ToString("N")[..8];

    public static WebApplication UseInstanceHeader(this WebApplication app)
    {
        var value = $"{app.Environment.ApplicationName}/{InstanceId}";
        app.Use((context, next) =>
        {
            context.Response.Headers[Name] = value;
            return next(context);
        });
        return app;
    }
}
