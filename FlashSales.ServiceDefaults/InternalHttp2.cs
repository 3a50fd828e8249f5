using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FlashSales.ServiceDefaults;

/// <summary>
/// Calls between FlashSales' own processes (gateway → services, order → product, payment → order) use HTTP/2 without
/// TLS on a second endpoint: one connection carries every concurrent call, instead of a connection per call through
/// each proxy. Kestrel speaks cleartext HTTP/2 only on an endpoint that speaks nothing else, so the service keeps its
/// HTTP/1.1 endpoint for everyone else (health checks, browsers, the dashboard) and adds this one when the AppHost gives
/// it a port.
/// </summary>
public static class InternalHttp2
{
    /// <summary>The AppHost's endpoint name; service discovery finds it as <c>http://_h2c.&lt;service&gt;</c>.</summary>
    public const string EndpointName = "h2c";

    /// <summary>The variable carrying the endpoint's port.</summary>
    public const string PortVariable = "H2C_PORT";

    /// <summary>The address of a service's internal HTTP/2 endpoint, for a client's BaseAddress or a proxy's destination.</summary>
    public static Uri Address(string service) => new($"http://_{EndpointName}.{service}");

    public static void AddInternalHttp2Endpoint(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<int?>(PortVariable) is not { } port) return;
        var urls = (builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
        {
            // Endpoints set in code replace the configured URLs, so those are bound here too.
            foreach (var url in urls)
            {
                var (host, urlPort) = HostAndPort(url);
                if (urlPort != port) Listen(kestrel, host, urlPort, HttpProtocols.Http1AndHttp2);
            }
            Listen(kestrel, urls.Length > 0 ? HostAndPort(urls[0]).Host : "localhost", port, HttpProtocols.Http2);
            // Callers are our own processes, each with one or a few connections carrying every concurrent call: at
            // Kestrel's default of 100 streams a stampede would queue in the caller instead.
            kestrel.Limits.Http2.MaxStreamsPerConnection = MaxStreamsPerConnection;
        });
    }

    private const int MaxStreamsPerConnection = 1000;

    /// <summary>
    /// Makes a client call with HTTP/2 only (cleartext: prior knowledge), as the internal endpoint expects, opening a
    /// further connection when one carries as many calls as the server allows rather than queueing them.
    /// </summary>
    public static IHttpClientBuilder UseHttp2(this IHttpClientBuilder client) =>
        client
            .ConfigureHttpClient(http =>
            {
                http.DefaultRequestVersion = HttpVersion.Version20;
                http.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { EnableMultipleHttp2Connections = true });

    private static (string Host, int Port) HostAndPort(string url)
    {
        // "http://+:80" and "http://*:80" are not valid URIs.
        var uri = new Uri(url.Replace("://+", "://any").Replace("://*", "://any"));
        return (uri.Host, uri.Port);
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols)
    {
        if (host is "localhost") kestrel.ListenLocalhost(port, o => o.Protocols = protocols);
        else if (IPAddress.TryParse(host, out var address)) kestrel.Listen(address, port, o => o.Protocols = protocols);
        else kestrel.ListenAnyIP(port, o => o.Protocols = protocols);
    }
}
